import Foundation
import GRDB
public import JibangBase

/// What a store copy took along.
public struct StoreCopySummary: Sendable, Equatable {
    public let documents: Int
    /// Segment files copied beside the new store.
    public let segments: Int
    /// Segment files the source store names but does not have (rebuild them in the copy).
    public let missingSegments: Int
}

extension SQLiteStore {
    /// Copies the store at `source` with its corpus index to `destination`: the database
    /// through SQLite's online backup (a consistent snapshot, even while another process
    /// writes), then exactly the segment files the copied database names. Refuses to
    /// overwrite anything at `destination`.
    public static func copy(from source: String, to destination: String) throws(JibangError) -> StoreCopySummary {
        let fm = FileManager.default
        guard fm.fileExists(atPath: source) else { throw JibangError.notFound("no store at \(source)", subject: source) }
        for path in [destination, destination + ".corpus"] where fm.fileExists(atPath: path) {
            throw JibangError(.invalidInput, "\(path) already exists; a copy never overwrites: choose a new path", subject: path)
        }
        do {
            let from = try DatabasePool(path: source, configuration: configuration)
            let to = try DatabaseQueue(path: destination, configuration: configuration)
            try from.backup(to: to)
            let (documents, files) = try to.read { db in
                (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0, try String.fetchAll(db, sql: "SELECT file FROM corpus_segment"))
            }
            try fm.createDirectory(atPath: destination + ".corpus", withIntermediateDirectories: true)
            var copied = 0
            for file in files where fm.fileExists(atPath: source + ".corpus/" + file) {
                try fm.copyItem(atPath: source + ".corpus/" + file, toPath: destination + ".corpus/" + file)
                copied += 1
            }
            return StoreCopySummary(documents: documents, segments: copied, missingSegments: files.count - copied)
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot copy \(source) to \(destination): \(error)")
        }
    }
}
