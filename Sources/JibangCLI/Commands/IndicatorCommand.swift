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
}
