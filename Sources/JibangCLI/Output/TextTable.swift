/// An aligned plain-text table for terminals. Hangul and other wide characters count as two
/// columns, so Korean names line up.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as text, columns separated by two spaces, a rule under the header.
    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { displayWidth($0.indices.contains(column) ? $0[column] : "") }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.indices.map { i in
                let cell = row[i]
                return i == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[i] - displayWidth(cell)))
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Terminal columns a string takes: 2 for Hangul, CJK and fullwidth forms, 0 for combining
/// marks, 1 otherwise.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        switch scalar.value {
        case 0x0300...0x036F: width
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0xFFE0...0xFFE6: width + 2
        default: width + 1
        }
    }
}
