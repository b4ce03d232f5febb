import Foundation
import JibangAnalytics
import JibangCharts
import JibangCorpus
import JibangEvidence
import JibangStore
import KoreanText

/// The trend explorer, the compare page, keyword in context and the evidence review queue.
enum CorpusPages {
    static func field(_ label: String, _ name: String, _ value: String?, placeholder: String = "", size: Int = 14) -> String {
        "<label>\(HTML.escape(label))<input name=\"\(name)\" value=\"\(HTML.escape(value ?? ""))\" placeholder=\"\(HTML.escape(placeholder))\" size=\"\(size)\"></label>"
    }

    static func select(_ label: String, _ name: String, _ options: [String], _ chosen: String) -> String {
        "<label>\(HTML.escape(label))<select name=\"\(name)\">" + options.map { "<option\($0 == chosen ? " selected" : "")>\($0)</option>" }.joined()
            + "</select></label>"
    }

    /// The filter inputs both forms share.
    static func filters(_ q: QueryParameters) -> String {
        select("Period · 기간", "by", PeriodUnit.allCases.map(\.rawValue), q.string("by") ?? "year")
            + select("Measure · 측정", "measure", Measure.allCases.map(\.rawValue), q.string("measure") ?? "documents")
            + field("Outlet · 매체", "outlet", q.string("outlet"), placeholder: "all", size: 12)
            + field("From · 부터", "from", q.string("from"), placeholder: "2010", size: 8)
            + field("To · 까지", "to", q.string("to"), placeholder: "2019", size: 8)
    }

    static func trend(_ q: QueryParameters, result: TrendResult?, events: [Event], error: String?) -> Page {
        let queries = q.all("q")
        var body = "<form class=\"q\" method=\"get\" action=\"/trend\">"
        for i in 0..<max(2, queries.count) {
            body += field(
                "Group \(i + 1) · 용어군", "q", i < queries.count ? queries[i] : nil,
                placeholder: i == 0 ? "regional-economy or 지방공업|지방경제" : "defence-industry", size: 26)
        }
        body += filters(q) + "<button type=\"submit\">Count</button></form>"
        body +=
            "<p class=\"muted\">Presets: regional-economy, defence-industry, defence-science, 20x10. Terms separated by |, \"quoted phrases\", -excluded. Korean matching folds 로동 = 노동, ignores spacing and finds words with particles.</p>"
        if let error { body += "<p class=\"gap\">\(HTML.escape(error))</p>" }
        guard let result, !result.groups.isEmpty else { return Page(title: "State-media trends", titleKo: "보도 추이", section: .trend, body: body) }
        let series = result.groups.map { Series(result, group: $0.name) }
        var peaks: [String: [Peak]] = [:]
        for s in series { peaks[s.name] = (try? PeakFinder().peaks(s)) ?? [] }
        let chart = Figures.lines(series, peaks: peaks, events: events, measure: result.measure, value: .count)
        body += "<figure>\(inlineSVG(chart.svg()))</figure>"
        let download = HTML.query(
            queries.map { ("q", $0) } + [("by", result.by.rawValue), ("measure", result.measure.rawValue)] + q.all("outlet").map { ("outlet", $0) }
                + [("from", q.string("from") ?? ""), ("to", q.string("to") ?? "")].filter { !$0.1.isEmpty })
        body +=
            "<p>Download: <a href=\"/api/v1/trend?\(HTML.escape(download))&amp;format=csv\">CSV</a> · <a href=\"/api/v1/trend?\(HTML.escape(download))\">JSON</a></p>"
        body += "<div class=\"scroll\"><table><thead><tr><th>Period</th><th>Outlet</th><th class=\"num\">Documents</th>"
        for g in result.groups { body += "<th class=\"num\">\(HTML.escape(g.name))</th><th class=\"num\">‰</th>" }
        body += "<th>Articles</th></tr></thead><tbody>"
        for row in result.rows {
            body += "<tr><td>\(HTML.escape(row.period))</td><td>\(HTML.escape(row.outlet))</td><td class=\"num\">\(row.total)</td>"
            for g in result.groups {
                body += "<td class=\"num\">\(row.counts[g.name] ?? 0)</td><td class=\"num\">\(String(format: "%.2f", row.per1000[g.name] ?? 0))</td>"
            }
            let days = result.by.period(label: row.period).map { result.by.days(of: $0) }
            if let days, let first = result.groups.first {
                let from = PartialDateText.iso(days.lowerBound)
                let to = PartialDateText.iso(days.upperBound)
                var pairs = [("q", first.query), ("from", from), ("to", to)]
                if row.outlet != "all" { pairs.append(("outlet", row.outlet)) }
                body += "<td><a href=\"/kwic?\(HTML.escape(HTML.query(pairs)))\">in context</a></td></tr>"
            } else {
                body += "<td></td></tr>"
            }
        }
        body += "</tbody></table></div><h2>Variants matched <span lang=\"ko\" class=\"muted\">일치한 표기</span></h2><ul>"
        for g in result.groups {
            let variants = g.variants.filter { $0.count > 0 }.map { "\($0.variant) \($0.count)" }
            body +=
                "<li><b>\(HTML.escape(g.name))</b> = \(HTML.escape(g.query)): \(HTML.escape(variants.isEmpty ? "nothing" : variants.joined(separator: ", ")))</li>"
        }
        body += "</ul><p class=\"muted\">\(result.documents) documents counted, measure: \(result.measure.rawValue) per \(result.by.rawValue).</p>"
        return Page(title: "State-media trends", titleKo: "보도 추이", section: .trend, body: body)
    }

    static func compare(_ q: QueryParameters, comparison: Comparison?, events: [Event], error: String?) -> Page {
        var body = "<form class=\"q\" method=\"get\" action=\"/compare\">"
        body += field("Group A · 용어군 가", "a", q.string("a"), placeholder: "regional-economy", size: 22)
        body += field("Group B · 용어군 나", "b", q.string("b"), placeholder: "defence-industry", size: 22)
        body += filters(q) + field("Lags · 시차", "lag", q.string("lag"), placeholder: "3", size: 3) + "<button type=\"submit\">Compare</button></form>"
        if let error { body += "<p class=\"gap\">\(HTML.escape(error))</p>" }
        guard let c = comparison else { return Page(title: "Compare two topics", titleKo: "두 주제 비교", section: .compare, body: body) }
        body +=
            "<div class=\"scroll\"><table><thead><tr><th>On</th><th>Method</th><th class=\"num\">r</th><th class=\"num\">p</th><th>95% CI</th><th class=\"num\">n</th></tr></thead><tbody>"
        for (on, x) in [("levels", c.pearson), ("levels", c.spearman), ("changes", c.differences.pearson), ("changes", c.differences.spearman)] {
            body +=
                "<tr><td>\(on)</td><td>\(x.method == .pearson ? "Pearson r" : "Spearman ρ")</td><td class=\"num\">\(String(format: "%.3f", x.r))</td><td class=\"num\">\(x.p < 0.0001 ? "&lt; 0.0001" : String(format: "%.4f", x.p))</td><td>[\(String(format: "%.3f", x.ciLow)), \(String(format: "%.3f", x.ciHigh))]</td><td class=\"num\">\(x.n)</td></tr>"
        }
        body += "</tbody></table></div>"
        if let best = c.bestLag {
            body +=
                "<p>Strongest lag: <b>\(best.lag)</b> \(HTML.escape(c.by.rawValue))(s), r = \(String(format: "%.3f", best.r)) (positive: A leads B).</p>"
        }
        body +=
            "<figure>\(inlineSVG(Figures.lines(c.series, peaks: c.peakDetails, events: events, measure: c.measure, value: c.options.value).svg()))</figure>"
        let lagChart = BarChart(
            title: "Correlation by lag", subtitle: "Pearson r of A at t with B at t + lag",
            bars: c.lags.map { .init(label: String($0.lag), value: $0.r) }, yLabel: "r")
        body += "<figure>\(inlineSVG(lagChart.svg()))</figure><figure>\(inlineSVG(Figures.scatter(c).svg()))</figure>"
        for s in c.series { body += "<p>Peaks of <b>\(HTML.escape(s.name))</b>: \(HTML.escape((c.peaks[s.name] ?? []).joined(separator: ", ")))</p>" }
        return Page(title: "Compare two topics", titleKo: "두 주제 비교", section: .compare, body: body)
    }

    static func kwic(_ q: QueryParameters, lines: [KWICHit]) -> Page {
        var body =
            "<form class=\"q\" method=\"get\" action=\"/kwic\">" + field("Term · 용어", "q", q.string("q"), size: 26)
            + field("From", "from", q.string("from"), size: 10) + field("To", "to", q.string("to"), size: 10)
            + "<button type=\"submit\">Show</button></form>"
        body +=
            "<div class=\"scroll\"><table><thead><tr><th>Date</th><th>Outlet</th><th>Title</th><th class=\"num\">Left</th><th>Match</th><th>Right</th></tr></thead><tbody>"
        for l in lines {
            body +=
                "<tr><td>\(HTML.escape(l.date))</td><td>\(HTML.escape(l.outlet))</td><td>\(HTML.escape(l.title))</td><td class=\"num\">\(HTML.escape(l.left))</td><td><b>\(HTML.escape(l.match))</b></td><td>\(HTML.escape(l.right))</td></tr>"
        }
        body += "</tbody></table></div><p class=\"muted\">\(lines.count) lines.</p>"
        return Page(title: "In context", titleKo: "용례", section: .trend, body: body)
    }

    static func review(_ candidates: [Candidate], message: String?) -> Page {
        var body = message.map { "<p class=\"gap\">\(HTML.escape($0))</p>" } ?? ""
        body +=
            "<p class=\"muted\">Candidates found in the corpus by <code>jibang evidence scan</code>. Accepting makes the article a source of the milestone; a token (editor) is required.</p>"
        if candidates.isEmpty { body += "<p>No candidates pending.</p>" }
        for c in candidates {
            body +=
                "<section><h2>#\(c.id ?? 0) \(HTML.escape(c.event.rawValue)) · \(HTML.escape(c.placeName ?? "province \(c.provinceID ?? "")")) · \(HTML.escape(c.date))</h2>"
            body +=
                "<p class=\"snippet\">\(HTML.escape(c.snippet))</p><p class=\"muted\">\(HTML.escape(c.documentDate)) \(HTML.escape(c.outlet)): \(HTML.escape(c.documentTitle)) · confidence \(String(format: "%.2f", c.confidence)) · \(HTML.escape(c.why))</p>"
            if let url = c.url, url.hasPrefix("http") { body += "<p><a href=\"\(HTML.escape(url))\" rel=\"noopener noreferrer\">the article</a></p>" }
            if let m = c.corroborates { body += "<p>Corroborates milestone #\(m).</p>" }
            if c.status == .pending, let id = c.id {
                body +=
                    "<form class=\"q\" method=\"post\" action=\"/review/\(id)\"><label>Token<input type=\"password\" name=\"token\" autocomplete=\"off\" required></label>"
                if c.placeID == nil { body += field("Place", "place", nil, placeholder: c.provinceSites.first ?? "", size: 18) }
                body +=
                    "<button name=\"decision\" value=\"accept\">Accept · 채택</button><button name=\"decision\" value=\"reject\" style=\"background:#8a93a3\">Reject · 기각</button></form>"
            } else {
                body += "<p><b>\(HTML.escape(c.status.rawValue))</b></p>"
            }
            body += "</section>"
        }
        return Page(title: "Evidence review", titleKo: "증거 검토", section: .review, body: body)
    }

    /// A chart's SVG without its XML declaration, for inline use.
    static func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: "\n") else { return svg }
        return String(svg[svg.index(after: end)...])
    }
}

/// ISO text of a day number.
enum PartialDateText {
    static func iso(_ day: Int) -> String {
        let (y, m, d) = PartialDate.civil(fromDayNumber: day)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
