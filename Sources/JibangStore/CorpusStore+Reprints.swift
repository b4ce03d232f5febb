import Foundation
import GRDB
public import JibangBase
public import JibangCorpus
import KoreanText

extension CorpusStore {
    /// The Jaccard threshold used when none is given.
    public static let defaultReprintThreshold = 0.8

    /// Clusters the near-copies of the whole corpus (each document's latest version): signs the
    /// documents stored before signatures were kept, then groups documents whose signatures
    /// agree on at least `threshold` (default: the last one used, else 0.8) and records each
    /// one's cluster. Signing commits in chunks; the clusters are written in one transaction.
    public func clusterReprints(threshold: Double? = nil, progress: (String) -> Void = { _ in }) throws(JibangError) -> ReprintSummary {
        do {
            let signed = try signUnsigned(progress: progress)
            return try writer.write { db in
                let stored = try String.fetchOne(db, sql: "SELECT value FROM corpus_setting WHERE key = 'reprint_threshold'").flatMap(Double.init)
                let threshold = threshold ?? stored ?? Self.defaultReprintThreshold
                var items: [ReprintClustering.Item] = []
                var current: [Int64: Int64?] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT id, day, minhash, cluster_id FROM document WHERE is_latest AND minhash IS NOT NULL")
                while let row = try rows.next() {
                    guard let signature = MinHash(bytes: [UInt8](row[2] as Data)) else { continue }
                    items.append(.init(rowID: row[0], day: row[1], signature: signature))
                    current[row[0]] = row[3] as Int64?
                }
                let firsts = ReprintClustering.clusters(items, threshold: threshold)
                var size: [Int64: Int] = [:]
                for first in firsts { size[first, default: 0] += 1 }
                let update = try db.makeStatement(sql: "UPDATE document SET cluster_id = ? WHERE id = ?")
                for (item, first) in zip(items, firsts) {
                    let cluster: Int64? = size[first]! > 1 ? first : nil
                    if current[item.rowID] != .some(cluster) { try update.execute(arguments: [cluster, item.rowID]) }
                }
                // Superseded versions belong to no cluster.
                try db.execute(sql: "UPDATE document SET cluster_id = NULL WHERE NOT is_latest AND cluster_id IS NOT NULL")
                try db.execute(
                    sql:
                        "INSERT INTO corpus_setting (key, value) VALUES ('reprint_threshold', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    arguments: [String(threshold)])
                // Any change of the clusters changes the segments' masks: the cache key says so.
                try db.execute(
                    sql: "INSERT INTO corpus_setting (key, value) VALUES ('clustered', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    arguments: [UUID().uuidString])
                let clusters = size.values.filter { $0 > 1 }
                return ReprintSummary(
                    threshold: threshold, documents: items.count, clusters: clusters.count, reprints: clusters.reduce(0) { $0 + $1 - 1 },
                    signed: signed)
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot cluster reprints: \(error)")
        }
    }

    /// Signs the documents stored without a signature, 2,000 per transaction. Returns how many.
    func signUnsigned(progress: (String) -> Void) throws -> Int {
        var signed = 0
        while true {
            let batch = try writer.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, title, \(Self.textColumns) FROM document WHERE is_latest AND minhash IS NULL ORDER BY id LIMIT 2000")
            }
            guard !batch.isEmpty else { return signed }
            var signatures: [(Int64, Data)] = []
            for row in batch {
                let text = try Self.text(row, from: 2)
                let signature = MinHash(SearchText((row[1] as String) + "\n" + text.body))
                // An empty text gets an empty signature: stored, so it is not read again.
                signatures.append((row[0], Data(signature?.bytes ?? [])))
            }
            try writer.write { db in
                let update = try db.makeStatement(sql: "UPDATE document SET minhash = ? WHERE id = ?")
                for (id, bytes) in signatures { try update.execute(arguments: [bytes, id]) }
            }
            signed += batch.count
            progress("signed \(signed) documents stored before reprints were found")
        }
    }

    /// The clusters of near-copies, largest first (then newest), at most `limit`; one cluster
    /// (by any member's document id) with each member's word diff from the first.
    public func reprintClusters(limit: Int = 50, outlet: String? = nil, documentId: String? = nil) throws(JibangError) -> [ReprintCluster] {
        do {
            return try writer.read { db in
                var clusterIDs: [Int64]
                if let documentId {
                    clusterIDs = try Int64.fetchAll(
                        db, sql: "SELECT cluster_id FROM document WHERE doc_id = ? AND is_latest AND cluster_id IS NOT NULL", arguments: [documentId])
                } else {
                    clusterIDs = try Int64.fetchAll(
                        db,
                        sql: """
                            SELECT cluster_id FROM document INDEXED BY document_cluster WHERE cluster_id IS NOT NULL
                            GROUP BY cluster_id HAVING ? IS NULL OR SUM(outlet = ?) > 0
                            ORDER BY COUNT(*) DESC, MIN(day) DESC, cluster_id LIMIT ?
                            """,
                        arguments: [outlet, outlet, limit])
                }
                return try clusterIDs.map { try Self.cluster($0, db: db, withDiff: documentId != nil) }
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot list the reprint clusters: \(error)")
        }
    }

    static func cluster(_ id: Int64, db: Database, withDiff: Bool) throws -> ReprintCluster {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, doc_id, outlet, date, title, minhash, \(textColumns) FROM document WHERE cluster_id = ? ORDER BY id = ? DESC, day, id",
            arguments: [id, id])
        guard let first = rows.first else { throw JibangError.notFound("no reprint cluster \(id)") }
        let firstText = (first[4] as String) + "\n" + (try text(first, from: 6).body)
        let firstSignature = MinHash(bytes: [UInt8]((first[5] as Data?) ?? Data()))
        let members = try rows.map { row in
            let text = (row[4] as String) + "\n" + (try Self.text(row, from: 6).body)
            let diff = WordDiff.pieces(from: firstText, to: text)
            let counts = WordDiff.counts(diff)
            var similarity = 0.0
            if let firstSignature, let signature = MinHash(bytes: [UInt8]((row[5] as Data?) ?? Data())) {
                similarity = firstSignature.similarity(signature)
            }
            return ReprintCluster.Member(
                documentId: row[1], outlet: row[2], date: row[3], title: row[4], similarity: (similarity * 1000).rounded() / 1000,
                wordsRemoved: counts.removed, wordsAdded: counts.added, diff: withDiff ? diff : nil)
        }
        return ReprintCluster(clusterId: first[1], firstOutlet: first[2], firstDate: first[3], members: members)
    }
}
