import Foundation
public import JibangCore

/// A site's milestones on a time axis: one row per stage, a mark per milestone at its latest
/// possible day, and a bar over the days it may have fallen on when it is not known to the
/// day (a month, a range, "on or before": drawn back 30 days and open-ended). Retracted and
/// planned milestones are drawn hollow. Deterministic SVG; every string escaped.
public enum SiteTimeline {
    public static func svg(_ sites: [Site]) -> String {
        let milestones = sites.flatMap { site in site.timeline.map { (site, $0) } }
        guard let first = milestones.map({ $0.1.date.earliest ?? $0.1.date.latest.adding(days: -30) }).min(),
            let last = milestones.map(\.1.date.latest).max()
        else { return "" }
        let start = first.adding(days: -20)
        let end = last.adding(days: 20)
        let span = Double(max(start.days(to: end), 1))
        let width = 640.0
        let rowHeight = 64.0
        let (left, right, top) = (110.0, 20.0, 24.0)
        let height = top + rowHeight * Double(sites.count) + 36
        func x(_ day: Day) -> Double { left + Double(start.days(to: day)) / span * (width - left - right) }
        func n(_ v: Double) -> String { SVG.number(v) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"\(SVG.escape(SVG.fontFamily))\" font-size=\"11\" role=\"img\" aria-label=\"Timeline of the site's milestones\">"
        ]
        // Year ticks.
        for year in start.year...end.year {
            guard let day = Day(year: year, month: 1, day: 1), day >= start, day <= end else { continue }
            svg.append(
                "<line x1=\"\(n(x(day)))\" x2=\"\(n(x(day)))\" y1=\"\(n(top - 8))\" y2=\"\(n(height - 28))\" stroke=\"#ddd\"/><text x=\"\(n(x(day)))\" y=\"\(n(height - 14))\" text-anchor=\"middle\" fill=\"#666\">\(year)</text>"
            )
        }
        for (row, site) in sites.enumerated() {
            let y = top + rowHeight * Double(row) + rowHeight / 2
            let label = (Programme.stage(id: site.stageID)?.label ?? site.stageID) + (site.isWaveSite ? "" : " (associated)")
            svg.append("<text x=\"4\" y=\"\(n(y + 4))\">\(SVG.escape(String(label.prefix(18))))</text>")
            svg.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"#bbb\"/>")
            for (index, m) in site.timeline.enumerated() {
                let colour = SVG.colour(Milestone.Kind.allCases.firstIndex(of: m.kind) ?? 0)
                let latest = x(m.date.latest)
                if m.date.exactDay == nil {
                    let from = x(m.date.earliest ?? m.date.latest.adding(days: -30))
                    let dash = m.date.earliest == nil ? " stroke-dasharray=\"3 3\"" : ""
                    svg.append(
                        "<line x1=\"\(n(from))\" x2=\"\(n(latest))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"\(colour)\" stroke-width=\"6\" stroke-opacity=\"0.45\"\(dash)/>"
                    )
                }
                let hollow = !m.hasHappened
                let title = SVG.escape(
                    "\(m.eventLabel) \(m.date.humanDescription)\(m.retraction != nil ? " (retracted)" : m.status == .planned ? " (planned)" : "")")
                svg.append(
                    "<circle cx=\"\(n(latest))\" cy=\"\(n(y))\" r=\"5\" fill=\"\(hollow ? "#fff" : colour)\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(title)</title></circle>"
                )
                let labelY = index % 2 == 0 ? y - 10 : y + 18
                svg.append(
                    "<text x=\"\(n(latest))\" y=\"\(n(labelY))\" text-anchor=\"middle\" fill=\"#333\">\(SVG.escape(m.eventLabel.replacingOccurrences(of: "_", with: " ")))</text>"
                )
            }
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
