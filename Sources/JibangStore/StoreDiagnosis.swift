import Foundation
import GRDB
public import JibangBase
import JibangCore
import JibangCorpus

/// What `jibang doctor` checks a store file for, read without changing it: the schema against
/// this Jibang's, SQLite's integrity check, the bundled record it took against the one compiled
/// in, the corpus index, and the free disk beside it. Facts only; the caller says what to do.
public struct StoreDiagnosis: Sendable, Encodable {
    public let path: String
    public let exists: Bool
    public let bytes: Int64?
    /// Migrations this Jibang knows that the store has not had (it is upgraded when next opened).
    public let pendingMigrations: [String]
    /// Migrations the store has that this Jibang does not know (written by a newer Jibang).
    public let unknownMigrations: [String]
    /// "ok", or SQLite's list of problems.
    public let integrity: String?
    /// The bundled record the store took ("20x10-sites.csv@…", "skipped"), and the one compiled in.
    public let storeBundle: String?
    public let binaryBundle: String
    /// Index segments that are missing, damaged or in an older format; nil when the store has no corpus table yet.
    public let outdatedSegments: Int?
    public let freeBytes: Int64?

    /// Reads the facts; a store that cannot be opened is reported, not thrown.
    public static func run(path: String) -> StoreDiagnosis {
        let manager = FileManager.default
        let exists = manager.fileExists(atPath: path)
        let bytes = (try? manager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
        let folder = (path as NSString).deletingLastPathComponent
        let free = (try? manager.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder)[.systemFreeSize] as? NSNumber)?.int64Value
        let binaryBundle = (try? BundledData.programmeCSV()).map(StoreSeeding.bundleID(of:)) ?? "?"
        var pending: [String] = []
        var unknown: [String] = []
        var integrity: String?
        var storeBundle: String?
        var outdated: Int?
        if exists {
            do {
                var configuration = Configuration()
                configuration.readonly = true
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                try queue.read { db in
                    let migrator = Schema.migrator
                    let applied = try migrator.appliedIdentifiers(db)
                    pending = migrator.migrations.filter { !applied.contains($0) }
                    unknown = applied.filter { !migrator.migrations.contains($0) }.sorted()
                    integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
                    if try db.tableExists("meta") {
                        storeBundle = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'bundled_programme'")
                    }
                    // The corpus index, read only: a segment missing, unreadable or in an older format.
                    if try db.tableExists("corpus_segment") {
                        let files = try String.fetchAll(db, sql: "SELECT file FROM corpus_segment ORDER BY id")
                        outdated =
                            files.isEmpty
                            ? nil
                            : files.filter { file in
                                guard let segment = try? Segment(path: path + ".corpus/" + file) else { return true }
                                return segment.formatVersion < Segment.currentFormatVersion
                            }.count
                    }
                }
            } catch {
                integrity = "cannot be read as a Jibang store: \(error)"
            }
        }
        return StoreDiagnosis(
            path: path, exists: exists, bytes: bytes, pendingMigrations: pending, unknownMigrations: unknown, integrity: integrity,
            storeBundle: storeBundle, binaryBundle: binaryBundle, outdatedSegments: outdated, freeBytes: free)
    }
}
