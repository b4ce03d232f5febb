import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// `jibang backup --to FILE`: a consistent copy of a live store.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the store while it is in use (jibang serve may keep serving and writing).",
        discussion: """
            SQLite's online backup copies one consistent snapshot. Without --with-index the corpus index is left \
            out (it is rebuilt from the documents on restore); with it, the index files the snapshot names are \
            copied too, into FILE.corpus. Never overwrites. Restore with `jibang restore FILE`.
            Example: jibang backup --to backups/jibang-2026-11-30.sqlite --with-index
            """)

    @Option(help: ArgumentHelp("The backup file to write (must not exist).", valueName: "file"))
    var to: String
    @Flag(help: "Also copy the corpus index (faster to restore, larger).")
    var withIndex = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let start = Date()
            if case .postgres(_) = store.address {
                try await Migrate.move(from: store.address, to: .sqlite(path: Console.current.resolve(to)))
                note("backed up \(store.shown) to \(to)" + String(format: " in %.1f s", Date().timeIntervalSince(start)))
                return
            }
            let summary = try SQLiteStore.backup(
                from: try store.sqlitePath(for: "backup", instead: "use PostgreSQL's pg_dump"), to: Console.current.resolve(to), withIndex: withIndex)
            let megabytes = String(format: "%.1f MB", Double(summary.bytes) / 1_048_576)
            note(
                "backed up \(store.path) to \(to) (\(megabytes), \(summary.documents) documents"
                    + (withIndex ? ", \(summary.segments) index segments" : ", index left out: rebuilt on restore")
                    + String(format: ") in %.1f s", Date().timeIntervalSince(start)))
            if summary.missingSegments > 0 {
                note("\(summary.missingSegments) index segment(s) were missing in the store; the restore rebuilds them")
            }
        }
    }
}

/// `jibang restore FILE`: the store back from a backup.
struct RestoreBackup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Replace the store with a backup (checked first; the replaced store is kept beside it).",
        discussion: """
            The backup must pass SQLite's integrity check and have a schema this Jibang knows; a server must not be \
            using the store (stop jibang serve first). The store it replaces is moved to STORE.before-restore-TIME, \
            never deleted. Index files missing from the backup are rebuilt from its documents. \
            Into a PostgreSQL store, the backup is moved as `jibang migrate` moves it, into an empty database only \
            (create a new one: a database that holds a record is never overwritten).
            Example: jibang restore backups/jibang-2026-11-30.sqlite
            """)

    @Argument(help: ArgumentHelp("The backup file (written by `jibang backup`, or any copy of a store).", valueName: "file"))
    var file: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let start = Date()
            if case .postgres(_) = store.address {
                note("restoring \(file) into \(store.shown), which must be an empty database…")
                try await Migrate.move(from: .sqlite(path: Console.current.resolve(file)), to: store.address)
                note("restored \(store.shown) from \(file)" + String(format: " (%.1f s)", Date().timeIntervalSince(start)))
                return
            }
            let target = try store.sqlitePath(for: "restore", instead: "use PostgreSQL's pg_restore")
            note("checking \(file) and restoring it to \(target)…")
            let summary = try SQLiteStore.restore(from: Console.current.resolve(file), to: target)
            note(
                "restored \(store.path) from \(file): \(summary.documents) documents; index segments: \(summary.segmentsCopied) copied, "
                    + "\(summary.segmentsRebuilt) rebuilt"
                    + String(format: " (%.1f s)", Date().timeIntervalSince(start)))
            if let previous = summary.previous { note("the replaced store is at \(previous)") }
        }
    }
}
