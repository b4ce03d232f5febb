import Foundation
import GRDB
public import JibangBase
import JibangCore
import JibangCorpus
import KoreanText

extension CorpusStore {
    /// Ids of the index segments to rebuild: written in an older format (they answer
    /// correctly, but without what newer formats add), missing or unreadable (a store file
    /// copied without its corpus folder, a damaged file), or whose documents were stored
    /// before texts were packed. The documents in the store are the record; every segment can
    /// be rebuilt from them.
    public func outdatedSegments() throws(JibangError) -> [Int64] {
        do {
            let (rows, unpacked) = try writer.read { db in
                (
                    try Row.fetchAll(db, sql: "SELECT id, file FROM corpus_segment ORDER BY id"),
                    Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT segment_id FROM document INDEXED BY document_unpacked WHERE packed IS NULL"))
                )
            }
            return rows.compactMap { row in
                if unpacked.contains(row["id"]) { return row["id"] }
                guard let segment = try? Segment(path: folder + "/" + (row["file"] as String)) else { return row["id"] }
                return segment.formatVersion < Segment.currentFormatVersion ? row["id"] : nil
            }
        } catch {
            throw .storage("cannot read the corpus index in \(folder): \(error)")
        }
    }

    /// Rebuilds one index segment from its stored documents, in the current format, and packs
    /// the texts of its documents stored before packing (in the same transaction).
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
                let packer = TextPacker()
                let pack = try db.makeStatement(
                    sql: "UPDATE document SET packed = ?, packed_bytes = ?, packed_original = ?, body = '', original = ? WHERE id = ?")
                var storedBytes = 0
                // Read whole before rows are updated (a cursor would see its own updates).
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, outlet, date, title, packed IS NULL, \(Self.textColumns) FROM document WHERE segment_id = ? ORDER BY id",
                    arguments: [id])
                for row in rows {
                    let date: String = row["date"]
                    guard let parsed = DateParser.parse(date) else {
                        throw JibangError.storage("document row \(row["id"] as Int64) has an unreadable date \(date)")
                    }
                    let stored = try Self.text(row, from: 5)
                    if row[4] as Bool {
                        let packed = packer.pack(body: stored.body, original: stored.original)
                        // An original whose NFC is not the body stays as it was, beside the packed body.
                        try pack.execute(arguments: [
                            Data(packed.bytes), packed.length, packed.isOriginal, packed.isOriginal ? nil : stored.original, row["id"],
                        ])
                        storedBytes += packed.bytes.count + (packed.isOriginal ? 0 : stored.original?.utf8.count ?? 0)
                    } else {
                        storedBytes += (row[7] as Data).count + ((row[6] as String?)?.utf8.count ?? 0)
                    }
                    let text = SearchText((row["title"] as String) + "\n" + stored.body)
                    builder.add(IndexedDocument(rowID: row["id"], outlet: row["outlet"], date: parsed, text: text))
                }
                let segment = builder.buildSegment()
                let name = "segment-\(UUID().uuidString.lowercased()).jbx"
                try Self.writeDurably(segment.bytes, to: folder + "/" + name)
                try db.execute(
                    sql: "UPDATE corpus_segment SET file = ?, documents = ?, index_bytes = ?, segment_bytes = ?, stored_bytes = ? WHERE id = ?",
                    arguments: [name, segment.count, segment.indexBytes, segment.bytes.count, storedBytes, id])
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

    /// Rewrites the store file without the space that converted texts left free (SQLite's
    /// VACUUM). Needs the store to itself, and free disk for a copy of the file.
    public func reclaimableBytes() throws(JibangError) -> Int {
        do {
            return try writer.read { db in
                (try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
            }
        } catch {
            throw .storage("cannot read \(writer.path): \(error)")
        }
    }

    public func compact() throws(JibangError) {
        do {
            try writer.vacuum()
            try writer.writeWithoutTransaction { db in _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch {
            throw .storage("cannot compact \(writer.path): \(error)")
        }
    }
}
