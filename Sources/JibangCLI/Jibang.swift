public import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// The `jibang` command: one subcommand per job. Each parses its flags, calls a library and
/// prints; errors become a message on stderr and an exit code.
public struct Jibang: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "jibang",
        abstract: "Track North Korea's Regional Development 20×10 programme and state-media attention, with sources.",
        discussion: """
            The store is a SQLite file (default ./jibang.sqlite, or --database / JIBANG_DATABASE), \
            created and seeded with the bundled gazetteer and programme record on first use.
            """,
        version: JibangVersion.description,
        subcommands: [
            Status.self, Sites.self, SiteCommand.self, Forecast.self, Place.self, Init.self, Import.self, Export.self, Add.self, Edit.self,
            Retract.self,
            Restore.self, Audit.self, DataCommand.self, ReleaseCommand.self,
            Ingest.self, Trend.self, Kwic.self, Collocates.self, CorpusCommand.self, Compare.self, Peaks.self, Report.self, IndicatorCommand.self,
            EventsCommand.self, EvidenceCommand.self, Serve.self, TokenCommand.self, StoreCommand.self, Migrate.self, Backup.self, Doctor.self,
        ],
        defaultSubcommand: Status.self
    )

    public init() {}
}
