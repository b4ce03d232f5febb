/// A scatter plot with its least-squares line. `svg()` is pure.
public struct ScatterChart: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        /// Shown beside the point and on hover (e.g. the year).
        public var label: String

        public init(x: Double, y: Double, label: String) {
            self.x = x
            self.y = y
            self.label = label
        }
    }

    public var title: String
    public var subtitle: String?
    public var points: [Point]
    public var xLabel: String
    public var yLabel: String
    public var width: Int
    public var height: Int

    public init(title: String, subtitle: String? = nil, points: [Point], xLabel: String, yLabel: String, width: Int = 640, height: Int = 560) {
        self.title = title
        self.subtitle = subtitle
        self.points = points
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// Slope and intercept of the ordinary least-squares line y = a + b·x, or nil when x is constant.
    public static func fit(_ points: [Point]) -> (intercept: Double, slope: Double)? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n
        let my = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        guard sxx > 0 else { return nil }
        let sxy = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let slope = sxy / sxx
        return (my - slope * mx, slope)
    }

    public func svg() -> String {
        let left = 70.0
        let right = Double(width) - 30
        let top = 60.0
        let bottom = Double(height) - 60
        var out = SVG.open(width: width, height: height, title: title, description: subtitle)
        let x = LinearScale(values: points.map(\.x), range: (left, right))
        let y = LinearScale(values: points.map(\.y), range: (bottom, top))
        out.append("<g class=\"axes\" stroke=\"#cccccc\">")
        for tick in y.ticks {
            out.append("<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(tick)))\" x2=\"\(SVG.number(right))\" y2=\"\(SVG.number(y(tick)))\"/>")
        }
        for tick in x.ticks {
            out.append("<line x1=\"\(SVG.number(x(tick)))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(x(tick)))\" y2=\"\(SVG.number(bottom))\"/>")
        }
        out.append("</g>")
        out.append("<g class=\"ticks\" fill=\"#333333\">")
        for tick in y.ticks { out.append(SVG.text(SVG.label(tick), x: left - 6, y: y(tick) + 4, anchor: "end")) }
        for tick in x.ticks { out.append(SVG.text(SVG.label(tick), x: x(tick), y: bottom + 18)) }
        out.append("</g>")
        out.append(SVG.text(xLabel, x: (left + right) / 2, y: bottom + 40))
        out.append(SVG.text(yLabel, x: 16, y: (top + bottom) / 2, extra: " transform=\"rotate(-90 16 \(SVG.number((top + bottom) / 2)))\""))
        if let line = Self.fit(points) {
            let x0 = x.low
            let x1 = x.high
            out.append(
                "<line class=\"fit\" x1=\"\(SVG.number(x(x0)))\" y1=\"\(SVG.number(y(line.intercept + line.slope * x0)))\" x2=\"\(SVG.number(x(x1)))\" y2=\"\(SVG.number(y(line.intercept + line.slope * x1)))\" stroke=\"\(SVG.colour(1))\" stroke-width=\"1.5\"><title>\(SVG.escape("least-squares fit: y = \(SVG.label(line.intercept)) + \(SVG.label(line.slope))·x"))</title></line>"
            )
        }
        out.append("<g class=\"points\" fill=\"\(SVG.colour(0))\">")
        for point in points {
            out.append(
                "<circle cx=\"\(SVG.number(x(point.x)))\" cy=\"\(SVG.number(y(point.y)))\" r=\"4\"><title>\(SVG.escape("\(point.label): \(SVG.label(point.x)), \(SVG.label(point.y))"))</title></circle>"
            )
            out.append(SVG.text(point.label, x: x(point.x) + 6, y: y(point.y) - 6, anchor: "start", size: 9, extra: " fill=\"#555555\""))
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
