import JibangCore

/// Small pieces every chart shares: escaping, number formatting, fonts, colours. Output is
/// deterministic: the same data always gives the same bytes.
package enum SVG {
    /// Fonts that render Hangul on common systems, ending with a generic family.
    package static let fontFamily =
        "'Noto Sans CJK KR', 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', NanumGothic, 'Source Han Sans KR', sans-serif"

    /// A colour-blind-safe palette (Okabe–Ito), cycled.
    package static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    package static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// Escapes text for XML and HTML content and attribute values (the server's pages use it too).
    package static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// A coordinate with at most two decimals, no trailing zeros, never "-0".
    package static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == 0 { return "0" }
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { text = String(Int(rounded)) }
        return text
    }

    /// A tick label: integers plainly, otherwise up to three significant decimals.
    package static func label(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        var text = String((value * 1000).rounded() / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The document head: size, title and description for assistive technology, the font, and
    /// the visible title with the description as its subtitle.
    package static func open(width: Int, height: Int, title: String, description: String?) -> [String] {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" font-family=\"\(escape(fontFamily))\" font-size=\"12\">",
            "<title>\(escape(title))</title>",
        ]
        if let description { lines.append("<desc>\(escape(description))</desc>") }
        lines.append("<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>")
        lines.append("<text x=\"\(width / 2)\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">\(escape(title))</text>")
        if let description { lines.append(text(description, x: Double(width) / 2, y: 42, size: 11, extra: " fill=\"#555555\"")) }
        return lines
    }

    /// Words in lines of at most `width` characters (a long word gets a line of its own).
    package static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Horizontal grid lines, tick labels and the rotated axis label of a value axis.
    package static func valueAxis(_ y: LinearScale, left: Double, right: Double, top: Double, bottom: Double, label: String) -> [String] {
        var out = ["<g class=\"axes\" stroke=\"#cccccc\" stroke-width=\"1\">"]
        for tick in y.ticks {
            out.append("<line x1=\"\(number(left))\" y1=\"\(number(y(tick)))\" x2=\"\(number(right))\" y2=\"\(number(y(tick)))\"/>")
        }
        out.append("</g>")
        out.append("<g class=\"y-ticks\" fill=\"#333333\">")
        for tick in y.ticks { out.append(text(self.label(tick), x: left - 6, y: y(tick) + 4, anchor: "end")) }
        out.append("</g>")
        out.append(text(label, x: 16, y: (top + bottom) / 2, extra: " transform=\"rotate(-90 16 \(number((top + bottom) / 2)))\""))
        return out
    }

    package static func text(_ content: String, x: Double, y: Double, anchor: String = "middle", size: Int? = nil, extra: String = "") -> String {
        let sizeAttribute = size.map { " font-size=\"\($0)\"" } ?? ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\"\(sizeAttribute)\(extra)>\(escape(content))</text>"
    }
}

/// A linear map from data to pixels with "nice" ticks (1, 2 or 5 × 10ⁿ).
package struct LinearScale {
    package let low: Double
    package let high: Double
    package let start: Double
    package let end: Double
    package let ticks: [Double]

    /// Covers `values` (and zero when `includeZero`), widened to round tick values.
    package init(values: [Double], range: (Double, Double), includeZero: Bool = true, tickCount: Int = 5) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if high == low { high = low + 1 }
        let rough = (high - low) / Double(tickCount)
        let magnitude = pow10(floor(log10(rough)))
        let residual = rough / magnitude
        let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        let first = floor(low / step) * step
        let last = ceil(high / step) * step
        self.low = first
        self.high = last
        var ticks: [Double] = []
        var tick = first
        while tick <= last + step / 2 {
            ticks.append((tick / step).rounded() * step)
            tick += step
        }
        self.ticks = ticks
        start = range.0
        end = range.1
    }

    package func callAsFunction(_ value: Double) -> Double {
        start + (value - low) / (high - low) * (end - start)
    }
}

private func pow10(_ x: Double) -> Double {
    var result = 1.0
    if x >= 0 {
        for _ in 0..<Int(x) { result *= 10 }
    } else {
        for _ in 0..<Int(-x) { result /= 10 }
    }
    return result
}

private func floor(_ x: Double) -> Double { x.rounded(.down) }
private func ceil(_ x: Double) -> Double { x.rounded(.up) }
private func log10(_ x: Double) -> Double {
    // Exact enough for choosing a tick magnitude without importing Foundation.
    guard x > 0 else { return 0 }
    var n = 0.0
    var v = x
    while v >= 10 {
        v /= 10
        n += 1
    }
    while v < 1 {
        v *= 10
        n -= 1
    }
    return n
}
