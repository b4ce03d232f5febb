import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus

/// `jibang corpus coverage`: documents per outlet and period, with likely holes flagged.
struct CorpusCoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "Documents per outlet and period, with the periods that look like holes in the corpus.",
        discussion: """
            A period is flagged low (▼) when it holds under a quarter of the median number of documents of the 12 \
            periods around it: more likely a scraper's gap than quiet news. Trend and compare figures shade such periods.
            """)

    @Option(help: "Period: year, month, week or day.")
    var by: PeriodUnit = .month
    @Option(help: "Only this outlet (repeatable).")
    var outlet: [String] = []
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let cells = try await store.openCorpus().coverage(by: by, outlets: outlet)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(cells).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["period", "outlet", "total", "low"]))
                for c in cells { emit(CSVLine.join([c.period, c.outlet, String(c.total), c.low ? "yes" : "no"])) }
            case .table:
                var outlets: [String] = []
                for c in cells where !outlets.contains(c.outlet) { outlets.append(c.outlet) }
                var table = TextTable([by.rawValue] + outlets)
                var row: [String] = []
                for c in cells {
                    if c.outlet == outlets[0] {
                        if !row.isEmpty { table.add(row) }
                        row = [c.period]
                    }
                    row.append(String(c.total) + (c.low ? " ▼" : ""))
                }
                if !row.isEmpty { table.add(row) }
                emit(table.render())
                let low = cells.filter(\.low)
                note(
                    low.isEmpty
                        ? "no period looks like a gap"
                        : "▼ \(low.count) period(s) hold under a quarter of the documents of the periods around them: likely gaps in the corpus")
            }
        }
    }
}
