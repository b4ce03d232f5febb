import ArgumentParser
import Foundation
import JibangAnalytics
import JibangCharts
import JibangCore
import JibangStore
import KoreanText

/// `jibang events`: the events figures are annotated with.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "List the events that annotate figures and peaks (bundled, plus --events FILE).")
    @Option(help: ArgumentHelp("An events CSV (date,label,source) in addition to the bundled events.", valueName: "file"))
    var events: String?
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            var options = AnalysisOptions()
            options.events = events
            let all = try options.loadEvents()
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(all).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["date", "label", "source"]))
                for e in all { emit(CSVLine.join([e.date, e.label, e.source])) }
            case .table:
                var table = TextTable(["date", "event", "source"])
                for e in all { table.add([e.date, e.label, e.source]) }
                emit(table.render())
            }
        }
    }
}
