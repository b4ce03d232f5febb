import Foundation
import GRDB
public import JibangBase
public import JibangCorpus
import KoreanText

/// A node's copy of a team's corpus: the documents of a PostgreSQL store and their index
/// segments, kept in the node's index folder as an embedded corpus that is brought up to date
/// from the store's change sequence. It is a cache: deleting its folder only costs a rebuild.
extension CorpusStore {
    static let copyOfKey = "copy.of"
    static let copiedThroughKey = "copy.through"

    /// The store this corpus copies (nil: none yet) and the change it is current to.
    public func copyPosition() throws(JibangError) -> (of: String?, through: Int64) {
        do {
            return try writer.read { db in
                let of = try String.fetchOne(db, sql: "SELECT value FROM corpus_setting WHERE key = ?", arguments: [Self.copyOfKey])
                let through = try String.fetchOne(db, sql: "SELECT value FROM corpus_setting WHERE key = ?", arguments: [Self.copiedThroughKey])
                return (of, through.flatMap { Int64($0) } ?? 0)
            }
        } catch {
            throw .storage("cannot read the corpus copy in \(folder): \(error)")
        }
    }

    /// Applies `changes`, read after change `from` of the store `storeID`, in one transaction:
    /// new documents are stored under their row ids and indexed in one new segment; known ones
    /// take their new marks (versions, clusters, signature). Returns false, applying nothing,
    /// when the copy is no longer at `from` (another process on the same folder moved it).
    public func apply(_ changes: CorpusChanges, from: Int64, of storeID: String) throws(JibangError) -> Bool {
        let pin = try AdvisoryLock.shared(AdvisoryLock.segmentsPath(folder: folder))
        defer { pin.release() }
        do {
            return try writer.write { db in
                let through = try String.fetchOne(db, sql: "SELECT value FROM corpus_setting WHERE key = ?", arguments: [Self.copiedThroughKey])
                guard (through.flatMap { Int64($0) } ?? 0) == from else { return false }
                try Self.copy(changes.documents, db: db, folder: folder)
                let listing = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO snapshot_listing (source, doc_id, first_seen, last_seen, withdrawn_at) VALUES (?, ?, ?, ?, ?)")
                for row in changes.listings {
                    try listing.execute(arguments: [row.source, row.documentID, row.firstSeen, row.lastSeen, row.withdrawnAt])
                }
                let run = try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO ingest_run (id, file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for row in changes.runs {
                    let summary = row.summary
                    let reasons = summary.skippedByReasonJSON
                    try run.execute(arguments: [
                        row.id, summary.file, row.finished, summary.ingested, summary.alreadyStored, summary.duplicates, summary.skipped, reasons,
                    ])
                }
                let setting = try db.cachedStatement(
                    sql: "INSERT INTO corpus_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                for (key, value) in changes.settings.sorted(by: { $0.key < $1.key }) { try setting.execute(arguments: [key, value]) }
                try setting.execute(arguments: [Self.copyOfKey, storeID])
                try setting.execute(arguments: [Self.copiedThroughKey, String(changes.through)])
                return true
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot bring the corpus copy in \(folder) up to date: \(error)")
        }
    }

    /// Stores the new documents of `documents` and a segment indexing them; updates the marks
    /// of those already copied.
    static func copy(_ documents: [CorpusChanges.StoredDocument], db: Database, folder: String) throws {
        let mark = try db.cachedStatement(sql: "UPDATE document SET is_first = ?, is_latest = ?, minhash = ?, cluster_id = ? WHERE id = ?")
        var fresh: [CorpusChanges.StoredDocument] = []
        for document in documents {
            try mark.execute(arguments: [
                document.isFirst, document.isLatest, document.minhash.map { Data($0) }, document.clusterID, document.rowID,
            ])
            if db.changesCount == 0 { fresh.append(document) }
        }
        guard !fresh.isEmpty else { return }
        let name = "segment-\(UUID().uuidString.lowercased()).jbx"
        try db.execute(
            sql: "INSERT INTO corpus_segment (file, documents, text_bytes, index_bytes, segment_bytes) VALUES (?, 0, 0, 0, 0)", arguments: [name])
        let segmentID = db.lastInsertedRowID
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO document (id, doc_id, content_key, outlet, date, day, precision, title, body, original, language, url, metadata,
                    source_file, segment_id, packed, packed_bytes, packed_original, version, observed_at, ingested_at, is_first, is_latest,
                    minhash, cluster_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let builder = SegmentBuilder()
        var textBytes = 0
        var storedBytes = 0
        for document in fresh.sorted(by: { $0.rowID < $1.rowID }) {
            guard let date = DateParser.parse(document.date) else {
                throw JibangError.storage("document row \(document.rowID) has an unreadable date \(document.date)")
            }
            try insert.execute(arguments: [
                document.rowID, document.documentID, document.contentKey, document.outlet, document.date, document.day, document.precision,
                document.title, document.original, document.language, document.url, document.metadata, document.sourceFile, segmentID,
                Data(document.packed.bytes), document.packed.length, document.packed.isOriginal, document.version, document.observedAt,
                document.ingestedAt, document.isFirst, document.isLatest, document.minhash.map { Data($0) }, document.clusterID,
            ])
            let body = try document.packed.unpack().body
            builder.add(IndexedDocument(rowID: document.rowID, outlet: document.outlet, date: date, text: SearchText(document.title + "\n" + body)))
            textBytes += body.utf8.count
            storedBytes += document.packed.bytes.count + (document.original?.utf8.count ?? 0)
        }
        let segment = builder.buildSegment()
        try writeDurably(segment.bytes, to: folder + "/" + name)
        try db.execute(
            sql: "UPDATE corpus_segment SET documents = ?, text_bytes = ?, index_bytes = ?, segment_bytes = ?, stored_bytes = ? WHERE id = ?",
            arguments: [segment.count, textBytes, segment.indexBytes, segment.bytes.count, storedBytes, segmentID])
    }
}

extension CorpusStore {
    /// The reprint clusters as this corpus holds them (row id → its cluster's first row, for
    /// clustered rows) and the settings clustering writes: what a node that clustered its copy
    /// writes back to the team's store.
    public func clusterMarks() throws(JibangError) -> (clusters: [Int64: Int64], settings: [String: String]) {
        do {
            return try writer.read { db in
                var clusters: [Int64: Int64] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT id, cluster_id FROM document WHERE cluster_id IS NOT NULL")
                while let row = try rows.next() { clusters[row[0]] = row[1] }
                var settings: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM corpus_setting WHERE key IN ('reprint_threshold', 'clustered')") {
                    settings[row[0]] = row[1]
                }
                return (clusters, settings)
            }
        } catch {
            throw .storage("cannot read the reprint clusters in \(folder): \(error)")
        }
    }
}

extension CorpusStore {
    /// The stored documents after row `after`, in row order, at most `limit`, each as the
    /// record keeps it (texts stored before packing are packed here); with the first page,
    /// every snapshot listing, ingest run and setting. For moving the corpus to another engine.
    public func storedRows(after: Int64, limit: Int) throws(JibangError) -> CorpusChanges {
        do {
            return try writer.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, doc_id, version, content_key, outlet, date, day, precision, title, language, url, metadata, source_file,
                            observed_at, ingested_at, is_first, is_latest, minhash, cluster_id, \(Self.textColumns)
                        FROM document WHERE id > ? ORDER BY id LIMIT ?
                        """,
                    arguments: [after, limit])
                var changes = CorpusChanges(through: rows.last?[0] ?? after, more: rows.count == limit)
                let packer = TextPacker()
                for row in rows {
                    let packed: PackedText
                    var original: String? = row[20]
                    if let bytes = row[21] as Data? {
                        packed = PackedText(bytes: [UInt8](bytes), length: row[22], isOriginal: row[23])
                    } else {
                        let text = try Self.text(row, from: 19)
                        packed = packer.pack(body: text.body, original: text.original)
                        original = packed.isOriginal ? nil : text.original
                    }
                    changes.documents.append(
                        CorpusChanges.StoredDocument(
                            rowID: row[0], documentID: row[1], version: row[2], contentKey: row[3], outlet: row[4], date: row[5], day: row[6],
                            precision: row[7], title: row[8], language: row[9], url: row[10], metadata: row[11], sourceFile: row[12],
                            packed: packed, original: original, observedAt: row[13], ingestedAt: row[14], isFirst: row[15], isLatest: row[16],
                            minhash: (row[17] as Data?).map { [UInt8]($0) }, clusterID: row[18]))
                }
                guard after == 0 else { return changes }
                for row in try Row.fetchAll(db, sql: "SELECT source, doc_id, first_seen, last_seen, withdrawn_at FROM snapshot_listing ORDER BY 1, 2")
                {
                    changes.listings.append(.init(source: row[0], documentID: row[1], firstSeen: row[2], lastSeen: row[3], withdrawnAt: row[4]))
                }
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT id, file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason FROM ingest_run ORDER BY id")
                {
                    var summary = IngestSummary(file: row[1])
                    summary.ingested = row[3]
                    summary.alreadyStored = row[4]
                    summary.duplicates = row[5]
                    summary.skipped = row[6]
                    summary.skippedByReason = IngestSummary.skippedByReason(json: row[7])
                    changes.runs.append(.init(id: row[0], finished: row[2], summary: summary))
                }
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM corpus_setting WHERE key NOT LIKE 'copy.%'") {
                    changes.settings[row[0]] = row[1]
                }
                return changes
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot read the corpus of \(writer.path): \(error)")
        }
    }

    /// Makes a corpus filled by `apply` a store of its own: it no longer names the store it
    /// was copied from.
    public func forgetCopy() throws(JibangError) {
        do {
            try writer.write { db in try db.execute(sql: "DELETE FROM corpus_setting WHERE key LIKE 'copy.%'") }
        } catch {
            throw .storage("cannot write \(writer.path): \(error)")
        }
    }

    /// How many snapshot listings and ingest runs the corpus keeps: what a move compares
    /// besides the documents.
    public func bookkeepingCounts() throws(JibangError) -> (listings: Int, runs: Int) {
        do {
            return try writer.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot_listing") ?? 0,
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_run") ?? 0
                )
            }
        } catch {
            throw .storage("cannot read \(writer.path): \(error)")
        }
    }
}
