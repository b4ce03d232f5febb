import Foundation
import JibangBase
public import JibangCore
import JibangCorpus
import JibangStore
import PostgresNIO

/// What `jibang doctor` checks a PostgreSQL store for, read without changing it: whether it
/// can be reached, its schema against this Jibang's, the bundled record it took, and this
/// process's corpus copy against the documents of record. Facts only; the caller says what to do.
public struct PostgresDiagnosis: Sendable {
    /// The address, password masked.
    public let shown: String
    /// Why the store could not be read (nil: it could).
    public let failure: String?
    /// Whether the database has a Jibang schema at all.
    public let hasSchema: Bool
    public let pendingMigrations: [String]
    public let unknownMigrations: [String]
    public let databaseBytes: Int?
    public let storeBundle: String?
    /// Documents of record, and what this process's copy holds once brought up to date
    /// (nil: not checked, as when the schema is not current).
    public let documents: Int?
    public let copyDocuments: Int?
    /// Whether the copy's fingerprint is the record's.
    public let copyMatches: Bool?
    public let outdatedSegments: Int?
    public let indexFolder: String
    public let freeBytes: Int64?

    /// Reads the facts; a store that cannot be reached is reported, not thrown. Only the
    /// index folder (a cache) may change: the copy is brought up to date to be compared.
    public static func run(_ address: PostgresAddress, indexFolder: String) async -> PostgresDiagnosis {
        var failure: String?
        var hasSchema = false
        var pending: [String] = []
        var unknown: [String] = []
        var bytes: Int?
        var bundle: String?
        var documents: Int?
        var copyDocuments: Int?
        var matches: Bool?
        var outdated: Int?
        do {
            let line = try PostgresLine.connect(address)
            let exists = try line.rows("SELECT to_regclass('jibang_migration') IS NOT NULL").first
            hasSchema = try exists.map { row throws(JibangError) in try PostgresStore.decode(row, as: Bool.self) } ?? false
            if let row = try line.rows("SELECT pg_database_size(current_database())").first {
                bytes = try PostgresStore.decode(row, as: Int.self)
            }
            if hasSchema {
                var applied: Set<String> = []
                for row in try line.rows("SELECT id FROM jibang_migration") { applied.insert(try PostgresStore.decode(row, as: String.self)) }
                pending = PostgresSchema.ids.filter { !applied.contains($0) }
                unknown = applied.subtracting(PostgresSchema.ids).sorted()
                if let row = try line.rows("SELECT value FROM meta WHERE key = 'bundled_programme'").first {
                    bundle = try PostgresStore.decode(row, as: String.self)
                }
            }
            if hasSchema && pending.isEmpty && unknown.isEmpty {
                let corpus = try await TeamCorpus.open(address, indexFolder: indexFolder)
                let record = try corpus.fingerprint()
                let copy = try corpus.copy.fingerprint()
                documents = record.documents
                copyDocuments = copy.documents
                matches = record == copy
                outdated = try corpus.outdatedSegments().count
            }
        } catch {
            failure = error.message
        }
        let folder = FileManager.default.fileExists(atPath: indexFolder) ? indexFolder : (indexFolder as NSString).deletingLastPathComponent
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder.isEmpty ? "." : folder)[.systemFreeSize] as? NSNumber)?
            .int64Value
        return PostgresDiagnosis(
            shown: address.description, failure: failure, hasSchema: hasSchema, pendingMigrations: pending, unknownMigrations: unknown,
            databaseBytes: bytes, storeBundle: bundle, documents: documents, copyDocuments: copyDocuments, copyMatches: matches,
            outdatedSegments: outdated, indexFolder: indexFolder, freeBytes: free)
    }
}
