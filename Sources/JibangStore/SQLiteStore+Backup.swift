public import Foundation
import GRDB
public import JibangBase

/// What a backup or copy took along.
public struct StoreCopySummary: Sendable, Equatable {
    public let documents: Int
    /// Segment files copied beside the new store.
    public let segments: Int
    /// Segment files the source store names but does not have (rebuild them in the copy).
    public let missingSegments: Int
    /// The database file's size.
    public let bytes: Int64
}

/// What a restore did.
public struct StoreRestoreSummary: Sendable, Equatable {
    public let documents: Int
    /// Index segments taken from the backup's folder, and rebuilt from the documents.
    public let segmentsCopied: Int
    public let segmentsRebuilt: Int
    /// Where the store that was replaced now is (nil when there was none).
    public let previous: String?
}

extension SQLiteStore {
    /// Copies the store with its corpus index: a backup that includes the index.
    public static func copy(from source: String, to destination: String) throws(JibangError) -> StoreCopySummary {
        try backup(from: source, to: destination, withIndex: true)
    }

    /// A consistent copy of the store at `source`, taken while other processes read and write
    /// it: SQLite's online backup copies one snapshot. With `withIndex`, the segment files that
    /// snapshot names are copied too, pinned so that a concurrent reindex cannot delete them
    /// meanwhile; without, a restore rebuilds them from the documents. The copy is written under
    /// a temporary name and appears whole or not at all. Refuses to overwrite anything.
    public static func backup(from source: String, to destination: String, withIndex: Bool) throws(JibangError) -> StoreCopySummary {
        let fm = FileManager.default
        guard fm.fileExists(atPath: source) else { throw JibangError.notFound("no store at \(source)", subject: source) }
        for path in [destination, destination + ".corpus"] where fm.fileExists(atPath: path) {
            throw JibangError(.invalidInput, "\(path) already exists; a backup never overwrites: choose a new path", subject: path)
        }
        let partial = destination + ".partial"
        let sourceFolder = source + ".corpus"
        let pin = withIndex && fm.fileExists(atPath: sourceFolder) ? try AdvisoryLock.shared(AdvisoryLock.segmentsPath(folder: sourceFolder)) : nil
        defer { pin?.release() }
        do {
            for path in [partial, partial + ".corpus", partial + "-wal", partial + "-shm"] { try? fm.removeItem(atPath: path) }
            let (documents, files) = try snapshot(from: source, to: partial)
            var copied = 0
            if withIndex {
                try fm.createDirectory(atPath: partial + ".corpus", withIntermediateDirectories: true)
                for file in files where fm.fileExists(atPath: sourceFolder + "/" + file) {
                    try fm.copyItem(atPath: sourceFolder + "/" + file, toPath: partial + ".corpus/" + file)
                    copied += 1
                }
                try fm.moveItem(atPath: partial + ".corpus", toPath: destination + ".corpus")
            }
            try fm.moveItem(atPath: partial, toPath: destination)
            let bytes = (try? fm.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
            return StoreCopySummary(documents: documents, segments: copied, missingSegments: withIndex ? files.count - copied : 0, bytes: bytes)
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot back up \(source) to \(destination): \(error)")
        }
    }

    /// SQLite's online backup of `source` into a new single file at `destination` (its WAL
    /// folded in), with the snapshot's document count and segment files.
    private static func snapshot(from source: String, to destination: String) throws -> (documents: Int, files: [String]) {
        let from = try DatabasePool(path: source, configuration: configuration)
        let to = try DatabaseQueue(path: destination, configuration: configuration)
        try from.backup(to: to)
        let result = try to.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0,
                try db.tableExists("corpus_segment") ? try String.fetchAll(db, sql: "SELECT file FROM corpus_segment") : []
            )
        }
        try to.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try to.close()
        try from.close()
        return result
    }

    /// Replaces the store at `store` with the backup at `backup`, after checking the backup
    /// (SQLite's integrity check; a schema this Jibang knows) and that no server is using the
    /// store. The store it replaces is kept beside it (`STORE.before-restore-…`), never
    /// deleted. Index segments come from the backup's folder when it has them, otherwise they
    /// are rebuilt from the documents. A kill at any moment leaves either store whole.
    public static func restore(from backup: String, to store: String, now: Date = Date()) throws(JibangError) -> StoreRestoreSummary {
        let fm = FileManager.default
        guard fm.fileExists(atPath: backup) else { throw JibangError.notFound("no backup at \(backup)", subject: backup) }
        let check = StoreDiagnosis.run(path: backup)
        guard check.integrity == "ok" else {
            throw JibangError(
                .invalidInput, "\(backup) is not a sound store (\(check.integrity ?? "unreadable")); nothing was replaced: use another backup",
                subject: backup)
        }
        guard check.unknownMigrations.isEmpty else {
            throw JibangError(
                .invalidInput, "\(backup) was written by a newer Jibang (\(check.unknownMigrations.joined(separator: ", "))); nothing was replaced",
                subject: backup)
        }
        guard check.pendingMigrations.count < Schema.migrator.migrations.count else {
            throw JibangError(.invalidInput, "\(backup) is not a Jibang store (it has none of its tables); nothing was replaced", subject: backup)
        }
        guard let serving = AdvisoryLock.exclusiveIfFree(AdvisoryLock.servingPath(store: store)) else {
            throw JibangError(
                .invalidInput, "a server is using \(store); stop it, then restore (nothing was replaced)", subject: store)
        }
        defer { serving.release() }
        let staged = store + ".restoring"
        var previous: String?
        var copied = 0
        var documents = 0
        do {
            for path in [staged, staged + ".corpus", staged + "-wal", staged + "-shm"] { try? fm.removeItem(atPath: path) }
            let (count, files) = try snapshot(from: backup, to: staged)
            documents = count
            try fm.createDirectory(atPath: staged + ".corpus", withIntermediateDirectories: true)
            for file in files where fm.fileExists(atPath: backup + ".corpus/" + file) {
                try fm.copyItem(atPath: backup + ".corpus/" + file, toPath: staged + ".corpus/" + file)
                copied += 1
            }
            if fm.fileExists(atPath: store) {
                // Fold the old store's WAL into it, so that moving it aside moves all of it.
                try DatabaseQueue(path: store, configuration: configuration).writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
                let stamp = ISO8601DateFormatter.string(
                    from: now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
                let aside = "\(store).before-restore-\(stamp)"
                try fm.moveItem(atPath: store, toPath: aside)
                if fm.fileExists(atPath: store + ".corpus") { try fm.moveItem(atPath: store + ".corpus", toPath: aside + ".corpus") }
                for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: store + suffix) }
                previous = aside
            }
            try fm.moveItem(atPath: staged + ".corpus", toPath: store + ".corpus")
            try fm.moveItem(atPath: staged, toPath: store)
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage(
                "cannot restore \(backup) to \(store): \(error)" + (previous.map { "; the previous store is at \($0)" } ?? ""))
        }
        // Open as any command does (an older backup's schema is upgraded), then rebuild what the
        // backup's folder lacked.
        let corpus = try CorpusStore.open(path: store)
        let missing = try corpus.outdatedSegments()
        for id in missing { try corpus.reindex(segment: id) }
        return StoreRestoreSummary(
            documents: documents, segmentsCopied: copied, segmentsRebuilt: missing.count, previous: previous)
    }
}
