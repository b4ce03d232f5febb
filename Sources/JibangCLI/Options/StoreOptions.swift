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
