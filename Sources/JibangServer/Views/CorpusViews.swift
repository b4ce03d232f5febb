import Foundation
import JibangAnalytics
import JibangBase
import JibangCharts
import JibangCorpus
import JibangEvidence
import KoreanText
import Mustache

/// The trend explorer, the compare page, keyword in context and the evidence review queue, as
/// plain values for their templates.
enum CorpusPages {
    /// The period, measure, outlet and date inputs both forms share.
    struct Filters {
        let by, measure: FormSelect
        let outlet, from, to: FormField

        init(_ q: QueryParameters) {
            by = FormSelect("Period · 기간", "by", PeriodUnit.allCases.map(\.rawValue), chosen: q.string("by") ?? "year")
            measure = FormSelect("Measure · 측정", "measure", Measure.allCases.map(\.rawValue), chosen: q.string("measure") ?? "documents")
            outlet = FormField("Outlet · 매체", "outlet", q.string("outlet"), placeholder: "all", size: 12)
            from = FormField("From · 부터", "from", q.string("from"), placeholder: "2010", size: 8)
            to = FormField("To · 까지", "to", q.string("to"), placeholder: "2019", size: 8)
        }
    }

    // MARK: - Trend

    struct TrendView {
        struct Result {
            struct Row {
                struct Cell {
                    let count: Int
                    let per1000: String
                }

                let period, outlet: String
                let total: Int
                let cells: [Cell]
                let kwic: String?
            }

            struct Variants {
                let name, query, matched: String
                let terms: String?
                let reliance: [String]
                /// This page's address with the collocates of this group shown.
                let collocatesLink: String
            }

            struct Collocates {
                struct Row {
                    let word: String
                    let count: Int
                    let expected, llr: String
                }

                let group, summary: String
                let rows: [Row]
            }

            let chartSvg: String
            let download: String
            let groupNames: [String]
            let rows: [Row]
            let variants: [Variants]
            let collocates: Collocates?
            let documents: Int
            let measure, by: String
        }

        let frame = Frame("State-media trends", "보도 추이", section: .trend)
        let groups: [FormField]
        let filters: Filters
        let error: String?
        let result: Result?
    }

    static func trend(_ q: QueryParameters, result: TrendResult?, events: [Event], error: String?, collocates: CollocateResult? = nil) -> Page {
        let queries = q.all("q")
        let groups = (0..<max(2, queries.count)).map { i in
            FormField(
                "Group \(i + 1) · 용어군", "q", i < queries.count ? queries[i] : nil,
                placeholder: i == 0 ? "regional-economy or 지방공업|지방경제" : "defence-industry", size: 26)
        }
        var shown: TrendView.Result?
        if let result, !result.groups.isEmpty {
            let series = result.groups.map { Series(result, group: $0.name) }
            var peaks: [String: [Peak]] = [:]
            for s in series { peaks[s.name] = (try? PeakFinder().peaks(s)) ?? [] }
            let outlets = q.all("outlet")
            let chart = Figures.lines(
                series, peaks: peaks, events: events, measure: result.measure, value: .count,
                lowCoverage: result.lowPeriods(outlet: outlets.count == 1 && result.rows.contains { $0.outlet == outlets[0] } ? outlets[0] : "all"))
            let download = QueryString.make(
                queries.map { ("q", $0) } + [("by", result.by.rawValue), ("measure", result.measure.rawValue)]
                    + q.all("outlet").map { ("outlet", $0) }
                    + [("from", q.string("from") ?? ""), ("to", q.string("to") ?? "")].filter { !$0.1.isEmpty })
            let rows = result.rows.map { row in
                var kwic: String?
                if let days = result.by.period(label: row.period).map({ result.by.days(of: $0) }), let first = result.groups.first {
                    var pairs = [
                        ("q", first.query), ("from", PartialDate.iso(dayNumber: days.lowerBound)),
                        ("to", PartialDate.iso(dayNumber: days.upperBound)),
                    ]
                    if row.outlet != "all" { pairs.append(("outlet", row.outlet)) }
                    kwic = QueryString.make(pairs)
                }
                return TrendView.Result.Row(
                    period: row.period, outlet: row.outlet, total: row.total,
                    cells: result.groups.map {
                        .init(count: row.counts[$0.name] ?? 0, per1000: row.rate($0.name).map { String(format: "%.2f", $0) } ?? "—")
                    },
                    kwic: kwic)
            }
            let variants = result.groups.map { g in
                let matched = g.variants.filter { $0.count > 0 }.map { "\($0.variant) \($0.count)" }
                return TrendView.Result.Variants(
                    name: g.name, query: g.query, matched: matched.isEmpty ? "nothing" : matched.joined(separator: ", "),
                    terms: TermReliance.shares(g), reliance: TermReliance.peakNotes(result, group: g.name),
                    collocatesLink: QueryString.make(q.parameters.pairs.filter { $0.0 != "collocates" } + [("collocates", g.name)]))
            }
            shown = .init(
                chartSvg: inlineSVG(chart.svg()), download: download, groupNames: result.groups.map(\.name), rows: rows, variants: variants,
                collocates: collocates.map { c in
                    .init(
                        group: c.group, summary: c.summary,
                        rows: c.rows.map {
                            .init(word: $0.word, count: $0.count, expected: String(format: "%.1f", $0.expected), llr: String(format: "%.1f", $0.llr))
                        })
                },
                documents: result.documents, measure: result.measure.rawValue, by: result.by.rawValue)
        }
        return Page(template: "trend", view: TrendView(groups: groups, filters: Filters(q), error: error, result: shown))
    }

    // MARK: - Compare

    struct CompareView {
        struct Result {
            struct Row {
                let on, method, r, p, low, high: String
                let n: Int
            }

            struct Lag {
                let lag: Int
                let by, r: String
            }

            struct Peaks {
                let name, periods: String
            }

            let correlations: [Row]
            /// r and ρ with each term left out.
            let leftOut: [LeftOut]
            let hasLeftOut: Bool
            let bestLag: Lag?
            let linesSvg, lagsSvg, scatterSvg: String
            let peaks: [Peaks]
            /// What to keep in mind reading the numbers: periods left out, changes of outlet or language.
            let cautions: [String]
        }

        struct LeftOut {
            let term, group, r, rho: String
        }

        let frame = Frame("Compare two topics", "두 주제 비교", section: .compare)
        let a, b, lag: FormField
        let filters: Filters
        let error: String?
        let result: Result?
    }

    static func compare(_ q: QueryParameters, comparison: Comparison?, events: [Event], error: String?) -> Page {
        var shown: CompareView.Result?
        if let c = comparison {
            let rows = [("levels", c.pearson), ("levels", c.spearman), ("changes", c.differences.pearson), ("changes", c.differences.spearman)].map {
                on, x in
                CompareView.Result.Row(
                    on: on, method: x.method == .pearson ? "Pearson r" : "Spearman ρ", r: String(format: "%.3f", x.r),
                    p: x.p < 0.0001 ? "< 0.0001" : String(format: "%.4f", x.p), low: String(format: "%.3f", x.ciLow),
                    high: String(format: "%.3f", x.ciHigh), n: x.n)
            }
            let lagChart = BarChart(
                title: "Correlation by lag", subtitle: "Pearson r of A at t with B at t + lag",
                bars: c.lags.map { .init(label: String($0.lag), value: $0.r) }, yLabel: "r")
            shown = .init(
                correlations: rows,
                leftOut: c.leaveOneOut.map { row in
                    CompareView.LeftOut(
                        term: row.term, group: row.group, r: row.pearson.map { String(format: "%.3f", $0) } ?? "—",
                        rho: row.spearman.map { String(format: "%.3f", $0) } ?? "—")
                }, hasLeftOut: !c.leaveOneOut.isEmpty,

                bestLag: c.bestLag.map { .init(lag: $0.lag, by: c.by.rawValue, r: String(format: "%.3f", $0.r)) },
                linesSvg: inlineSVG(
                    Figures.lines(
                        c.series, peaks: c.peakDetails, events: events, measure: c.measure, value: c.options.value, lowCoverage: Set(c.lowCoverage)
                    ).svg()),
                lagsSvg: inlineSVG(lagChart.svg()), scatterSvg: inlineSVG(Figures.scatter(c).svg()),
                peaks: c.series.map { .init(name: $0.name, periods: (c.peaks[$0.name] ?? []).joined(separator: ", ")) },
                cautions: cautions(c))
        }
        let view = CompareView(
            a: FormField("Group A · 용어군 가", "a", q.string("a"), placeholder: "regional-economy", size: 22),
            b: FormField("Group B · 용어군 나", "b", q.string("b"), placeholder: "defence-industry", size: 22),
            lag: FormField("Lags · 시차", "lag", q.string("lag"), placeholder: "3", size: 3), filters: Filters(q), error: error, result: shown)
        return Page(template: "compare", view: view)
    }

    /// The comparison's caveats in words, as the CLI prints them on stderr.
    static func cautions(_ c: Comparison) -> [String] {
        var cautions: [String] = []
        if !c.droppedPeriods.isEmpty {
            cautions.append("Left out, no documents (missing, not zero): \(c.droppedPeriods.joined(separator: ", ")).")
        }
        if !c.outletChanges.isEmpty {
            cautions.append(
                "The outlets change: \(c.outletChanges.map(\.description).joined(separator: " · ")). Compare one outlet to avoid mixing sources.")
        }
        if !c.languageChanges.isEmpty {
            cautions.append(
                "The languages change: \(c.languageChanges.map(\.description).joined(separator: " · ")). Texts in different languages are counted together there."
            )
        }
        return cautions
    }

    // MARK: - Keyword in context

    struct KWICView {
        let frame = Frame("In context", "용례", section: .trend)
        let term, from, to: FormField
        let lines: [KWICHit]
        let count: Int
    }

    static func kwic(_ q: QueryParameters, lines: [KWICHit]) -> Page {
        let view = KWICView(
            term: FormField("Term · 용어", "q", q.string("q"), size: 26), from: FormField("From", "from", q.string("from"), size: 10),
            to: FormField("To", "to", q.string("to"), size: 10), lines: lines, count: lines.count)
        return Page(template: "kwic", view: view)
    }

    // MARK: - Review

    /// A chart's SVG without its XML declaration, for inline use.
    static func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.firstIndex(of: "\n") else { return svg }
        return String(svg[svg.index(after: end)...])
    }
}

// A trend by day has tens of thousands of rows: their fields are looked up directly rather
// than by reflection.
extension CorpusPages.TrendView.Result.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "period": period
        case "outlet": outlet
        case "total": total
        case "cells": cells
        case "kwic": kwic
        default: nil
        }
    }
}

extension CorpusPages.TrendView.Result.Row.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "count": count
        case "per1000": per1000
        default: nil
        }
    }
}

// MARK: - Corpus: coverage and changes

extension CorpusPages {
    /// A change as the pages show it.
    struct ChangeCard {
        struct Version {
            let version: Int
            let observed, date, title: String
        }

        struct Run {
            let text: String
            let removed, added: Bool
        }

        struct Compared {
            let fromVersion, toVersion: Int
            let older, newer: [Run]
        }

        let documentId, documentQuery, outlet, summary: String
        let versions: [Version]
        let withdrawn: DocumentChange.Withdrawal?
        let compared: Compared?

        init(_ change: DocumentChange) {
            documentId = change.documentId
            documentQuery = QueryString.percent(change.documentId)
            outlet = change.outlet
            versions = change.versions.map {
                Version(version: $0.version, observed: $0.observedAt ?? "before versions were kept", date: $0.date, title: $0.title)
            }
            withdrawn = change.withdrawn
            if let withdrawn = change.withdrawn {
                summary = "withdrawn from \(withdrawn.source) (last seen \(withdrawn.lastSeen))"
            } else {
                let changed = change.diff.filter { $0.op != .equal }.count
                summary = "\(change.versions.count) versions, \(changed) passage(s) changed"
            }
            if let from = change.fromVersion, let to = change.toVersion {
                // Each side: its words in order, the other side's changes left out.
                let runs = change.diff.map {
                    Run(text: $0.op == .equal ? $0.abbreviated() : $0.text, removed: $0.op == .delete, added: $0.op == .insert)
                }
                compared = Compared(fromVersion: from, toVersion: to, older: runs.filter { !$0.added }, newer: runs.filter { !$0.removed })
            } else {
                compared = nil
            }
        }
    }

    struct CorpusView {
        let frame = Frame("Corpus", "말뭉치", section: .corpus)
        let by: FormSelect
        let outlet: FormField
        let error: String?
        let heatmapSvg: String
        let lowCount: Int
        let lowList: String
        let download: String
        let changes: [ChangeCard]
        let hasChanges: Bool
        let reprints: [ReprintCard]
    }

    /// A cluster of near-copies: its first member and the others with their differences.
    struct ReprintCard {
        struct Member {
            let documentId, outlet, date, title, similarity: String
            let wordsRemoved, wordsAdded: Int
        }

        let clusterId, firstOutlet, firstDate: String
        let size: Int
        let members: [Member]
    }

    /// Coverage per outlet and period as a heatmap, and the latest edited or withdrawn documents.
    static func corpus(_ q: QueryParameters, cells: [CoverageCell], changes: [DocumentChange], reprints: [ReprintCluster], error: String?) -> Page {
        let by = q.string("by") ?? PeriodUnit.month.rawValue
        let low = cells.filter { $0.low && $0.outlet == "all" }
        let view = CorpusView(
            by: FormSelect("Period · 기간", "by", PeriodUnit.allCases.map(\.rawValue), chosen: by),
            outlet: FormField("Outlet · 매체", "outlet", q.string("outlet"), placeholder: "all", size: 12), error: error,
            heatmapSvg: inlineSVG(CoverageHeatmap.svg(cells, by: by)), lowCount: low.count,
            lowList: low.prefix(24).map { "\($0.period) (\($0.total))" }.joined(separator: ", ") + (low.count > 24 ? "…" : ""),
            download: QueryString.make([("by", by)] + q.all("outlet").map { ("outlet", $0) }), changes: changes.map(ChangeCard.init),
            hasChanges: !changes.isEmpty,
            reprints: reprints.map { cluster in
                ReprintCard(
                    clusterId: cluster.clusterId, firstOutlet: cluster.firstOutlet, firstDate: cluster.firstDate, size: cluster.members.count,
                    members: cluster.members.dropFirst().map {
                        .init(
                            documentId: $0.documentId, outlet: $0.outlet, date: $0.date, title: $0.title,
                            similarity: String(format: "%.2f", $0.similarity),
                            wordsRemoved: $0.wordsRemoved, wordsAdded: $0.wordsAdded)
                    })
            })
        return Page(template: "corpus", view: view)
    }

    struct ChangesView {
        let frame = Frame("Edited and withdrawn documents", "수정·삭제된 기사", section: .corpus)
        let from, outlet, document: FormField
        let error: String?
        let changes: [ChangeCard]
    }

    /// Edited documents with their two latest versions side by side, and withdrawn ones.
    static func changes(_ q: QueryParameters, changes: [DocumentChange], error: String?) -> Page {
        let view = ChangesView(
            from: FormField("Observed from · 부터", "from", q.string("from"), placeholder: "2024-10-01", size: 12),
            outlet: FormField("Outlet · 매체", "outlet", q.string("outlet"), placeholder: "all", size: 12),
            document: FormField("Document id", "document", q.string("document"), size: 24), error: error, changes: changes.map(ChangeCard.init))
        return Page(template: "changes", view: view)
    }
}
