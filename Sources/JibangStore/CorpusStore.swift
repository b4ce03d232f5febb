import Foundation
import GRDB
public import JibangBase
import JibangCore
public import JibangCorpus
import KoreanText

/// The corpus: documents in the SQLite store (the record, with their original text) and
/// immutable index segments in a folder beside it (`jibang.sqlite.corpus/`).
///
/// Ingest is transactional per batch: a batch's documents and its segment are committed
/// together (the segment file is written and renamed first, then the transaction that names
/// it commits). A segment file no transaction names — left by a killed run — is deleted on
/// the next open, and a rerun skips documents already stored, so every document ends up
/// stored exactly once.
public struct CorpusStore: CorpusDocumentStore {
    let writer: any DatabaseWriter
    /// The folder of segment files.
    public let folder: String

    /// Opens the corpus of the store at `path` (creating both when missing).
    public static func open(path: String) throws(JibangError) -> CorpusStore {
        let store = try SQLiteStore.open(path: path)
        let corpus = CorpusStore(writer: store.writer, folder: path + ".corpus")
        try corpus.prepareFolder()
        return corpus
    }

    func prepareFolder() throws(JibangError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Files being written, or copied by a backup, are pinned: leave them for a later open.
            guard let cleaning = AdvisoryLock.exclusiveIfFree(AdvisoryLock.segmentsPath(folder: folder)) else { return }
            defer { cleaning.release() }
            let known = Set(try writer.read { db in try String.fetchAll(db, sql: "SELECT file FROM corpus_segment") })
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !known.contains(name) && !name.hasPrefix(".") {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        } catch {
            throw .storage("cannot prepare the corpus folder \(folder): \(error.localizedDescription)")
        }
    }

    /// Every index segment, memory-mapped.
    public func segments() throws(JibangError) -> [Segment] {
        do {
            let (files, hidden) = try writer.read { db in
                (try Row.fetchAll(db, sql: "SELECT id, file FROM corpus_segment ORDER BY id"), try Self.hiddenRows(db))
            }
            return try files.map { row in try Segment(path: folder + "/" + (row[1] as String), hidden: hidden[row[0] as Int64] ?? HiddenRows()) }
        } catch {
            throw JibangError(
                .indexDamaged,
                "the corpus index in \(folder) is missing or damaged (\(error)); the documents are safe in the store, and rebuilding the index from them repairs it",
                subject: folder)
        }
    }

    /// Per segment, the versions each version choice hides (rare: only edited documents have any).
    static func hiddenRows(_ db: Database) throws -> [Int64: HiddenRows] {
        var hidden: [Int64: HiddenRows] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT segment_id, id, is_latest, is_first FROM document INDEXED BY document_hidden WHERE NOT is_latest OR NOT is_first")
        while let row = try rows.next() {
            let rowID: Int64 = row[1]
            if !(row[2] as Bool) { hidden[row[0], default: HiddenRows()].fromLatest.insert(rowID) }
            if !(row[3] as Bool) { hidden[row[0], default: HiddenRows()].fromFirst.insert(rowID) }
        }
        let reprints = try Row.fetchCursor(
            db, sql: "SELECT segment_id, id FROM document INDEXED BY document_reprint WHERE cluster_id IS NOT NULL AND cluster_id != id")
        while let row = try reprints.next() { hidden[row[0], default: HiddenRows()].reprints.insert(row[1]) }
        return hidden
    }

    /// Changes whenever a segment is added or rebuilt in a newer format (which makes it
    /// larger): a cheap check that cached segments are current.
    public func segmentsKey() throws(JibangError) -> String {
        do {
            return try writer.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(segment_bytes), 0) FROM corpus_segment")
                let hidden = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM document INDEXED BY document_hidden WHERE NOT is_latest OR NOT is_first")
                let reprints = try String.fetchOne(db, sql: "SELECT value FROM corpus_setting WHERE key = 'clustered'")
                return "\(row?[0] as Int? ?? 0):\(row?[1] as Int64? ?? 0):\(row?[2] as Int64? ?? 0):\(hidden ?? 0):\(reprints ?? "")"
            }
        } catch {
            throw .storage("cannot read the corpus index in \(folder): \(error)")
        }
    }

    /// The stored (NFC) text of a document: only that document is unpacked.
    public func body(rowID: Int64) -> String? {
        try? storedText(rowID: rowID)?.body
    }

    /// A document's body (NFC) and, when NFC changed it on the way in, its text as it arrived.
    public func storedText(rowID: Int64) throws(JibangError) -> (body: String, original: String?)? {
        do {
            return try writer.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.textColumns) FROM document WHERE id = ?", arguments: [rowID]) else {
                    return nil
                }
                return try Self.text(row, from: 0)
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("\(error)")
        }
    }

    /// The columns a document's text is read from, in the order `text(_:from:)` reads them.
    static let textColumns = "body, original, packed, packed_bytes, packed_original"

    /// A document's text from the `textColumns` of `row`, starting at column `start`: packed
    /// (unpacked here) or, in rows stored before packing, plain.
    static func text(_ row: Row, from start: Int) throws(JibangError) -> (body: String, original: String?) {
        guard let bytes = row[start + 2] as Data? else { return (row[start], row[start + 1]) }
        let packed = PackedText(bytes: [UInt8](bytes), length: row[start + 3], isOriginal: row[start + 4])
        let text = try packed.unpack()
        // An original NFC would not give the body back stays beside the packed body.
        return (text.body, text.original ?? row[start + 1])
    }

    /// Title, outlet, date and id of documents, by row id.
    public func headers(rowIDs: [Int64]) throws(JibangError) -> [Int64: DocumentHeader] {
        do {
            return try writer.read { db in
                var headers: [Int64: DocumentHeader] = [:]
                for rowID in rowIDs {
                    if let row = try Row.fetchOne(
                        db, sql: "SELECT doc_id, outlet, date, title, version FROM document WHERE id = ?", arguments: [rowID])
                    {
                        headers[rowID] = DocumentHeader(id: row[0], outlet: row[1], date: row[2], title: row[3], version: row[4])
                    }
                }
                return headers
            }
        } catch {
            throw .storage("\(error)")
        }
    }

    // MARK: - Ingest

    /// Stores one batch of documents and its index segment in one transaction. Documents
    /// whose id or content is already stored are skipped and counted.
    /// `prebuilt`, when given, is the segment of exactly `batch` (row ids unset); it is used
    /// when every document of the batch is new, and rebuilt from the new ones otherwise.
    public func store(_ batch: [PreparedDocument], prebuilt: BuiltSegment?) throws(JibangError) -> BatchResult {
        // The new segment file is named by no committed transaction until the write commits:
        // pinned, so another process opening the store does not take it for a leftover.
        let pin = try AdvisoryLock.shared(AdvisoryLock.segmentsPath(folder: folder))
        defer { pin.release() }
        do {
            return try writer.write { db in
                var result = BatchResult()
                let (fresh, versions) = try Self.sift(batch, db: db, into: &result)
                guard !fresh.isEmpty else { return result }
                let name = "segment-\(UUID().uuidString.lowercased()).jbx"
                try db.execute(
                    sql: "INSERT INTO corpus_segment (file, documents, text_bytes, index_bytes, segment_bytes) VALUES (?, 0, 0, 0, 0)",
                    arguments: [name])
                let segmentID = db.lastInsertedRowID
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT INTO document (doc_id, content_key, outlet, date, day, precision, title, body, original, language, url, metadata, source_file, segment_id,
                            packed, packed_bytes, packed_original, version, observed_at, ingested_at, minhash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let now = ObservedTime.string(Date())
                var textBytes = 0
                var storedBytes = 0
                var rowIDs: [Int64] = []
                var packer: TextPacker?
                for (prepared, version) in zip(fresh, versions) {
                    let document = prepared.document
                    guard let date = document.date else { continue }
                    let metadata =
                        document.metadata.isEmpty
                        ? nil : String(decoding: try JSONSerialization.data(withJSONObject: document.metadata, options: [.sortedKeys]), as: UTF8.self)
                    let packed: PackedText
                    if let ready = prepared.packed {
                        packed = ready
                    } else {
                        if packer == nil { packer = TextPacker() }
                        packed = packer!.pack(document)
                    }
                    try insert.execute(arguments: [
                        document.id, prepared.contentKey, document.outlet, date.description, date.firstDayNumber, date.precision, document.title,
                        document.language, document.url, metadata, prepared.file, segmentID, Data(packed.bytes), packed.length, packed.isOriginal,
                        version, document.observed ?? now, now, prepared.signature.map { Data($0.bytes) },
                    ])
                    textBytes += document.body.utf8.count
                    storedBytes += packed.bytes.count
                    rowIDs.append(db.lastInsertedRowID)
                }
                var segment: BuiltSegment
                if let prebuilt, fresh.count == batch.count, prebuilt.count == rowIDs.count {
                    segment = prebuilt
                } else {
                    let builder = SegmentBuilder()
                    for prepared in fresh {
                        guard let date = prepared.document.date else { continue }
                        builder.add(IndexedDocument(rowID: 0, outlet: prepared.document.outlet, date: date, text: prepared.text))
                    }
                    segment = builder.buildSegment()
                }
                try Self.markVersions(of: Set(zip(fresh, versions).filter { $0.1 > 1 }.map(\.0.document.id)), db: db)
                segment.setRowIDs(rowIDs)
                try Self.writeDurably(segment.bytes, to: folder + "/" + name)
                try db.execute(
                    sql: "UPDATE corpus_segment SET documents = ?, text_bytes = ?, index_bytes = ?, segment_bytes = ?, stored_bytes = ? WHERE id = ?",
                    arguments: [segment.count, textBytes, segment.indexBytes, segment.bytes.count, storedBytes, segmentID])
                result.stored = segment.count
                result.textBytes = textBytes
                return result
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot store documents: \(error)")
        }
    }

    /// The documents of `batch` to store, each with its version number (see `BatchSift`).
    static func sift(_ batch: [PreparedDocument], db: Database, into result: inout BatchResult) throws -> ([PreparedDocument], [Int]) {
        let versionsOf = try db.cachedStatement(sql: "SELECT version, content_key FROM document WHERE doc_id = ?")
        let sameText = try db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM document WHERE content_key = ?)")
        let fresh = try BatchSift.sift(
            batch, into: &result,
            stored: { id in try Row.fetchAll(versionsOf, arguments: [id]).map { ($0[0] as Int, $0[1] as String) } },
            textStored: { key in try Bool.fetchOne(sameText, arguments: [key]) == true })
        return (fresh.map(\.document), fresh.map(\.version))
    }

    /// Marks, for each of `ids`, the version observed first and the one observed last (ties:
    /// the one stored first, then last). Rows stored before versions existed have no time and
    /// count as observed before any that has one.
    static func markVersions(of ids: Set<String>, db: Database) throws {
        let versions = try db.cachedStatement(
            sql: "SELECT id FROM document WHERE doc_id = ? ORDER BY COALESCE(observed_at, ''), version")
        let mark = try db.cachedStatement(sql: "UPDATE document SET is_first = (id = ?), is_latest = (id = ?) WHERE doc_id = ?")
        for id in ids.sorted() {
            let rows = try Int64.fetchAll(versions, arguments: [id])
            guard let first = rows.first, let last = rows.last else { continue }
            try mark.execute(arguments: [first, last, id])
        }
    }

    /// Writes to a temporary name, flushes to disk, then renames: the file appears whole or not at all.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw JibangError.storage("cannot write \(temporary)")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        try handle.synchronize()
        try handle.close()
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }

    /// Records one file's ingest for `corpus stats`.
    public func record(_ summary: IngestSummary) throws(JibangError) {
        do {
            try writer.write { db in
                let reasons = summary.skippedByReasonJSON
                try db.execute(
                    sql:
                        "INSERT INTO ingest_run (file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [summary.file, Date(), summary.ingested, summary.alreadyStored, summary.duplicates, summary.skipped, reasons])
            }
        } catch {
            throw .storage("\(error)")
        }
    }

    // MARK: - Stats

    /// Identifies the corpus's content for methods notes (see `CorpusFingerprint`).
    public func fingerprint() throws(JibangError) -> (documents: Int, hash: String) {
        do {
            return try writer.read { db in
                var fingerprint = CorpusFingerprint()
                let rows = try Row.fetchCursor(db, sql: "SELECT doc_id, content_key, version FROM document ORDER BY doc_id, version")
                while let row = try rows.next() { fingerprint.add(documentID: row[0], contentKey: row[1], version: row[2]) }
                return (fingerprint.documents, fingerprint.hashText)
            }
        } catch {
            throw .storage("\(error)")
        }
    }

    public func languageTallies() throws(JibangError) -> [LanguageTally] {
        do {
            return try writer.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT day, precision, outlet, NULLIF(language, ''), documents FROM document_tally WHERE documents > 0"
                ).map { row in
                    let precision: String = row[1]
                    return LanguageTally(
                        day: row[0], precision: precision == "day" ? 0 : precision == "month" ? 1 : 2, outlet: row[2], language: row[3],
                        documents: row[4])
                }
            }
        } catch {
            throw .storage("\(error)")
        }
    }

    /// The bytes on disk of the files that exist among `paths`.
    static func fileBytes(_ paths: [String]) -> Int {
        paths.reduce(0) { total, path in
            var info = stat()
            return total + (stat(path, &info) == 0 ? Int(info.st_size) : 0)
        }
    }

    public func stats() throws(JibangError) -> CorpusStats {
        let outdated = try outdatedSegments().count
        do {
            return try writer.read { db in
                let byOutletYear = try Row.fetchAll(
                    db, sql: "SELECT outlet, substr(date, 1, 4), COUNT(*) FROM document WHERE version = 1 GROUP BY 1, 2 ORDER BY 1, 2"
                )
                .map { CorpusStats.Count(outlet: $0[0], year: $0[1], documents: $0[2]) }
                let languages = try Row.fetchAll(
                    db, sql: "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM document WHERE version = 1 GROUP BY 1 ORDER BY 2 DESC"
                )
                .map { CorpusStats.Language(language: $0[0], documents: $0[1]) }
                let versions = try Row.fetchOne(db, sql: "SELECT COUNT(*), COUNT(DISTINCT CASE WHEN version > 1 THEN doc_id END) FROM document")
                let runs = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(duplicates), 0), COALESCE(SUM(skipped), 0), COUNT(*) FROM ingest_run")
                let segments = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*), COALESCE(SUM(text_bytes), 0), COALESCE(SUM(index_bytes), 0), COALESCE(SUM(segment_bytes), 0), COALESCE(SUM(stored_bytes), 0) FROM corpus_segment"
                )
                let files = try String.fetchAll(db, sql: "SELECT file FROM corpus_segment")
                return CorpusStats(
                    documents: byOutletYear.reduce(0) { $0 + $1.documents }, byOutletYear: byOutletYear, languages: languages,
                    duplicatesSkipped: runs?[0] ?? 0, badRecordsSkipped: runs?[1] ?? 0, ingestRuns: runs?[2] ?? 0,
                    segments: segments?[0] ?? 0, outdatedSegments: outdated, textBytes: segments?[1] ?? 0, indexBytes: segments?[2] ?? 0,
                    segmentBytes: segments?[3] ?? 0, documentBytes: segments?[4] ?? 0,
                    storeBytes: Self.fileBytes([writer.path, writer.path + "-wal"] + files.map { folder + "/" + $0 }),
                    versions: versions?[0] ?? 0, editedDocuments: versions?[1] ?? 0)
            }
        } catch {
            throw .storage("\(error)")
        }
    }
}
