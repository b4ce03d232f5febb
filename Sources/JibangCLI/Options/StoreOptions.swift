import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// Where the store is: `--database`, else `JIBANG_DATABASE`, else ./jibang.sqlite.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite store file (created and seeded on first use).", valueName: "path"))
    var database: String?

    /// The address as given: `--database`, else `JIBANG_DATABASE`, else the default file.
    var given: String { database ?? Console.current.environment["JIBANG_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "jibang.sqlite" }

    var path: String { Console.current.resolve(given) }

    /// A URL is read as one (a typo in its scheme is an error, not a file of that name); the
    /// commands open SQLite stores only until the PostgreSQL store is complete.
    func validate() throws {
        do {
            if case .postgres(let address) = try StoreAddress(parsing: given) {
                throw ValidationError(
                    "this jibang cannot open a PostgreSQL store yet (\(address)); give a SQLite file path with --database or JIBANG_DATABASE")
            }
        } catch let error as JibangError {
            throw ValidationError("--database: \(error.message)")
        }
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
