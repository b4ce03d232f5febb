import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangPostgres
import JibangStore

/// Where the store is: `--database`, else `JIBANG_DATABASE`, else ./jibang.sqlite. A path is
/// the embedded SQLite store; a `postgres://` URL a team's PostgreSQL store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: a SQLite file (created and seeded on first use) or a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL.",
            valueName: "path-or-url"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "For a PostgreSQL store: the folder of this process's copy of the corpus and its index (a cache; deleting it costs a rebuild). "
                + "Default: JIBANG_INDEX_DIR, else a folder per database under ~/.cache/jibang/index. Not used with a SQLite store.",
            valueName: "folder"))
    var indexDir: String?

    /// The address as given: `--database`, else `JIBANG_DATABASE`, else the default file.
    var given: String { database ?? Console.current.environment["JIBANG_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "jibang.sqlite" }

    /// The store's address; a path is resolved against the current folder.
    var address: StoreAddress {
        switch try? StoreAddress(parsing: given) {
        case .postgres(let address): .postgres(address)
        default: .sqlite(path: Console.current.resolve(given))
        }
    }

    /// The SQLite file (for the commands that only work on one); see `sqlitePath(for:)`.
    var path: String { Console.current.resolve(given) }

    /// How messages name the store: the path, or the URL with its password masked.
    var shown: String { address.description }

    /// A URL is read as one: a typo in its scheme is an error, not a file of that name.
    func validate() throws {
        do { _ = try StoreAddress(parsing: given) } catch { throw ValidationError("--database: \(error.message)") }
    }

    /// The SQLite file, for commands that work on the file itself (backup, restore, doctor);
    /// on a PostgreSQL store they say what to use instead.
    func sqlitePath(for command: String, instead: String) throws(JibangError) -> String {
        guard case .sqlite(let path) = address else {
            throw JibangError(.invalidInput, "jibang \(command) works on a SQLite store file; for a PostgreSQL store, \(instead)")
        }
        return path
    }
}

extension StoreOptions {
    /// Opens the store, creating and seeding it on first use.
    func open() async throws(JibangError) -> any RecordStore {
        try await openSeeding(empty: false).store
    }

    /// Opens the store and seeds it as needed (`empty`: the gazetteer only, on first use).
    func openSeeding(empty: Bool) async throws(JibangError) -> (store: any RecordStore, seeded: SeedResult) {
        try await StoreOpening.open(address, empty: empty)
    }

    /// Opens the store's corpus (creating the store when missing). On PostgreSQL: the team's
    /// corpus, with this process's copy in the index folder brought up to date first.
    func openCorpus() async throws(JibangError) -> any CorpusDocumentStore {
        switch address {
        case .sqlite(let path):
            return try CorpusStore.open(path: path)
        case .postgres(let address):
            return try await TeamCorpus.open(address, indexFolder: indexFolder(for: address), progress: { note($0) })
        }
    }

    /// `--index-dir`, else `TeamCorpus.defaultIndexFolder` (JIBANG_INDEX_DIR, else a folder per
    /// database under the user's cache folder).
    func indexFolder(for address: PostgresAddress) -> String {
        let environment = Console.current.environment
        if let indexDir { return Console.current.resolve(indexDir) }
        return TeamCorpus.defaultIndexFolder(for: address, environment: environment, resolve: { Console.current.resolve($0) })
    }
}
