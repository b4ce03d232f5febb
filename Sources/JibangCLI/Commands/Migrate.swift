import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangPostgres
import JibangStore

/// `jibang migrate --from SOURCE --to TARGET`: move a store's record between SQLite and
/// PostgreSQL, losslessly, and prove it.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a store's record between engines (a SQLite file and a PostgreSQL database, either way), losslessly.",
        discussion: """
            Copies the gazetteer, the programme record with its sources, the evidence queue and its decisions, indicators, \
            tokens (as hashes), sessions, releases and the audit trail, ids kept, into an empty target in one transaction; \
            then reads both back and compares every table and the programme export byte for byte. Exits 0 only when all \
            match. The source is not changed. A SQLite target must not exist yet; a PostgreSQL target must be an empty \
            database (or one `jibang` created but never seeded). The corpus does not move yet: a source whose corpus holds \
            documents is refused.
            """)

    @Option(help: ArgumentHelp("The store to copy: a SQLite file or a postgres:// URL.", valueName: "path-or-url"))
    var from: String
    @Option(
        help: ArgumentHelp(
            "The new store: a SQLite file that does not exist yet, or a postgres:// URL of an empty database.", valueName: "path-or-url"))
    var to: String

    func validate() throws {
        for (flag, text) in [("--from", from), ("--to", to)] {
            do { _ = try StoreAddress(parsing: text) } catch { throw ValidationError("\(flag): \(error.message)") }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let source = try address(from)
            let target = try address(to)
            guard source != target else { throw JibangError(.invalidInput, "--from and --to name the same store; give a new one to --to") }
            if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
                throw JibangError(.notFound, "no store at \(path); --from names an existing store")
            }
            if case .sqlite(let path) = target, FileManager.default.fileExists(atPath: path) {
                throw JibangError(.conflict, "\(path) exists already; --to names a new file (a move never overwrites)")
            }
            let documents = try corpusDocuments(source)
            guard documents == 0 else {
                throw JibangError(
                    .invalidInput,
                    "\(source) holds a corpus of \(documents) documents, which cannot move between engines yet (the corpus is not kept in PostgreSQL); "
                        + "between two SQLite files use `jibang store copy`")
            }
            note("moving the record from \(source) to \(target)…")
            let start = Date()
            let report = try await StoreMove.copy(from: try await open(source), to: try await open(target)) { note($0) }
            for (table, rows) in report.counts where rows > 0 {
                note("  " + table.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%8d rows", rows))
            }
            let targetDocuments = try corpusDocuments(target)
            note(
                "programme export: \(report.exportBytes) bytes, \(report.exportIdentical ? "identical" : "DIFFERENT") on both; "
                    + "corpus: \(documents) and \(targetDocuments) documents (the corpus does not move yet); "
                    + String(format: "%.1f s", Date().timeIntervalSince(start)))
            guard report.isLossless, targetDocuments == documents else {
                throw JibangError(
                    .storage,
                    "the copy differs from the source (\((report.differingTables + (report.exportIdentical ? [] : ["programme export"])).joined(separator: ", "))); "
                        + "the source is unchanged: keep using it and report this")
            }
            note("every table and the programme export match: \(target) holds the same record")
        }
    }

    func address(_ text: String) throws(JibangError) -> StoreAddress {
        switch try StoreAddress(parsing: text) {
        case .sqlite(let path): .sqlite(path: Console.current.resolve(path))
        case .postgres(let address): .postgres(address)
        }
    }

    /// Opens a store for the move: migrated to this binary's schema, never seeded.
    func open(_ address: StoreAddress) async throws(JibangError) -> any RecordDumping {
        switch address {
        case .sqlite(let path): try SQLiteStore.open(path: path)
        case .postgres(let address): try await PostgresStore.open(address)
        }
    }

    /// The documents in a SQLite store's corpus (none on PostgreSQL yet, and none in a store not yet created).
    func corpusDocuments(_ address: StoreAddress) throws(JibangError) -> Int {
        guard case .sqlite(let path) = address, FileManager.default.fileExists(atPath: path) else { return 0 }
        return try CorpusStore.open(path: path).fingerprint().documents
    }
}
