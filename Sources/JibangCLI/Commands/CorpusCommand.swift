import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// `jibang corpus stats`.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Information about the ingested corpus, and index upkeep.",
        subcommands: [
            CorpusStatsCommand.self, CorpusCoverageCommand.self, CorpusChangesCommand.self, CorpusReprintsCommand.self, CorpusReindexCommand.self,
        ])
}
