import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// Renders a trend result.
struct TrendView {
    let result: TrendResult

    func render(_ format: OutputFormat) -> String {
        let names = result.groups.map(\.name)
        switch format {
        case .json:
            return ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines)
        case .csv:
            return result.csvRows.map(CSVLine.join).joined(separator: "\n")
        case .table:
            var table = TextTable(["period", "outlet", "documents"] + names.flatMap { [$0, "‰"] })
            for row in result.rows {
                table.add(
                    [row.period, row.outlet, String(row.total)]
                        + names.flatMap { [String(row.counts[$0] ?? 0), row.rate($0).map { String(format: "%.2f", $0) } ?? "—"] })
            }
            var out = [table.render(), ""]
            let o = result.options
            out.append(
                "measure: \(result.measure.rawValue) per \(result.by.rawValue); \(result.documents) documents counted"
                    + (result.tooCoarse > 0 ? ", \(result.tooCoarse) left out (dated only to a coarser period)" : ""))
            out.append(
                "matching: initial-sound folding \(o.folding ? "on" : "off"), spacing-insensitive \(o.spacing ? "on" : "off"), substring \(o.substring ? "on" : "off")"
            )
            out.append(o.versionsNote)
            out.append(o.reprintsNote)
            for group in result.groups {
                let variants = group.variants.filter { $0.count > 0 }.map { "\($0.variant) \($0.count)" }
                out.append("\(group.name) = \(group.query)\n  matched: \(variants.isEmpty ? "nothing" : variants.joined(separator: ", "))")
                if let shares = TermReliance.shares(group) { out.append("  terms (share of hits): " + shares) }
                for note in TermReliance.peakNotes(result, group: group.name) {
                    out.append("  \(note): the JSON gives the series without it")
                }
            }
            return out.joined(separator: "\n")
        }
    }
}
