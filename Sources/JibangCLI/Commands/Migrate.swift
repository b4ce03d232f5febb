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
        abstract: "Move a store (record and corpus) between engines: a SQLite file and a PostgreSQL database, either way, losslessly.",
        discussion: """
            Copies the gazetteer, the programme record with its sources, the evidence queue and its decisions, indicators, \
            tokens (as hashes), sessions, releases and the audit trail, ids kept, into an empty target in one transaction; \
            then reads both back and compares every table and the programme export byte for byte. Exits 0 only when all \
            match. Then the corpus: every document version, snapshot listing, ingest run and reprint cluster, row ids kept \
            (into PostgreSQL in one transaction; into a new SQLite file indexed as it goes), compared by the corpus \
            fingerprint `methods.md` prints and by its counts. The source is not changed. A SQLite target must not exist \
            yet; a PostgreSQL target must be an empty database (or one `jibang` created but never seeded). If a move \
            fails, delete the target (or drop the database) and run it again.
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
            try await Self.move(from: source, to: target)
        }
    }

    /// Moves the store at `source` (record, then corpus) into the new or empty `target` and
    /// proves it: what `migrate` does, and `backup` and `restore` on a PostgreSQL store.
    static func move(from source: StoreAddress, to target: StoreAddress) async throws(JibangError) {
        if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
            throw JibangError(.notFound, "no store at \(path); name an existing store to copy from")
        }
        if case .sqlite(let path) = target, FileManager.default.fileExists(atPath: path) {
            throw JibangError(.conflict, "\(path) exists already; name a new file (a move never overwrites)")
        }
        let corpus = try await census(source)
        if corpus.documents > 0 || corpus.runs > 0 {
            guard source.isPostgres != target.isPostgres else {
                throw JibangError(
                    .invalidInput,
                    "\(source) holds a corpus of \(corpus.documents) documents; migrate moves a corpus between engines (SQLite to PostgreSQL or back): "
                        + (source.isPostgres
                            ? "between two PostgreSQL databases use pg_dump" : "between two SQLite files use `jibang store copy`"))
            }
            let already = try await census(target)
            guard already.documents == 0 && already.runs == 0 && already.listings == 0 else {
                throw JibangError(.conflict, "\(target) already holds a corpus (\(already)); move into an empty database")
            }
        }
        note("moving the record from \(source) to \(target)…")
        let start = Date()
        let report = try await StoreMove.copy(from: try await open(source), to: try await open(target)) { note($0) }
        for (table, rows) in report.counts where rows > 0 {
            note("  " + table.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: "%8d rows", rows))
        }
        if corpus.documents > 0 || corpus.runs > 0 {
            note("moving the corpus: \(corpus)…")
            switch (source, target) {
            case (.sqlite(let from), .postgres(let to)):
                _ = try await TeamCorpus.moveIn(from: try CorpusStore.open(path: from), to: to) { note($0) }
            case (.postgres(let from), .sqlite(let to)):
                _ = try await TeamCorpus.moveOut(from: from, to: try CorpusStore.open(path: to)) { note($0) }
            default:
                break
            }
        }
        let moved = try await census(target)
        note(
            "programme export: \(report.exportBytes) bytes, \(report.exportIdentical ? "identical" : "DIFFERENT") on both; "
                + "corpus: \(moved == corpus ? "the same on both" : "DIFFERENT"): \(moved); "
                + String(format: "%.1f s", Date().timeIntervalSince(start)))
        guard report.isLossless, moved == corpus else {
            let differing = report.differingTables + (report.exportIdentical ? [] : ["programme export"]) + (moved == corpus ? [] : ["corpus"])
            throw JibangError(
                .storage,
                "the copy differs from the source (\(differing.joined(separator: ", "))); the source is unchanged: keep using it and report this")
        }
        note(
            "every table, the programme export and the corpus fingerprint match: \(target) holds the same record"
                + (target.isPostgres && corpus.documents > 0 ? "; each node indexes the corpus in its index folder when it first opens it" : ""))
    }

    func address(_ text: String) throws(JibangError) -> StoreAddress {
        switch try StoreAddress(parsing: text) {
        case .sqlite(let path): .sqlite(path: Console.current.resolve(path))
        case .postgres(let address): .postgres(address)
        }
    }

    /// Opens a store for the move: migrated to this binary's schema, never seeded.
    static func open(_ address: StoreAddress) async throws(JibangError) -> any RecordDumping {
        switch address {
        case .sqlite(let path): try SQLiteStore.open(path: path)
        case .postgres(let address): try await PostgresStore.open(address)
        }
    }

    /// What a store's corpus holds (nothing, for a store not yet created).
    static func census(_ address: StoreAddress) async throws(JibangError) -> TeamCorpus.Census {
        switch address {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { return TeamCorpus.Census(documents: 0, fingerprint: "", listings: 0, runs: 0) }
            return try TeamCorpus.census(of: try CorpusStore.open(path: path))
        case .postgres(let address):
            return try await TeamCorpus.census(of: address)
        }
    }
}

extension StoreAddress {
    var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}
