import ArgumentParser
import Foundation
import JibangAnalytics
import JibangCharts
import JibangCore
import JibangStore
import KoreanText

extension IndicatorCommand {
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
