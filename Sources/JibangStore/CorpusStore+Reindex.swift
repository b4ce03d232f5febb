import Foundation
import GRDB
public import JibangBase
import JibangCore
import JibangCorpus
import KoreanText

extension CorpusStore {
    /// Ids of the index segments to rebuild: written in an older format (they answer
    /// correctly, but without what newer formats add), or missing or unreadable (a store file
    /// copied without its corpus folder, a damaged file). The documents in the store are the
    /// record; every segment can be rebuilt from them.
    public func outdatedSegments() throws(JibangError) -> [Int64] {
        do {
            let rows = try writer.read { db in try Row.fetchAll(db, sql: "SELECT id, file FROM corpus_segment ORDER BY id") }
            return rows.compactMap { row in
                guard let segment = try? Segment(path: folder + "/" + (row["file"] as String)) else { return row["id"] }
                return segment.formatVersion < Segment.currentFormatVersion ? row["id"] : nil
            }
        } catch {
            throw .storage("cannot read the corpus index in \(folder): \(error)")
        }
    }

    /// Rebuilds one index segment from its stored documents, in the current format.
    ///
    /// Crash-safe like ingest: the new file is written and flushed under a new name, then one
    /// transaction points the segment at it; the old file is deleted after the commit (or, if
    /// the process dies first, on the next open, as a file no segment names).
    public func reindex(segment id: Int64) throws(JibangError) {
        var replaced: String?
        let pin = try AdvisoryLock.shared(AdvisoryLock.segmentsPath(folder: folder))
        do {
            try writer.write { db in
                guard let old = try String.fetchOne(db, sql: "SELECT file FROM corpus_segment WHERE id = ?", arguments: [id]) else {
                    throw JibangError.notFound("no index segment \(id)")
                }
                let builder = SegmentBuilder()
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT id, outlet, date, title, body FROM document WHERE segment_id = ? ORDER BY id", arguments: [id])
                while let row = try rows.next() {
                    let date: String = row["date"]
                    guard let parsed = DateParser.parse(date) else {
                        throw JibangError.storage("document row \(row["id"] as Int64) has an unreadable date \(date)")
                    }
                    let text = SearchText((row["title"] as String) + "\n" + (row["body"] as String))
                    builder.add(IndexedDocument(rowID: row["id"], outlet: row["outlet"], date: parsed, text: text))
                }
                let segment = builder.buildSegment()
                let name = "segment-\(UUID().uuidString.lowercased()).jbx"
                try Self.writeDurably(segment.bytes, to: folder + "/" + name)
                try db.execute(
                    sql: "UPDATE corpus_segment SET file = ?, documents = ?, index_bytes = ?, segment_bytes = ? WHERE id = ?",
                    arguments: [name, segment.count, segment.indexBytes, segment.bytes.count, id])
                replaced = old
            }
        } catch let error as JibangError {
            pin.release()
            throw error
        } catch {
            pin.release()
            throw .storage("cannot rebuild index segment \(id): \(error)")
        }
        pin.release()
        // A backup may be copying the old file (its snapshot still names it): then it stays,
        // and the next open deletes it.
        if let replaced, let cleaning = AdvisoryLock.exclusiveIfFree(AdvisoryLock.segmentsPath(folder: folder)) {
            try? FileManager.default.removeItem(atPath: folder + "/" + replaced)
            cleaning.release()
        }
    }
}
