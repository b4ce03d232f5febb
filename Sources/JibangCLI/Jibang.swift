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
        version: "0.1.0",
        subcommands: [
            Status.self, Sites.self, SiteCommand.self, Place.self, Init.self, Import.self, Export.self, Add.self,
            Ingest.self, Trend.self, Kwic.self, CorpusCommand.self, Compare.self, Peaks.self, Report.self, IndicatorCommand.self,
            EventsCommand.self, EvidenceCommand.self, Serve.self, TokenCommand.self,
        ],
        defaultSubcommand: Status.self
    )

    public init() {}
}

/// Where the store is: `--database`, else `JIBANG_DATABASE`, else ./jibang.sqlite.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite store file (created and seeded on first use).", valueName: "path"))
    var database: String?

    var path: String {
        Console.current.resolve(database ?? Console.current.environment["JIBANG_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "jibang.sqlite")
    }
}

extension StoreOptions {
    /// Opens the store, creating and seeding it on first use.
    func open() async throws(JibangError) -> any RecordStore {
        try await StoreBootstrap.open(path: path).store
    }

    /// Opens the store's corpus (creating the store when missing).
    func openCorpus() throws(JibangError) -> any CorpusDocumentStore {
        try CorpusStore.open(path: path)
    }
}

/// The `--year` and `--province` filters that `status` and `sites` share.
struct ScopeOptions: ParsableArguments {
    @Option(help: "Only the stage(s) of this year (2021 pilot, 2023 precursor, 2024–2033 waves).")
    var year: Int?
    @Option(help: "Only sites in this province (any spelling: \"North Phyongan\", 평안북도).")
    var province: String?

    /// The filter these options ask for; an unknown province is an error with suggestions.
    func filter(_ gazetteer: Gazetteer, progress: Site.Progress? = nil) throws(JibangError) -> SiteFilter {
        let provinceID = try province.map { name throws(JibangError) in
            try gazetteer.resolveProvince(name, at: InputLocation(file: "--province")).id
        }
        return SiteFilter(year: year, provinceID: provinceID, progress: progress)
    }
}

/// How to print results: an aligned table for people, CSV or JSON for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for people), csv or json (for scripts).")
    var format: OutputFormat = .table
}

/// Runs a command body, printing a `JibangError` as a message (and its hint as a flag) and
/// exiting with the code's exit status.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as JibangError {
        Console.current.writeError(ErrorReport.text(error))
        throw ExitCode(ErrorReport.exitCode(error.code))
    }
}
