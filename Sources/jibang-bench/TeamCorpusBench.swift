import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangPostgres
import JibangStore

/// A store address as `jibang --database` takes it.
enum TeamBenchURL {
    static func url(_ address: PostgresAddress) -> String {
        var text = "postgres://\(address.user):\(address.password ?? "")@\(address.host ?? "127.0.0.1"):\(address.port)/\(address.database)"
        if address.tls == .disable { text += "?sslmode=disable" }
        return text
    }
}

/// `jibang-bench --team`, the corpus part: the benchmark corpus ingested into the embedded
/// store (the anchor) and into PostgreSQL, side by side; a second node building its copy and
/// index from PostgreSQL; the same trend on both; how soon a node sees another's ingest.
struct TeamCorpusBench {
    let server: PostgresAddress
    let corpus: String
    let work: String
    let repetitions: Int
    /// The `jibang` binary beside the bench, for the API part (nil: left out).
    let jibang: String?
    let seconds: Int

    struct Result {
        var documents = 0
        var textBytes = 0
        var sqliteIngestSeconds = 0.0
        var postgresIngestSeconds = 0.0
        var secondNodeSeconds = 0.0
        var sqliteTrendMs = 0.0
        var postgresTrendMs = 0.0
        var trendsEqual = false
        var freshDocuments = 0
        var freshnessMs = 0.0
        var fingerprintsEqual = false
        /// wrk against `jibang serve` on each store: status, and a cached trend.
        var sqliteAPI: [ServerBench.Result] = []
        var postgresAPI: [ServerBench.Result] = []
    }

    static func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }

    func trendMs(_ store: any CorpusDocumentStore, _ query: TrendQuery) throws -> (Double, TrendResult) {
        var times: [Double] = []
        var last: TrendResult?
        for _ in 0..<repetitions {
            let (result, seconds) = try timed { try store.trend(query) }
            times.append(seconds * 1000)
            last = result
        }
        return (Self.median(times), last!)
    }

    func run() throws -> Result {
        var result = Result()
        let path = "\(work)/team-corpus.sqlite"
        for suffix in ["", "-wal", "-shm", ".corpus"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        for node in ["node-a", "node-b"] { try? FileManager.default.removeItem(atPath: "\(work)/\(node)") }
        var database = server
        database.database = "jibang_bench_corpus"
        let server = self.server
        try DeskBench.blocking { [database] in try await PostgresStore.recreateDatabase(database.database, on: server) }

        log("team corpus: ingesting into SQLite…")
        let sqlite = try CorpusStore.open(path: path)
        var ingest = CorpusIngest(corpus: sqlite, options: ReadOptions())
        let (summary, sqliteSeconds) = try timed { try ingest.ingest(corpus, format: .jsonl) }
        result.sqliteIngestSeconds = sqliteSeconds
        result.documents = summary.ingested
        result.textBytes = try sqlite.stats().textBytes

        log("team corpus: ingesting into PostgreSQL…")
        let work = self.work
        let nodeA = try DeskBench.blocking { [database] in try await TeamCorpus.open(database, indexFolder: "\(work)/node-a") }
        ingest.corpus = nodeA
        result.postgresIngestSeconds = try timed { try ingest.ingest(corpus, format: .jsonl) }.1

        log("team corpus: a second node builds its copy and index…")
        let (nodeB, secondSeconds) = try timed {
            try DeskBench.blocking { [database] in try await TeamCorpus.open(database, indexFolder: "\(work)/node-b") }
        }
        result.secondNodeSeconds = secondSeconds

        let query = TrendQuery(groups: [try TermGroup(name: "economy", query: "경제"), try TermGroup(name: "people", query: "인민")], by: .year)
        let (sqliteMs, sqliteTrend) = try trendMs(sqlite, query)
        let (postgresMs, postgresTrend) = try trendMs(nodeB, query)
        result.sqliteTrendMs = sqliteMs
        result.postgresTrendMs = postgresMs
        result.trendsEqual = sqliteTrend == postgresTrend
        result.fingerprintsEqual = try sqlite.fingerprint() == nodeB.fingerprint()

        // Freshness: node a stores 100 new articles; node b catches up.
        let fresh = "\(work)/team-fresh.jsonl"
        let lines = (0..<100).map { n in
            "{\"id\": \"fresh-\(n)-\(UUID().uuidString)\", \"outlet\": \"KCNA\", \"date\": \"2024-12-0\(1 + n % 9)\", \"title\": \"Fresh \(n)\", \"body\": \"경제 건설의 새로운 소식 \(n).\"}"
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: fresh))
        ingest.corpus = nodeA
        _ = try ingest.ingest(fresh, format: .jsonl)
        let (copied, seconds) = try timed { try nodeB.catchUp() }
        result.freshDocuments = copied
        result.freshnessMs = seconds * 1000

        if let jibang {
            log("team corpus: jibang serve under wrk on each store…")
            for (database, extra, side) in [(path, [String](), 0), (TeamBenchURL.url(database), ["--index-dir", "\(work)/node-b"], 1)] {
                var api: [ServerBench.Result] = []
                var bench = ServerBench(jibang: jibang, database: database, seconds: self.seconds, connections: 32, work: work)
                bench.serveArguments = extra
                try bench.withServer(cacheMegabytes: 64) { port in
                    api.append(try bench.wrk("status", port: port, path: "/api/v1/programme/status"))
                    api.append(try bench.wrk("trend, cached", port: port, path: ServerBench.trendPath))
                }
                if side == 0 { result.sqliteAPI = api } else { result.postgresAPI = api }
            }
        }
        return result
    }

    static func report(_ r: Result) -> String {
        func rate(_ seconds: Double) -> Double { Double(r.textBytes) / 1_048_576 / max(seconds, 0.0001) }
        func line(_ label: String, _ a: Double, _ b: Double, _ unit: String) -> String {
            label.padding(toLength: 52, withPad: " ", startingAt: 0)
                + String(format: "%9.1f %@ %9.1f %@   ×%.2f", a, unit, b, unit, b / max(a, 0.0001))
        }
        return """
            team corpus: \(r.documents) articles, \(mb(r.textBytes)) of text, on PostgreSQL beside SQLite (the anchor)
                                                                   SQLite        PostgreSQL   PostgreSQL/SQLite
            \(line("ingest (SQLite: store and index; PostgreSQL: store)", r.sqliteIngestSeconds, r.postgresIngestSeconds, "s "))
            \(line("  text ingested per second", rate(r.sqliteIngestSeconds), rate(r.postgresIngestSeconds), "MB/s"))
            a second node copies and indexes the corpus from PostgreSQL: \(String(format: "%.1f", r.secondNodeSeconds)) s
            \(line("trend, 2 groups by year (median, warm)", r.sqliteTrendMs, r.postgresTrendMs, "ms"))
              same trend on both: \(r.trendsEqual ? "yes" : "NO"); same corpus fingerprint: \(r.fingerprintsEqual ? "yes" : "NO")
            another node's ingest of \(r.freshDocuments) articles seen by this node after its catch-up of \(String(format: "%.1f", r.freshnessMs)) ms
            """
                + zip(r.sqliteAPI, r.postgresAPI).map { a, b in
                    "\n" + line("API \(a.name): requests per second", a.requestsPerSecond, b.requestsPerSecond, "/s")
                        + "\n" + line("API \(a.name): p99 latency", a.p99Milliseconds, b.p99Milliseconds, "ms")
                }.joined()
    }
}
