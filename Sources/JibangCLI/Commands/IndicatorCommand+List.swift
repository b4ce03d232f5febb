import ArgumentParser
import Foundation
import JibangAnalytics
import JibangCharts
import JibangCore
import JibangStore
import KoreanText

extension IndicatorCommand {
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
}
