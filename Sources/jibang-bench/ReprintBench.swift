import Foundation
import GRDB
import JibangBase
import JibangStore

/// Reprint detection on the benchmark corpus with planted near-copies of known truth: every
/// planted copy (sentences swapped, a paragraph added, or the title changed; another id and
/// outlet) should join its source's cluster, and nothing else should be joined. Also the ingest
/// speed with clustering against the same ingest without it, in one run.
struct ReprintBench {
    let corpus: String
    let work: String
    let planted: Int
    let seed: UInt64
    let runJibang: ([String]) throws -> (seconds: Double, peakKB: Int)

    struct Result {
        var planted = 0
        var found = 0
        var joins = 0
        var wrongJoins = 0
        var documents = 0
        var bytes = 0
        var secondsWithout = 0.0
        var secondsWith = 0.0
        var clusterSeconds = 0.0
    }

    /// The corpus with `planted` near-copies appended; returns the (copy, source) ids.
    func writeCorpus(to path: String) throws -> [(copy: String, source: String)] {
        let lines = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        var rng = SeededRandom(seed: seed)
        var out = lines.map(String.init)
        var pairs: [(String, String)] = []
        var used = Set<Int>()
        while pairs.count < planted {
            let n = Int.random(in: 0..<lines.count, using: &rng)
            guard used.insert(n).inserted,
                var object = try JSONSerialization.jsonObject(with: Data(lines[n].utf8)) as? [String: Any],
                let id = object["id"] as? String, let body = object["body"] as? String
            else { continue }
            var sentences = body.components(separatedBy: ". ")
            guard sentences.count >= 4 else { continue }
            switch pairs.count % 3 {
            case 0: sentences.swapAt(1, 2)
            case 1:
                // A paragraph added: three sentences of another article.
                let other = try JSONSerialization.jsonObject(with: Data(lines[Int.random(in: 0..<lines.count, using: &rng)].utf8)) as? [String: Any]
                sentences += ((other?["body"] as? String) ?? "").components(separatedBy: ". ").prefix(3)
            default: object["title"] = "재록: " + ((object["title"] as? String) ?? "")
            }
            object["body"] = sentences.joined(separator: ". ")
            object["id"] = "copy-\(pairs.count)"
            // Another outlet: the same outlet, date and text would be the same article, not a reprint.
            object["outlet"] = (object["outlet"] as? String) == "Minju Joson" ? "Rodong Sinmun" : "Minju Joson"
            out.append(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            pairs.append(("copy-\(pairs.count)", id))
        }
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return pairs
    }

    func run() throws -> Result {
        let path = "\(work)/reprints-corpus.jsonl"
        let pairs = try writeCorpus(to: path)
        var result = Result()
        result.planted = pairs.count
        result.bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        func fresh(_ name: String) -> String {
            let database = "\(work)/\(name).sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            try? FileManager.default.removeItem(atPath: database + ".corpus")
            return database
        }
        result.secondsWithout = try runJibang(["ingest", path, "--no-find-reprints", "--database", fresh("reprints-off")]).seconds
        let database = fresh("reprints-on")
        result.secondsWith = try runJibang(["ingest", path, "--database", database]).seconds
        let queue = try DatabaseQueue(path: database)
        let (clusterOf, ids) = try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, doc_id, cluster_id FROM document WHERE is_latest")
            return (
                Dictionary(uniqueKeysWithValues: rows.map { ($0[1] as String, $0[2] as Int64?) }),
                Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as String) })
            )
        }
        result.documents = clusterOf.count
        let sourceOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.copy, $0.source) })
        for (copy, source) in pairs {
            if let cluster = clusterOf[copy] ?? nil, clusterOf[source] ?? nil == cluster { result.found += 1 }
        }
        // Joins: members other than their cluster's first. Right when a planted copy joins its source.
        for (document, cluster) in clusterOf {
            guard let cluster, let first = ids[cluster], first != document else { continue }
            result.joins += 1
            if sourceOf[document] != first { result.wrongJoins += 1 }
        }
        return result
    }

    static func report(_ r: Result) -> String {
        let recall = Double(r.found) / Double(max(r.planted, 1))
        let wrong = Double(r.wrongJoins) / Double(max(r.joins, 1))
        let mbps = { (seconds: Double) in Double(r.bytes) / 1_048_576 / seconds }
        return """
            reprints: \(r.planted) planted near-copies among \(r.documents) documents (sentences swapped, a paragraph added, the title changed; another outlet and id)
              recall: \(r.found) of \(r.planted) copies joined their source = \(String(format: "%.3f", recall)) (target ≥ 0.95)
              false merges: \(r.wrongJoins) of \(r.joins) joins = \(String(format: "%.4f", wrong)) (target ≤ 0.01)
              ingest: \(String(format: "%.1f", mbps(r.secondsWith))) MB/s with clustering vs \(String(format: "%.1f", mbps(r.secondsWithout))) MB/s without (\(String(format: "%.2f", r.secondsWith / r.secondsWithout))× the time)
            """
    }
}
