import Foundation
import GRDB
public import JibangBase
public import JibangCorpus

extension CorpusStore {
    /// Documents republished with edits, and documents withdrawn from a snapshot's source,
    /// most recently changed first, each with the word diff of the two versions compared.
    public func changes(_ filter: ChangeFilter) throws(JibangError) -> [DocumentChange] {
        do {
            return try writer.read { db in
                var conditions = ["version > 1"]
                var arguments: [(any DatabaseValueConvertible)?] = []
                if let outlet = filter.outlet {
                    conditions.append("outlet = ?")
                    arguments.append(outlet)
                }
                if let id = filter.documentId {
                    conditions.append("doc_id = ?")
                    arguments.append(id)
                }
                if let since = filter.since {
                    conditions.append("COALESCE(observed_at, ingested_at, '') >= ?")
                    arguments.append(since)
                }
                let edited = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT doc_id, MAX(COALESCE(observed_at, ingested_at, '')) AS changed FROM document
                        WHERE \(conditions.joined(separator: " AND ")) GROUP BY doc_id ORDER BY changed DESC, doc_id LIMIT ?
                        """,
                    arguments: StatementArguments(arguments + [filter.limit]))
                var changes: [(changed: String, change: DocumentChange)] = []
                for row in edited {
                    changes.append((row[1], try Self.change(of: row[0], db: db, filter: filter)))
                }
                for withdrawal in try Self.withdrawals(db, filter: filter) {
                    changes.append((withdrawal.withdrawn?.noticedAt ?? "", withdrawal))
                }
                return changes.sorted { ($0.changed, $1.change.documentId) > ($1.changed, $0.change.documentId) }.prefix(filter.limit).map(\.change)
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot list the corpus changes: \(error)")
        }
    }

    /// One edited document's versions (in observed order) and the diff of the two compared.
    static func change(of id: String, db: Database, filter: ChangeFilter) throws -> DocumentChange {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT id, version, observed_at, ingested_at, date, title, outlet FROM document
                WHERE doc_id = ? ORDER BY COALESCE(observed_at, ''), version
                """,
            arguments: [id])
        let versions = rows.map { DocumentChange.Version(version: $0[1], observedAt: $0[2], ingestedAt: $0[3], date: $0[4], title: $0[5]) }
        let rowOf = Dictionary(uniqueKeysWithValues: rows.map { ($0[1] as Int, $0[0] as Int64) })
        let to = filter.toVersion ?? versions.last?.version
        let from = filter.fromVersion ?? versions.dropLast().last?.version
        guard let from, let to else {
            throw JibangError.notFound("document \(id) has only one version")
        }
        for asked in [from, to] where rowOf[asked] == nil {
            throw JibangError.notFound(
                "document \(id) has no version \(asked); it has versions \(versions.map { String($0.version) }.joined(separator: ", "))")
        }
        func text(_ version: Int) throws -> String {
            guard let row = try Row.fetchOne(db, sql: "SELECT title, \(textColumns) FROM document WHERE id = ?", arguments: [rowOf[version]!]) else {
                return ""
            }
            return (row[0] as String) + "\n" + (try Self.text(row, from: 1).body)
        }
        return DocumentChange(
            documentId: id, outlet: rows.last.map { $0[6] } ?? "", versions: versions, fromVersion: from, toVersion: to,
            diff: WordDiff.pieces(from: try text(from), to: try text(to)))
    }

    /// Documents withdrawn from a snapshot's source (of the filter's outlet, when given).
    static func withdrawals(_ db: Database, filter: ChangeFilter) throws -> [DocumentChange] {
        var conditions = ["withdrawn_at IS NOT NULL"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let since = filter.since {
            conditions.append("withdrawn_at >= ?")
            arguments.append(since)
        }
        if let id = filter.documentId {
            conditions.append("s.doc_id = ?")
            arguments.append(id)
        }
        if let outlet = filter.outlet {
            conditions.append("d.outlet = ?")
            arguments.append(outlet)
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.doc_id, s.source, s.last_seen, s.withdrawn_at, d.outlet, d.version, d.observed_at, d.ingested_at, d.date, d.title
                FROM snapshot_listing s LEFT JOIN document d ON d.doc_id = s.doc_id AND d.is_latest
                WHERE \(conditions.joined(separator: " AND ")) ORDER BY s.withdrawn_at DESC, s.doc_id LIMIT ?
                """,
            arguments: StatementArguments(arguments + [filter.limit]))
        return rows.map { row in
            let versions =
                (row[5] as Int?).map { [DocumentChange.Version(version: $0, observedAt: row[6], ingestedAt: row[7], date: row[8], title: row[9])] }
                ?? []
            return DocumentChange(
                documentId: row[0], outlet: row[4] ?? "", versions: versions, fromVersion: nil, toVersion: nil, diff: [],
                withdrawn: DocumentChange.Withdrawal(source: row[1], lastSeen: row[2], noticedAt: row[3]))
        }
    }

    /// Records that a snapshot of `source` taken at `time` listed exactly `ids`: they are seen
    /// again (and no longer withdrawn), and every other document the source listed before is
    /// marked withdrawn at `time`, keeping the last time it was seen — unless the snapshot is
    /// not `complete` (records were skipped: their ids are unknown). Returns how many
    /// documents were newly withdrawn. One transaction.
    public func recordSnapshot(source: String, ids: Set<String>, at time: String, complete: Bool) throws(JibangError) -> Int {
        do {
            return try writer.write { db in
                let seen = try db.makeStatement(
                    sql: """
                        INSERT INTO snapshot_listing (source, doc_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
                        ON CONFLICT (source, doc_id) DO UPDATE SET last_seen = MAX(last_seen, excluded.last_seen),
                            withdrawn_at = CASE WHEN excluded.last_seen >= COALESCE(withdrawn_at, '') THEN NULL ELSE withdrawn_at END
                        """)
                for id in ids.sorted() { try seen.execute(arguments: [source, id, time, time]) }
                guard complete else { return 0 }
                let listed = try String.fetchAll(
                    db, sql: "SELECT doc_id FROM snapshot_listing WHERE source = ? AND withdrawn_at IS NULL AND last_seen < ?",
                    arguments: [source, time])
                let withdraw = try db.makeStatement(sql: "UPDATE snapshot_listing SET withdrawn_at = ? WHERE source = ? AND doc_id = ?")
                var withdrawn = 0
                for id in listed where !ids.contains(id) {
                    try withdraw.execute(arguments: [time, source, id])
                    withdrawn += 1
                }
                return withdrawn
            }
        } catch {
            throw .storage("cannot record the snapshot of \(source): \(error)")
        }
    }
}
