/// A bar chart: one bar per category, value printed above it. `svg()` is pure.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        /// Hover text (e.g. the source).
        public var note: String?

        public init(label: String, value: Double, note: String? = nil) {
            self.label = label
            self.value = value
            self.note = note
        }
    }

    public var title: String
    public var subtitle: String?
    public var bars: [Bar]
    public var yLabel: String
    /// Small print under the chart (the source), wrapped to the width.
    public var footnote: String?
    public var width: Int
    public var height: Int

    public init(title: String, subtitle: String? = nil, bars: [Bar], yLabel: String, footnote: String? = nil, width: Int = 860, height: Int = 420) {
        self.title = title
        self.subtitle = subtitle
        self.footnote = footnote
        self.bars = bars
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    public func svg() -> String {
        let left = 70.0
        let right = Double(width) - 20
        let top = 60.0
        let footnoteLines = footnote.map { SVG.wrap($0, width: (width - 40) / 6) } ?? []
        let bottom = Double(height) - 50 - Double(footnoteLines.count) * 13
        var out = SVG.open(width: width, height: height, title: title, description: subtitle)
        let y = LinearScale(values: bars.map(\.value), range: (bottom, top))
        out += SVG.valueAxis(y, left: left, right: right, top: top, bottom: bottom, label: yLabel)
        let slot = bars.isEmpty ? 0 : (right - left) / Double(bars.count)
        let barWidth = min(60, slot * 0.7)
        out.append("<g class=\"bars\">")
        for (i, bar) in bars.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let top = min(y(bar.value), y(0))
            let height = abs(y(bar.value) - y(0))
            let note = bar.note.map { " — \($0)" } ?? ""
            out.append(
                "<rect x=\"\(SVG.number(cx - barWidth / 2))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(barWidth))\" height=\"\(SVG.number(height))\" fill=\"\(SVG.colour(0))\"><title>\(SVG.escape("\(bar.label): \(SVG.label(bar.value))\(note)"))</title></rect>"
            )
            out.append(SVG.text(SVG.label(bar.value), x: cx, y: top - 4))
            out.append(SVG.text(bar.label, x: cx, y: bottom + 18))
        }
        out.append("</g>")
        out.append(
            "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(0)))\" x2=\"\(SVG.number(right))\" y2=\"\(SVG.number(y(0)))\" stroke=\"#333333\"/>")
        for (i, line) in footnoteLines.enumerated() {
            out.append(SVG.text(line, x: 20, y: bottom + 40 + Double(i) * 13, anchor: "start", size: 10, extra: " fill=\"#555555\""))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
