import ArgumentParser
import Foundation
import JibangAnalytics
import JibangCharts
import JibangCore
import JibangStore
import KoreanText

/// `jibang indicator add|list`: economic series kept beside the corpus, each value sourced.
struct IndicatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator", abstract: "Economic indicators (name, unit, period, value, source) for figures and reports.",
        subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored indicator values with their sources.")
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let indicators = try await store.open().indicators()
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(indicators).trimmingCharacters(in: .newlines))
                case .csv:
                    emit(CSVLine.join(["name", "unit", "period", "value", "source", "note"]))
                    for i in indicators { emit(CSVLine.join([i.name, i.unit, i.period, Figures.number(i.value), i.source, i.note ?? ""])) }
                case .table:
                    var table = TextTable(["name", "period", "value", "unit", "source"])
                    for i in indicators { table.add([i.name, i.period, Figures.number(i.value), i.unit, i.source]) }
                    emit(table.render())
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an indicator value.",
            discussion: "Example: jibang indicator add \"GDP per capita\" --period 2019 --value 1400 --unit US$ --source https://…")
        @Argument(help: "The indicator's name, e.g. \"GDP per capita\".")
        var name: String
        @Option(help: "The period: 2019, 2019-06 or 2019-06-30.")
        var period: String
        @Option(help: "The value, a number.")
        var value: Double
        @Option(help: "The unit, e.g. US$, %, tonnes.")
        var unit: String
        @Option(help: "Where the figure comes from (a citation or URL); required.")
        var source: String
        @Option(help: "A note, e.g. \"as reported by North Korea\".")
        var note: String?
        @Flag(help: "Overwrite a value already stored for this name and period.")
        var replace = false
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("the indicator needs a name") }
            if DateParser.iso(period) == nil { throw ValidationError("--period \(period): expected 2019, 2019-06 or 2019-06-30") }
            if source.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--source is empty; every figure needs its source") }
            if !value.isFinite { throw ValidationError("--value \(value): expected a finite number") }
        }

        func run() async throws {
            try await reportingErrors {
                let indicator = Indicator(name: name, unit: unit, period: period, value: value, source: source, note: note)
                try await store.open().addIndicator(indicator, replace: replace)
                JibangCLI.note("stored \(name) \(period) = \(Figures.number(value)) \(unit)")
            }
        }
    }
}

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
