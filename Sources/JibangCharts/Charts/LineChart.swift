/// A multi-series line chart over categorical periods, with peak markers and event labels.
/// `svg()` is a pure function of the chart's values.
public struct LineChart: Sendable {
    public struct Line: Sendable {
        public var name: String
        /// One value per period; nil leaves a gap.
        public var values: [Double?]
        /// Palette index (defaults to the line's position).
        public var colour: Int?
        /// 0 solid, 1 dashed, 2 dotted, 3 dash-dot: a second way to tell lines apart.
        public var dash: Int

        public init(name: String, values: [Double?], colour: Int? = nil, dash: Int = 0) {
            self.name = name
            self.values = values
            self.colour = colour
            self.dash = dash
        }

        var dashAttribute: String {
            switch dash % 4 {
            case 1: " stroke-dasharray=\"7 4\""
            case 2: " stroke-dasharray=\"2 3\""
            case 3: " stroke-dasharray=\"8 3 2 3\""
            default: ""
            }
        }
    }

    /// A marked point: a line's value at a period, drawn as a ring.
    public struct Marker: Sendable {
        public var line: Int
        public var period: Int
        public var label: String

        public init(line: Int, period: Int, label: String) {
            self.line = line
            self.period = period
            self.label = label
        }
    }

    /// A vertical rule at a (fractional) period position with a label.
    public struct Annotation: Sendable {
        public var position: Double
        public var label: String

        public init(position: Double, label: String) {
            self.position = position
            self.label = label
        }
    }

    public var title: String
    public var subtitle: String?
    public var periods: [String]
    public var lines: [Line]
    public var yLabel: String
    public var markers: [Marker]
    public var annotations: [Annotation]
    public var width: Int
    public var height: Int
    /// Periods (indices) drawn on a shaded band, with the legend's words for them: periods
    /// where the corpus holds too few documents for the line to be trusted.
    public var shaded: [Int] = []
    public var shadedLabel = "shaded: under a quarter of the usual documents (a gap in the corpus)"

    public init(
        title: String, subtitle: String? = nil, periods: [String], lines: [Line], yLabel: String, markers: [Marker] = [],
        annotations: [Annotation] = [],
        width: Int = 860, height: Int = 480
    ) {
        self.title = title
        self.subtitle = subtitle
        self.periods = periods
        self.lines = lines
        self.yLabel = yLabel
        self.markers = markers
        self.annotations = annotations
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let left = 70.0
        let right = Double(width) - 20
        let top = 60.0
        let legendRows = (lines.count + 1) / 2 + (shaded.isEmpty ? 0 : 1)
        let bottom = Double(height) - 60 - Double(legendRows) * 18
        var out = SVG.open(width: width, height: height, title: title, description: subtitle)
        let y = LinearScale(values: lines.flatMap { $0.values.compactMap { $0 } }, range: (bottom, top))
        let step = periods.count > 1 ? (right - left - 20) / Double(periods.count - 1) : 0
        func x(_ i: Double) -> Double { periods.count > 1 ? left + 10 + i * step : (left + right) / 2 }
        // Thin coverage: a band behind each such period, under everything else.
        if !shaded.isEmpty {
            let half = periods.count > 1 ? step / 2 : 20
            out.append("<g class=\"low-coverage\" fill=\"#f3e1c4\">")
            for i in shaded where i >= 0 && i < periods.count {
                out.append(
                    "<rect x=\"\(SVG.number(x(Double(i)) - half))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(2 * half))\" height=\"\(SVG.number(bottom - top))\"><title>\(SVG.escape("\(periods[i]): few documents in the corpus"))</title></rect>"
                )
            }
            out.append("</g>")
        }
        // Axes and grid.
        out += SVG.valueAxis(y, left: left, right: right, top: top, bottom: bottom, label: yLabel)
        out.append(
            "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(bottom))\" x2=\"\(SVG.number(right))\" y2=\"\(SVG.number(bottom))\" stroke=\"#333333\"/>"
        )
        let every = max(1, Int((Double(periods.count) / ((right - left) / 44)).rounded(.up)))
        out.append("<g class=\"x-ticks\" fill=\"#333333\">")
        for (i, period) in periods.enumerated() where i % every == 0 || i == periods.count - 1 {
            out.append(
                "<line x1=\"\(SVG.number(x(Double(i))))\" y1=\"\(SVG.number(bottom))\" x2=\"\(SVG.number(x(Double(i))))\" y2=\"\(SVG.number(bottom + 4))\" stroke=\"#333333\"/>"
            )
            out.append(SVG.text(period, x: x(Double(i)), y: bottom + 18))
        }
        out.append("</g>")
        // Event rules, labelled vertically beside the rule (full text on hover).
        if !annotations.isEmpty {
            out.append("<g class=\"events\" fill=\"#666666\" font-size=\"10\">")
            for annotation in annotations {
                let ax = x(annotation.position)
                let short = annotation.label.count > 48 ? String(annotation.label.prefix(47)) + "…" : annotation.label
                out.append(
                    "<line x1=\"\(SVG.number(ax))\" y1=\"\(SVG.number(top))\" x2=\"\(SVG.number(ax))\" y2=\"\(SVG.number(bottom))\" stroke=\"#999999\" stroke-dasharray=\"3 3\"><title>\(SVG.escape(annotation.label))</title></line>"
                )
                out.append(
                    SVG.text(
                        short, x: ax - 3, y: top + 2, anchor: "end", extra: " transform=\"rotate(-90 \(SVG.number(ax - 3)) \(SVG.number(top + 2)))\"")
                )
            }
            out.append("</g>")
        }
        // Lines.
        for (n, line) in lines.enumerated() {
            let colour = SVG.colour(line.colour ?? n)
            var runs: [[String]] = [[]]
            for (i, value) in line.values.enumerated() {
                guard let value else {
                    runs.append([])
                    continue
                }
                runs[runs.count - 1].append("\(SVG.number(x(Double(i)))),\(SVG.number(y(value)))")
            }
            out.append("<g class=\"series\" data-name=\"\(SVG.escape(line.name))\">")
            for run in runs where !run.isEmpty {
                out.append(
                    "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(line.dashAttribute) points=\"\(run.joined(separator: " "))\"/>")
            }
            for (i, value) in line.values.enumerated() {
                guard let value else { continue }
                out.append(
                    "<circle cx=\"\(SVG.number(x(Double(i))))\" cy=\"\(SVG.number(y(value)))\" r=\"2.5\" fill=\"\(colour)\"><title>\(SVG.escape("\(line.name), \(periods[i]): \(SVG.label(value))"))</title></circle>"
                )
            }
            out.append("</g>")
        }
        // Peak markers.
        if !markers.isEmpty {
            out.append("<g class=\"peaks\">")
            for marker in markers where marker.line < lines.count && marker.period < periods.count {
                guard let value = lines[marker.line].values[marker.period] else { continue }
                out.append(
                    "<circle cx=\"\(SVG.number(x(Double(marker.period))))\" cy=\"\(SVG.number(y(value)))\" r=\"6\" fill=\"none\" stroke=\"\(SVG.colour(lines[marker.line].colour ?? marker.line))\" stroke-width=\"1.5\"><title>\(SVG.escape(marker.label))</title></circle>"
                )
            }
            out.append("</g>")
        }
        // Legend.
        out.append("<g class=\"legend\">")
        for (n, line) in lines.enumerated() {
            let lx = left + Double(n % 2) * ((right - left) / 2)
            let ly = bottom + 40 + Double(n / 2) * 18
            out.append(
                "<line x1=\"\(SVG.number(lx))\" y1=\"\(SVG.number(ly - 4))\" x2=\"\(SVG.number(lx + 24))\" y2=\"\(SVG.number(ly - 4))\" stroke=\"\(SVG.colour(line.colour ?? n))\" stroke-width=\"2\"\(line.dashAttribute)/>"
            )
            out.append(SVG.text(line.name, x: lx + 30, y: ly, anchor: "start"))
        }
        if !shaded.isEmpty {
            let ly = bottom + 40 + Double((lines.count + 1) / 2) * 18
            out.append(
                "<rect x=\"\(SVG.number(left))\" y=\"\(SVG.number(ly - 10))\" width=\"24\" height=\"12\" fill=\"#f3e1c4\"/>")
            out.append(SVG.text(shadedLabel, x: left + 30, y: ly, anchor: "start"))
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
