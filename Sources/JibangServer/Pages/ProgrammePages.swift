import Foundation
import JibangCore

/// The overview, the site list and the site page.
enum ProgrammePages {
    static func overview(status: ProgrammeStatus, sites: [Site], gazetteer: Gazetteer) -> Page {
        var body = "<div class=\"cards\">"
        body +=
            "<div class=\"card\"><b>\(status.covered) / \(status.target)</b>cities and counties in a 20×10 wave<br><span lang=\"ko\" class=\"muted\">20×10 대상 시·군</span></div>"
        body += "<div class=\"card\"><b>\(sites.count)</b>sites with a record<br><span lang=\"ko\" class=\"muted\">기록된 대상지</span></div>"
        let inaugurated = sites.filter { $0.progress == .completed }.count
        body += "<div class=\"card\"><b>\(inaugurated)</b>sites inaugurated<br><span lang=\"ko\" class=\"muted\">준공된 대상지</span></div></div>"
        body +=
            "<h2>Progress by wave <span lang=\"ko\" class=\"muted\">연차별 진척</span></h2><div class=\"scroll\"><table><thead><tr><th>Stage</th><th class=\"num\">Target</th><th class=\"num\">Sites</th><th>Ground broken / inaugurated against the target</th><th class=\"num\">Cumulative</th></tr></thead><tbody>"
        for wave in status.waves {
            let target = wave.target ?? max(wave.sites, 1)
            let broken = min(100, wave.groundbreakings * 100 / max(target, 1))
            let done = min(100, wave.inaugurations * 100 / max(target, 1))
            body +=
                "<tr><td>\(HTML.escape(wave.label))</td><td class=\"num\">\(wave.target.map(String.init) ?? "—")</td><td class=\"num\">\(wave.sites)</td>"
            body +=
                "<td><div class=\"bar\" role=\"img\" aria-label=\"\(wave.groundbreakings) ground broken, \(wave.inaugurations) inaugurated of \(target)\"><span class=\"g\" style=\"width:\(broken)%\"></span><span style=\"width:\(done)%;position:relative\"></span></div>"
            body += "<span class=\"muted\">\(wave.groundbreakings) ground broken · \(wave.inaugurations) inaugurated</span></td>"
            body += "<td class=\"num\">\(wave.cumulativeDivisions.map(String.init) ?? "")</td></tr>"
        }
        body += "</tbody></table></div>"
        body +=
            "<h2>Map <span lang=\"ko\" class=\"muted\">지도</span></h2><figure class=\"map\">\(ProgrammeMap.svg(sites: sites, gazetteer: gazetteer))<figcaption class=\"muted\">Each dot is a city or county; programme sites are coloured by wave: a ring when planned, a dot when under construction, a larger dot when inaugurated. Hover for names and dates.</figcaption></figure>"
        body += "<h2>Latest milestones <span lang=\"ko\" class=\"muted\">최근 소식</span></h2>" + latest(sites: sites, gazetteer: gazetteer)
        return Page(title: "Regional Development 20×10", titleKo: "지방발전 20×10 정책", section: .overview, body: body)
    }

    static func latest(sites: [Site], gazetteer: Gazetteer, limit: Int = 12) -> String {
        let entries = sites.flatMap { site in site.milestones.map { (site, $0) } }.sorted { $0.1.date > $1.1.date }.prefix(limit)
        var html = "<div class=\"scroll\"><table><thead><tr><th>Date</th><th>Place</th><th>Event</th><th>Sources</th></tr></thead><tbody>"
        for (site, milestone) in entries {
            let division = gazetteer.division(id: site.divisionID)
            html +=
                "<tr><td>\(HTML.escape(milestone.date.humanDescription))</td><td><a href=\"/sites/\(HTML.escape(site.divisionID))\">\(HTML.escape(division?.englishName ?? site.divisionID))</a> <span lang=\"ko\">\(HTML.escape(division?.nameKo ?? ""))</span></td>"
            html += "<td>\(HTML.escape(milestone.eventLabel))</td><td>\(sourceLinks(milestone.sources))</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    static func sourceLinks(_ sources: [Source]) -> String {
        sources.map { source in
            let label = source.outlet ?? Source.host(of: source.url) ?? "source"
            guard source.url.hasPrefix("http://") || source.url.hasPrefix("https://") else { return HTML.escape("\(label): \(source.url)") }
            return "<a href=\"\(HTML.escape(source.url))\" rel=\"noopener noreferrer\">\(HTML.escape(label))</a>"
        }.joined(separator: ", ")
    }

    static func sites(_ sites: [Site], gazetteer: Gazetteer, year: Int?, province: String?, status: String?) -> Page {
        var form = "<form class=\"q\" method=\"get\" action=\"/sites\"><label>Year · 연도<select name=\"year\"><option value=\"\">all</option>"
        for y in [2021, 2023] + Array(Programme.years) { form += "<option\(y == year ? " selected" : "")>\(y)</option>" }
        form += "</select></label><label>Province · 도<select name=\"province\"><option value=\"\">all</option>"
        for p in gazetteer.provinces {
            form +=
                "<option value=\"\(HTML.escape(p.id))\"\(p.id == province ? " selected" : "")>\(HTML.escape(p.nameKCNA)) \(HTML.escape(p.nameKo))</option>"
        }
        form += "</select></label><label>Status · 상태<select name=\"status\"><option value=\"\">all</option>"
        for s in Site.Progress.allCases { form += "<option\(s.rawValue == status ? " selected" : "")>\(s.rawValue)</option>" }
        form += "</select></label><button type=\"submit\">Show</button></form>"
        var table =
            "<div class=\"scroll\"><table><thead><tr><th>Place</th><th>Province</th><th>Stage</th><th>Status</th><th>Ground broken</th><th>Inaugurated</th><th>Facilities</th></tr></thead><tbody>"
        for site in sites {
            let s = SiteSummary(site, gazetteer: gazetteer)
            table +=
                "<tr><td><a href=\"/sites/\(HTML.escape(s.divisionId))\">\(HTML.escape(s.name))</a> <span lang=\"ko\">\(HTML.escape(s.nameKo))</span></td><td>\(HTML.escape(s.province ?? ""))</td><td>\(HTML.escape(s.stage))</td><td>\(HTML.escape(s.status))</td>"
            table +=
                "<td>\(s.groundbreaking.map(HTML.escape) ?? "<span class=\"gap\">not reported</span>")</td><td>\(s.inauguration.map(HTML.escape) ?? "<span class=\"gap\">not reported</span>")</td><td>\(HTML.escape(s.facilities.joined(separator: ", ")))</td></tr>"
        }
        table +=
            "</tbody></table></div><p class=\"muted\">\(sites.count) sites. Gaps stay gaps: a date no source gives is shown as not reported. <a href=\"/api/v1/sites\">JSON</a></p>"
        return Page(title: "Sites", titleKo: "대상지", section: .sites, body: form + table)
    }

    static func site(division: Division, sites: [Site], gazetteer: Gazetteer) -> Page {
        let detail = SiteDetail(division: division, sites: sites, gazetteer: gazetteer)
        var body =
            "<p>\(HTML.escape(detail.province ?? "")) · \(HTML.escape(division.nameKo)) · RR \(HTML.escape(division.nameRR)) · MR \(HTML.escape(division.nameMR))</p>"
        if let note = Namesakes.note(for: division) { body += "<p class=\"muted\">\(HTML.escape(note))</p>" }
        for stage in detail.stages {
            body += "<h2>\(HTML.escape(Programme.stage(id: stage.stage)?.label ?? stage.stage)) — \(HTML.escape(stage.status))</h2>"
            body +=
                "<p><b>Pillars · 혁신체계:</b> \(HTML.escape(stage.pillars.isEmpty ? "none recorded" : stage.pillars.joined(separator: ", "))) · <b>Facilities · 시설:</b> \(HTML.escape(stage.facilities.map { $0.name ?? $0.kind.rawValue }.joined(separator: "; ")))</p>"
            body +=
                "<div class=\"scroll\"><table><thead><tr><th>Date</th><th>Event</th><th>Status</th><th>Actors</th><th>Note</th><th>Sources</th></tr></thead><tbody>"
            for m in stage.milestones {
                body +=
                    "<tr><td>\(HTML.escape(m.date.humanDescription))</td><td>\(HTML.escape(m.eventLabel))</td><td>\(HTML.escape(m.status.rawValue))</td><td>\(HTML.escape(m.actors.map(\.name).joined(separator: ", ")))</td><td>\(HTML.escape(m.note ?? ""))</td><td>\(sourceLinks(m.sources))</td></tr>"
            }
            body += "</tbody></table></div>"
            if !stage.milestones.contains(where: { $0.kind == .inauguration }) { body += "<p class=\"gap\">No dated inauguration yet.</p>" }
        }
        return Page(title: division.englishName, titleKo: division.nameKo, section: .sites, body: body)
    }
}

/// An SVG map of North Korea drawn from the gazetteer's coordinates: every city and county as
/// a grey dot (the country's shape emerges from them), province names, and programme sites
/// coloured by wave and filled by status.
enum ProgrammeMap {
    static let colours = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    static func svg(sites: [Site], gazetteer: Gazetteer) -> String {
        let (west, east, south, north) = (124.0, 131.0, 37.5, 43.1)
        let width = 560.0
        let height = 560.0 * (north - south) / ((east - west) * cos(40.0 * .pi / 180))
        func x(_ lon: Double) -> Double { (lon - west) / (east - west) * width }
        func y(_ lat: Double) -> Double { (north - lat) / (north - south) * height }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"Map of programme sites\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#f3f6fa\"/>"
        for d in gazetteer.localUnits {
            if let lat = d.lat, let lon = d.lon {
                svg +=
                    "<circle cx=\"\(n(x(lon)))\" cy=\"\(n(y(lat)))\" r=\"2.2\" fill=\"#c4cbd6\"><title>\(HTML.escape(d.englishName + " " + d.nameKo))</title></circle>"
            }
        }
        for p in gazetteer.provinces {
            if let lat = p.lat, let lon = p.lon {
                svg += "<text x=\"\(n(x(lon)))\" y=\"\(n(y(lat)))\" fill=\"#8a93a3\" text-anchor=\"middle\">\(HTML.escape(p.nameKCNA))</text>"
            }
        }
        let years = Array(Set(sites.compactMap { Programme.stage(id: $0.stageID)?.year })).sorted()
        for site in sites.sorted(by: { $0.stageID < $1.stageID }) {
            guard let d = gazetteer.division(id: site.divisionID), let lat = d.lat, let lon = d.lon,
                let year = Programme.stage(id: site.stageID)?.year
            else { continue }
            let colour = colours[(years.firstIndex(of: year) ?? 0) % colours.count]
            let dates = site.timeline.map { "\($0.eventLabel) \($0.date.humanDescription)" }.joined(separator: "; ")
            let title = HTML.escape("\(d.englishName) (\(d.nameKo)), \(year): \(site.progress.rawValue). \(dates)")
            let (r, fill) = site.progress == .completed ? (6.0, colour) : site.progress == .underConstruction ? (4.5, colour) : (4.5, "none")
            svg +=
                "<a href=\"/sites/\(HTML.escape(d.id))\"><circle cx=\"\(n(x(lon)))\" cy=\"\(n(y(lat)))\" r=\"\(n(r))\" fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(title)</title></circle></a>"
        }
        var lx = 10.0
        for (i, year) in years.enumerated() {
            svg +=
                "<circle cx=\"\(n(lx + 5))\" cy=\"\(n(height - 12))\" r=\"5\" fill=\"\(colours[i % colours.count])\"/><text x=\"\(n(lx + 13))\" y=\"\(n(height - 8))\">\(year)</text>"
            lx += 52
        }
        return svg + "</svg>"
    }
}
