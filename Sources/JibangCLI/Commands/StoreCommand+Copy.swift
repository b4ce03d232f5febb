import ArgumentParser
import JibangBase
import JibangCore
import JibangStore

extension StoreCommand {
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a store with its corpus index (a consistent snapshot, even while it is in use).",
            discussion: """
                Copying jibang.sqlite alone leaves the index behind; this copies both. It never overwrites: DESTINATION \
                and DESTINATION.corpus must not exist.
                """)

        @Argument(help: "The store to copy, e.g. jibang.sqlite.")
        var source: String
        @Argument(help: "The new store's path.")
        var destination: String

        func run() async throws {
            try await reportingErrors {
                for text in [source, destination] {
                    if case .postgres = try? StoreAddress(parsing: text) {
                        throw JibangError(
                            .invalidInput,
                            "jibang store copy copies a SQLite store file; to move a store to or from PostgreSQL use `jibang migrate --from SOURCE --to TARGET` "
                                + "(between two PostgreSQL databases, pg_dump)")
                    }
                }
                let summary = try SQLiteStore.copy(from: Console.current.resolve(source), to: Console.current.resolve(destination))
                note(
                    "copied \(source) to \(destination): \(summary.documents) documents, \(summary.segments) index segments"
                        + (summary.missingSegments > 0
                            ? "; \(summary.missingSegments) segments were missing in the source: run `jibang corpus reindex --database \(destination)`"
                            : ""))
            }
        }
    }
}
