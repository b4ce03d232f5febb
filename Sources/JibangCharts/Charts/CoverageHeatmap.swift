import Foundation
public import JibangCorpus

/// Documents per outlet and period as a grid of cells, darker for more documents (log
/// scale), empty periods pale grey, and the periods flagged as likely holes in the corpus
/// outlined: where a trend should not be trusted. Deterministic SVG; every string escaped.
public enum CoverageHeatmap {
    public static func svg(_ cells: [CoverageCell], by unit: String) -> String {
        var periods: [String] = []
        var outlets: [String] = []
        for cell in cells {
            if !periods.contains(cell.period) { periods.append(cell.period) }
            if !outlets.contains(cell.outlet) { outlets.append(cell.outlet) }
        }
        guard !periods.isEmpty else { return "" }
        let left = 170.0
        let top = 70.0
        let cellWidth = max(2.0, min(24.0, 860.0 / Double(periods.count)))
        let cellHeight = 22.0
        let width = Int(left + cellWidth * Double(periods.count) + 20)
        let height = Int(top + cellHeight * Double(outlets.count) + 70)
        let most = Double(cells.map(\.total).max() ?? 1)
        var out = SVG.open(
            width: max(width, 480), height: height, title: "Documents in the corpus per \(unit) and outlet",
            description: "darker: more documents (log scale); outlined: under a quarter of the periods around it")
        let byKey = Dictionary(cells.map { ("\($0.outlet)\t\($0.period)", $0) }, uniquingKeysWith: { a, _ in a })
        for (row, outlet) in outlets.enumerated() {
            let y = top + Double(row) * cellHeight
            out.append(SVG.text(outlet, x: left - 8, y: y + cellHeight * 0.7, anchor: "end"))
            for (column, period) in periods.enumerated() {
                guard let cell = byKey["\(outlet)\t\(period)"] else { continue }
                let x = left + Double(column) * cellWidth
                let shade = cell.total == 0 ? 0 : log(Double(cell.total) + 1) / log(most + 1)
                let fill = cell.total == 0 ? "#eeeeee" : colour(shade)
                let outline = cell.low ? " stroke=\"#b35c00\" stroke-width=\"2\"" : " stroke=\"#ffffff\" stroke-width=\"0.5\""
                let note = cell.low ? ", few documents: a likely gap in the corpus" : ""
                out.append(
                    "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(cellWidth))\" height=\"\(SVG.number(cellHeight))\" fill=\"\(fill)\"\(outline)><title>\(SVG.escape("\(outlet), \(period): \(cell.total) documents\(note)"))</title></rect>"
                )
            }
        }
        let every = max(1, Int((44 / cellWidth).rounded(.up)))
        let labelY = top + Double(outlets.count) * cellHeight + 16
        for (column, period) in periods.enumerated() where column % every == 0 {
            out.append(SVG.text(period, x: left + (Double(column) + 0.5) * cellWidth, y: labelY, size: 10))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// From pale to the accent blue.
    static func colour(_ share: Double) -> String {
        let from = (0xDE, 0xEB, 0xF7)
        let to = (0x08, 0x45, 0x94)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * share).rounded()) }
        return String(format: "#%02X%02X%02X", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
    }
}
