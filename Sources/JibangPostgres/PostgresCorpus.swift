import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import KoreanText
import PostgresNIO

/// The corpus of record in PostgreSQL: what ingest writes and what every node's copy is
/// brought up to date from. Holds no index: segments are derived, per node.
struct PostgresCorpus: Sendable {
    let line: PostgresLine

    /// Taken by every corpus write: one writer at a time, so the change sequence orders
    /// changes as they commit and a node that copied up to a point has missed nothing below it.
    static let lockKey: Int64 = PostgresSchema.lockKey + 1
    /// Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters).
    static let rowsPerInsert = 1000

    /// The id the database took when its corpus tables were created.
    func storeID() throws(JibangError) -> String {
        guard let row = try line.rows("SELECT id FROM corpus_identity").first else {
            throw .storage("the database \(line.address.database) has no store id; it was not created by jibang")
        }
        return try PostgresStore.decode(row, as: String.self)
    }

    // MARK: - Ingest

    /// Stores one batch in one transaction (see `CorpusDocumentStore.store`).
    func store(_ batch: [PreparedDocument]) throws(JibangError) -> BatchResult {
        try line.transaction { statements throws(JibangError) in
            try statements.rows("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            var stored: [String: BatchSift.StoredVersions] = [:]
            let ids = Array(Set(batch.map(\.document.id))).sorted()
            for row in try statements.rows("SELECT doc_id, version, content_key FROM document WHERE doc_id = ANY(\(ids))") {
                let (id, version, key) = try PostgresStore.decode(row, as: (String, Int, String).self)
                stored[id, default: []].append((version, key))
            }
            var storedKeys = Set<String>()
            let keys = Array(Set(batch.map(\.contentKey))).sorted()
            for row in try statements.rows("SELECT content_key FROM document WHERE content_key = ANY(\(keys))") {
                storedKeys.insert(try PostgresStore.decode(row, as: String.self))
            }
            var result = BatchResult()
            let fresh = BatchSift.sift(batch, into: &result, stored: { stored[$0] ?? [] }, textStored: { storedKeys.contains($0) })
            let now = ObservedTime.string(Date())
            var packer: TextPacker?
            var rows: [(PreparedDocument, Int, PackedText)] = []
            for (prepared, version) in fresh where prepared.document.date != nil {
                if prepared.packed == nil && packer == nil { packer = TextPacker() }
                rows.append((prepared, version, prepared.packed ?? packer!.pack(prepared.document)))
            }
            for start in stride(from: 0, to: rows.count, by: Self.rowsPerInsert) {
                try statements.rows(try Self.insert(rows[start..<min(start + Self.rowsPerInsert, rows.count)], now: now))
            }
            let edited = Array(Set(fresh.filter { $0.version > 1 }.map(\.document.document.id))).sorted()
            if !edited.isEmpty { try statements.rows(Self.markVersions(of: edited)) }
            result.stored = rows.count
            result.textBytes = rows.reduce(0) { $0 + $1.0.document.body.utf8.count }
            return result
        }
    }

    static let documentColumns = """
        doc_id, version, content_key, outlet, date, day, precision, title, language, url, metadata, source_file,
        packed, packed_bytes, packed_original, observed_at, ingested_at, minhash
        """

    /// One multi-row INSERT of `rows`.
    static func insert(_ rows: ArraySlice<(PreparedDocument, Int, PackedText)>, now: String) throws(JibangError) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * 18)
        var values: [String] = []
        values.reserveCapacity(rows.count)
        for (prepared, version, packed) in rows {
            let document = prepared.document
            guard let date = document.date else { continue }
            let base = bindings.count
            values.append("(" + (1...18).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            bindings.append(document.id)
            bindings.append(version)
            bindings.append(prepared.contentKey)
            bindings.append(document.outlet)
            bindings.append(date.description)
            bindings.append(date.firstDayNumber)
            bindings.append(date.precision)
            bindings.append(document.title)
            bindings.append(document.language)
            bindings.append(document.url)
            bindings.append(try metadataText(document.metadata))
            bindings.append(prepared.file)
            bindings.append(ByteBuffer(bytes: packed.bytes))
            bindings.append(packed.length)
            bindings.append(packed.isOriginal)
            bindings.append(document.observed ?? now)
            bindings.append(now)
            bindings.append(prepared.signature.map { ByteBuffer(bytes: $0.bytes) })
        }
        return PostgresQuery(unsafeSQL: "INSERT INTO document (\(documentColumns)) VALUES " + values.joined(separator: ", "), binds: bindings)
    }

    /// A document's metadata as the embedded store keeps it: JSON with sorted keys, nil when empty.
    static func metadataText(_ metadata: [String: String]) throws(JibangError) -> String? {
        guard !metadata.isEmpty else { return nil }
        do {
            return String(decoding: try JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys]), as: UTF8.self)
        } catch {
            throw .storage("cannot encode a document's metadata: \(error)")
        }
    }

    /// Marks, for each of `ids`, the version observed first and the one observed last (ties:
    /// the one stored first, then last), as the embedded store does.
    static func markVersions(of ids: [String]) -> PostgresQuery {
        """
        WITH ranked AS (
            SELECT id, row_number() OVER w AS position, count(*) OVER (PARTITION BY doc_id) AS versions FROM document
            WHERE doc_id = ANY(\(ids)) WINDOW w AS (PARTITION BY doc_id ORDER BY COALESCE(observed_at, ''), version))
        UPDATE document d SET is_first = (r.position = 1), is_latest = (r.position = r.versions) FROM ranked r
        WHERE d.id = r.id AND (d.is_first <> (r.position = 1) OR d.is_latest <> (r.position = r.versions))
        """
    }

    /// Records a snapshot's listing (see `CorpusDocumentStore.recordSnapshot`).
    func recordSnapshot(source: String, ids: Set<String>, at time: String, complete: Bool) throws(JibangError) -> Int {
        let listed = ids.sorted()
        return try line.transaction { statements throws(JibangError) in
            try statements.rows("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try statements.rows(
                """
                INSERT INTO snapshot_listing (source, doc_id, first_seen, last_seen) SELECT \(source), listed, \(time), \(time) FROM unnest(\(listed)) listed
                ON CONFLICT (source, doc_id) DO UPDATE SET last_seen = GREATEST(snapshot_listing.last_seen, excluded.last_seen),
                    withdrawn_at = CASE WHEN excluded.last_seen >= COALESCE(snapshot_listing.withdrawn_at, '') THEN NULL
                        ELSE snapshot_listing.withdrawn_at END
                """)
            guard complete else { return 0 }
            return try statements.rows(
                """
                UPDATE snapshot_listing SET withdrawn_at = \(time)
                WHERE source = \(source) AND withdrawn_at IS NULL AND last_seen < \(time) AND NOT doc_id = ANY(\(listed)) RETURNING doc_id
                """
            ).count
        }
    }

    /// Records one file's ingest.
    func record(_ summary: IngestSummary) throws(JibangError) {
        let reasons = summary.skippedByReasonJSON
        _ = try line.transaction { statements throws(JibangError) in
            try statements.rows("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try statements.rows(
                """
                INSERT INTO ingest_run (file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason)
                VALUES (\(summary.file), \(Self.finishedText(Date())), \(summary.ingested), \(summary.alreadyStored), \(summary.duplicates),
                    \(summary.skipped), \(reasons))
                """)
        }
    }

    /// A time as the embedded store writes a finished ingest: "yyyy-MM-dd HH:mm:ss.SSS", UTC.
    static func finishedText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date)
    }

    // MARK: - Reading

    /// The corpus fingerprint, computed from the record itself.
    func fingerprint() throws(JibangError) -> (documents: Int, hash: String) {
        var fingerprint = CorpusFingerprint()
        for row in try line.rows("SELECT doc_id, content_key, version FROM document ORDER BY doc_id, version") {
            let (id, key, version) = try PostgresStore.decode(row, as: (String, String, Int).self)
            fingerprint.add(documentID: id, contentKey: key, version: version)
        }
        return (fingerprint.documents, fingerprint.hashText)
    }

    /// The database's size on disk.
    func databaseBytes() throws(JibangError) -> Int {
        guard let row = try line.rows("SELECT pg_database_size(current_database())").first else { return 0 }
        return try PostgresStore.decode(row, as: Int.self)
    }

    /// What changed after `since`, at most `limit` documents, read in one snapshot.
    func changes(since: Int64, limit: Int) throws(JibangError) -> CorpusChanges {
        try line.transaction("ISOLATION LEVEL REPEATABLE READ READ ONLY") { statements throws(JibangError) in
            let rows = try statements.rows(
                """
                SELECT id, doc_id, version, content_key, outlet, date, day, precision, title, language, url, metadata, source_file,
                    packed, packed_bytes, packed_original, original, observed_at, ingested_at, is_first, is_latest, minhash, cluster_id, change
                FROM document WHERE change > \(since) ORDER BY change LIMIT \(limit)
                """)
            var changes: CorpusChanges
            if rows.count == limit, let last = rows.last {
                changes = CorpusChanges(through: try Self.change(last), more: true)
            } else {
                let top = try statements.rows(
                    """
                    SELECT GREATEST((SELECT max(change) FROM document), (SELECT max(change) FROM snapshot_listing),
                        (SELECT max(change) FROM ingest_run), (SELECT max(change) FROM corpus_setting))
                    """)
                var latest: Int64? = nil
                if let row = top.first { latest = try PostgresStore.decode(row, as: Int64?.self) }
                changes = CorpusChanges(through: max(latest ?? since, since))
            }
            changes.documents = try rows.map { row throws(JibangError) in try Self.document(row) }
            let through = changes.through
            for row in try statements.rows(
                "SELECT source, doc_id, first_seen, last_seen, withdrawn_at FROM snapshot_listing WHERE change > \(since) AND change <= \(through)")
            {
                let (source, id, first, last, withdrawn) = try PostgresStore.decode(row, as: (String, String, String, String, String?).self)
                changes.listings.append(.init(source: source, documentID: id, firstSeen: first, lastSeen: last, withdrawnAt: withdrawn))
            }
            for row in try statements.rows(
                """
                SELECT id, file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason FROM ingest_run
                WHERE change > \(since) AND change <= \(through) ORDER BY id
                """)
            {
                let (id, file, finished, ingested, already, duplicates, skipped, reasons) = try PostgresStore.decode(
                    row, as: (Int64, String, String, Int, Int, Int, Int, String).self)
                var summary = IngestSummary(file: file)
                summary.ingested = ingested
                summary.alreadyStored = already
                summary.duplicates = duplicates
                summary.skipped = skipped
                summary.skippedByReason = IngestSummary.skippedByReason(json: reasons)
                changes.runs.append(.init(id: id, finished: finished, summary: summary))
            }
            for row in try statements.rows("SELECT key, value FROM corpus_setting WHERE change > \(since) AND change <= \(through)") {
                let (key, value) = try PostgresStore.decode(row, as: (String, String).self)
                changes.settings[key] = value
            }
            return changes
        }
    }

    static func document(_ row: PostgresRow) throws(JibangError) -> CorpusChanges.StoredDocument {
        let columns = row.makeRandomAccess()
        func column<T: PostgresDecodable>(_ index: Int, _ type: T.Type = T.self) throws(JibangError) -> T {
            do { return try columns[index].decode(T.self) } catch {
                throw .storage("a stored document row is not in the shape this jibang expects: \(String(describing: error).prefix(200))")
            }
        }
        return CorpusChanges.StoredDocument(
            rowID: try column(0), documentID: try column(1), version: try column(2), contentKey: try column(3), outlet: try column(4),
            date: try column(5), day: try column(6), precision: try column(7), title: try column(8), language: try column(9),
            url: try column(10), metadata: try column(11), sourceFile: try column(12),
            packed: PackedText(bytes: Array(try column(13, ByteBuffer.self).readableBytesView), length: try column(14), isOriginal: try column(15)),
            original: try column(16), observedAt: try column(17), ingestedAt: try column(18), isFirst: try column(19), isLatest: try column(20),
            minhash: try column(21, ByteBuffer?.self).map { Array($0.readableBytesView) }, clusterID: try column(22))
    }

    /// The change point of a document row read by `changes`.
    static func change(_ row: PostgresRow) throws(JibangError) -> Int64 {
        do { return try row.makeRandomAccess()[23].decode(Int64.self) } catch {
            throw .storage("a stored document row has no change point: \(String(describing: error).prefix(200))")
        }
    }

    // MARK: - Reprint clusters

    /// Writes the clusters a node computed (row id → cluster, for the clustered rows; every
    /// other row belongs to none) and the settings that go with them, in one transaction.
    func storeClusters(_ clusters: [Int64: Int64], settings: [String: String]) throws(JibangError) {
        let rows = clusters.keys.sorted()
        let firsts = rows.map { clusters[$0]! }
        _ = try line.transaction { statements throws(JibangError) in
            try statements.rows("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            try statements.rows("UPDATE document SET cluster_id = NULL WHERE cluster_id IS NOT NULL AND NOT id = ANY(\(rows))")
            try statements.rows(
                """
                UPDATE document d SET cluster_id = c.first FROM unnest(\(rows), \(firsts)) AS c(id, first)
                WHERE d.id = c.id AND d.cluster_id IS DISTINCT FROM c.first
                """)
            for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
                try statements.rows(
                    """
                    INSERT INTO corpus_setting (key, value) VALUES (\(key), \(value))
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE corpus_setting.value <> excluded.value
                    """)
            }
        }
    }
}

extension PostgresCorpus {
    /// Whether the corpus holds anything: a move goes only into an empty one.
    func isEmpty() throws(JibangError) -> Bool {
        let row = try line.rows(
            """
            SELECT NOT EXISTS (SELECT 1 FROM document) AND NOT EXISTS (SELECT 1 FROM snapshot_listing)
                AND NOT EXISTS (SELECT 1 FROM ingest_run) AND NOT EXISTS (SELECT 1 FROM corpus_setting)
            """
        ).first
        return try row.map { row throws(JibangError) in try PostgresStore.decode(row, as: Bool.self) } ?? true
    }

    /// Stores every page `next` gives (documents with their row ids, listings, runs,
    /// settings) in one transaction, then moves the id sequences past them. Returns the
    /// documents stored.
    func load(_ next: () throws(JibangError) -> CorpusChanges?) throws(JibangError) -> Int {
        try line.transaction { statements throws(JibangError) in
            try statements.rows("SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            var stored = 0
            while let page = try next() {
                for start in stride(from: 0, to: page.documents.count, by: Self.rowsPerInsert) {
                    try statements.rows(Self.insert(stored: page.documents[start..<min(start + Self.rowsPerInsert, page.documents.count)]))
                }
                stored += page.documents.count
                for listing in page.listings {
                    try statements.rows(
                        """
                        INSERT INTO snapshot_listing (source, doc_id, first_seen, last_seen, withdrawn_at)
                        VALUES (\(listing.source), \(listing.documentID), \(listing.firstSeen), \(listing.lastSeen), \(listing.withdrawnAt))
                        """)
                }
                for run in page.runs {
                    let summary = run.summary
                    let reasons = summary.skippedByReasonJSON
                    try statements.rows(
                        """
                        INSERT INTO ingest_run (id, file, finished, ingested, already_stored, duplicates, skipped, skipped_by_reason)
                        VALUES (\(run.id), \(summary.file), \(run.finished), \(summary.ingested), \(summary.alreadyStored), \(summary.duplicates),
                            \(summary.skipped), \(reasons))
                        """)
                }
                for (key, value) in page.settings.sorted(by: { $0.key < $1.key }) {
                    try statements.rows("INSERT INTO corpus_setting (key, value) VALUES (\(key), \(value))")
                }
            }
            for table in ["document", "ingest_run"] {
                try statements.rows(
                    PostgresQuery(
                        unsafeSQL:
                            "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT max(id) FROM \(table)), 0) + 1, false)"))
            }
            return stored
        }
    }

    /// One multi-row INSERT of documents as stored elsewhere, row ids and marks kept.
    static func insert(stored rows: ArraySlice<CorpusChanges.StoredDocument>) -> PostgresQuery {
        let columns = 23
        var bindings = PostgresBindings(capacity: rows.count * columns)
        var values: [String] = []
        for document in rows {
            let base = bindings.count
            values.append("(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            bindings.append(document.rowID)
            bindings.append(document.documentID)
            bindings.append(document.version)
            bindings.append(document.contentKey)
            bindings.append(document.outlet)
            bindings.append(document.date)
            bindings.append(document.day)
            bindings.append(document.precision)
            bindings.append(document.title)
            bindings.append(document.language)
            bindings.append(document.url)
            bindings.append(document.metadata)
            bindings.append(document.sourceFile)
            bindings.append(ByteBuffer(bytes: document.packed.bytes))
            bindings.append(document.packed.length)
            bindings.append(document.packed.isOriginal)
            bindings.append(document.original)
            bindings.append(document.observedAt)
            bindings.append(document.ingestedAt)
            bindings.append(document.isFirst)
            bindings.append(document.isLatest)
            bindings.append(document.minhash.map { ByteBuffer(bytes: $0) })
            bindings.append(document.clusterID)
        }
        return PostgresQuery(
            unsafeSQL: """
                INSERT INTO document (id, doc_id, version, content_key, outlet, date, day, precision, title, language, url, metadata, source_file,
                    packed, packed_bytes, packed_original, original, observed_at, ingested_at, is_first, is_latest, minhash, cluster_id)
                VALUES \(values.joined(separator: ", "))
                """, binds: bindings)
    }
}
