public import JibangCore

/// Observed and projected coverage of the programme (cities and counties with an inaugurated
/// wave site) by the end of each year: the observed counts as dots, the projection as a line
/// with its interval as a band, and the programme's target path (20 a year, 200 by 2033) as a
/// dashed line. Deterministic SVG; every string escaped.
public enum CoverageChart {
    public static func svg(_ forecast: ProgrammeForecast) -> String {
        let points = forecast.programme.coverage
        guard let first = points.first?.year, let last = points.last?.year else { return "" }
        let (width, height) = (640.0, 360.0)
        let (left, right, top, bottom) = (56.0, 20.0, 36.0, 44.0)
        let top200 = Double(max(forecast.programme.target, points.map(\.high).max() ?? 0))
        func x(_ year: Int) -> Double { left + Double(year - first) / Double(max(last - first, 1)) * (width - left - right) }
        func y(_ value: Double) -> Double { height - bottom - value / top200 * (height - top - bottom) }
        func n(_ v: Double) -> String { SVG.number(v) }
        var svg = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"\(SVG.escape(SVG.fontFamily))\" font-size=\"12\" role=\"img\" aria-label=\"Observed and projected coverage of the 20×10 programme\">",
            "<title>\(SVG.escape("Coverage: cities and counties with an inaugurated wave site, as of \(forecast.asOf)"))</title>",
            "<text x=\"\(n(left))\" y=\"20\" font-size=\"14\">\(SVG.escape("Cities and counties covered (an inaugurated wave site), as of \(forecast.asOf)"))</text>",
        ]
        for tick in stride(from: 0, through: Int(top200), by: 50) {
            svg.append(
                "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(Double(tick))))\" y2=\"\(n(y(Double(tick))))\" stroke=\"#ddd\"/><text x=\"\(n(left - 6))\" y=\"\(n(y(Double(tick)) + 4))\" text-anchor=\"end\">\(tick)</text>"
            )
        }
        for year in first...last {
            svg.append("<text x=\"\(n(x(year)))\" y=\"\(n(height - bottom + 18))\" text-anchor=\"middle\">\(year)</text>")
        }
        // The target path: 20 a year from the first wave.
        let target = (first...last).map { "\(n(x($0))),\(n(y(Double(min(forecast.programme.target, ($0 - first + 1) * Programme.yearlyTarget)))))" }
        svg.append(
            "<polyline points=\"\(target.joined(separator: " "))\" fill=\"none\" stroke=\"#777\" stroke-dasharray=\"5 4\"><title>target: 20 a year, 200 by 2033</title></polyline>"
        )
        let projected = points.filter { $0.observed == nil }
        if !projected.isEmpty {
            let band =
                projected.map { "\(n(x($0.year))),\(n(y(Double($0.high))))" }
                + projected.reversed().map { "\(n(x($0.year))),\(n(y(Double($0.low))))" }
            let level = Int((forecast.level * 100).rounded())
            svg.append(
                "<polygon points=\"\(band.joined(separator: " "))\" fill=\"\(SVG.colour(0))\" fill-opacity=\"0.18\" stroke=\"none\"><title>\(level) % interval</title></polygon>"
            )
            svg.append(
                "<polyline points=\"\(projected.map { "\(n(x($0.year))),\(n(y($0.expected)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(SVG.colour(0))\" stroke-width=\"2\"/>"
            )
            for p in projected {
                svg.append(
                    "<circle cx=\"\(n(x(p.year)))\" cy=\"\(n(y(p.expected)))\" r=\"3\" fill=\"\(SVG.colour(0))\"><title>\(p.year): expected \(n(p.expected)) (\(p.low)–\(p.high))</title></circle>"
                )
            }
        }
        for p in points {
            guard let observed = p.observed else { continue }
            svg.append(
                "<circle cx=\"\(n(x(p.year)))\" cy=\"\(n(y(Double(observed))))\" r=\"5\" fill=\"\(SVG.colour(1))\"><title>\(p.year): \(observed) observed</title></circle>"
            )
        }
        let legendY = height - 10
        svg.append(
            "<circle cx=\"\(n(left + 6))\" cy=\"\(n(legendY - 4))\" r=\"5\" fill=\"\(SVG.colour(1))\"/><text x=\"\(n(left + 16))\" y=\"\(n(legendY))\">observed</text>"
                + "<line x1=\"\(n(left + 90))\" x2=\"\(n(left + 114))\" y1=\"\(n(legendY - 4))\" y2=\"\(n(legendY - 4))\" stroke=\"\(SVG.colour(0))\" stroke-width=\"2\"/><text x=\"\(n(left + 120))\" y=\"\(n(legendY))\">projected, with its interval</text>"
                + "<line x1=\"\(n(left + 300))\" x2=\"\(n(left + 324))\" y1=\"\(n(legendY - 4))\" y2=\"\(n(legendY - 4))\" stroke=\"#777\" stroke-dasharray=\"5 4\"/><text x=\"\(n(left + 330))\" y=\"\(n(legendY))\">target</text>"
        )
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
