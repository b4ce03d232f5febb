import ArgumentParser
import Foundation
import GRDB
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

#if canImport(Glibc)
import Glibc
#endif

/// `jibang-bench`: the corpus engine against SQLite FTS5 (trigram) and a plain scan, on the
/// same synthetic corpus, in one run. Run in release mode:
/// `swift run -c release jibang-bench --documents 200000`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jibang-bench", abstract: "Benchmark ingest and trend queries against SQLite FTS5 and a plain scan.")

    @Option(help: "Articles in the synthetic corpus.")
    var documents = 200_000
    @Option(help: "new-year-addresses.jsonl, the source of the sentences.")
    var source = "../shared/data/new-year-addresses.jsonl"
    @Option(help: "Folder for the corpus and the stores (reused between runs for the corpus file).")
    var work = NSTemporaryDirectory() + "jibang-bench"
    @Option(help: "Repetitions of each warm query.")
    var repeats = 21
    @Flag(help: "Skip SQLite FTS5 (its index build takes minutes at 200,000 articles).")
    var skipFts = false
    @Flag(help: "Reuse the Jibang store of an earlier run on the same corpus instead of ingesting again.")
    var reuseStore = false
    @Option(help: "Random seed of the generator.")
    var seed: UInt64 = 2024
    @Flag(help: "Skip the side-by-side run of the previous segment format (format 2, built in memory from the same corpus).")
    var skipPrevious = false
    @Flag(help: "Time Jibang's warm queries only (no cold runs, no anchors): for profiling.")
    var warmOnly = false
    @Flag(help: "Benchmark `jibang serve` with wrk instead (status and a trend), on the benchmark store.")
    var server = false
    @Option(help: "With --server: seconds per wrk run.")
    var seconds = 10
    @Flag(
        help:
            "Measure reprint detection instead: planted near-copies in the benchmark corpus (recall, false merges) and ingest speed with and without clustering."
    )
    var reprints = false
    @Option(help: "With --reprints: near-copies planted.")
    var planted = 2_000
    @Flag(
        help:
            "Measure the team store on PostgreSQL beside SQLite instead (the record: seed, import, read, concurrent writers, a move; the corpus: ingest, a second node's index, trend, freshness); needs --postgres."
    )
    var team = false
    @Option(help: "With --team: a postgres:// URL of a server where the bench may create databases (jibang_bench_*).")
    var postgres: String?
    @Option(help: "With --team: generated milestones imported.")
    var milestones = 20_000
    @Flag(help: "Measure the review desk instead: grouping, filtering and counting a large synthetic queue, against the ungrouped list.")
    var desk = false
    @Option(help: "With --desk: pending candidates queued.")
    var candidates = 10_000
    @Flag(help: "Run the reliability drills instead: kill -9 during ingest and import, a server under reads and writes during an ingest.")
    var drills = false
    @Option(help: "With --drills: how many kills.")
    var kills = 12
    @Option(help: "With --drills: documents per ingest batch (more batches, more moments between commits).")
    var batchSize = 500
    @Option(help: "With --drills: rows of the generated programme import killed in the import drill (0 skips it).")
    var importRows = 12_000

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let corpusPath = "\(work)/corpus-\(documents)-\(seed).jsonl"
        if team {
            guard let postgres, case .postgres(let server) = try StoreAddress(parsing: postgres) else {
                throw ValidationError("--team needs --postgres postgres://USER:PASSWORD@HOST:PORT/DATABASE (a server where it may create databases)")
            }
            print(TeamBench.report(try TeamBench(server: server, milestones: milestones, work: work, repetitions: min(max(3, repeats), 11)).run()))
            if !FileManager.default.fileExists(atPath: corpusPath) {
                _ = try SyntheticCorpus(addressesJSONL: source).write(count: documents, seed: seed, to: corpusPath)
            }
            let jibang = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jibang").path
            let corpusBench = TeamCorpusBench(
                server: server, corpus: corpusPath, work: work, repetitions: min(max(3, repeats), 11),
                jibang: FileManager.default.isExecutableFile(atPath: jibang) && ServerBench.wrkPath != nil ? jibang : nil, seconds: seconds)
            print(TeamCorpusBench.report(try corpusBench.run()))
            return
        }
        if desk {
            print(DeskBench.report(try DeskBench(candidates: candidates, work: work, seed: seed, repetitions: min(max(3, repeats), 11)).run()))
            return
        }
        if drills {
            if !FileManager.default.fileExists(atPath: corpusPath) {
                _ = try SyntheticCorpus(addressesJSONL: source).write(count: documents, seed: seed, to: corpusPath)
            }
            let jibang = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jibang").path
            log(
                "drills: \(kills) kills, seed \(seed), \(documents) documents in batches of \(batchSize), an import of \(importRows) rows (replay: --drills --seed \(seed))"
            )
            var drill = Drills(
                jibang: jibang, corpus: corpusPath, work: work, kills: kills, batch: batchSize, importRows: importRows, rng: SeededRandom(seed: seed))
            do { try drill.run() } catch let failure as Drills.Failure {
                log("drills FAILED: \(failure)")
                throw ExitCode.failure
            }
            log("drills passed")
            return
        }
        if !FileManager.default.fileExists(atPath: corpusPath) {
            let generator = try SyntheticCorpus(addressesJSONL: source)
            let (bytes, seconds) = try timed { try generator.write(count: documents, seed: seed, to: corpusPath + ".tmp") }
            try FileManager.default.moveItem(atPath: corpusPath + ".tmp", toPath: corpusPath)
            log("generated \(documents) articles, \(mb(bytes)) in \(String(format: "%.1f", seconds)) s → \(corpusPath)")
        }
        if reprints {
            let bench = ReprintBench(corpus: corpusPath, work: work, planted: planted, seed: seed, runJibang: runJibang)
            print(ReprintBench.report(try bench.run()))
            return
        }
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: corpusPath)[.size] as? Int) ?? 0
        var report = Report(documents: documents, fileBytes: fileBytes)

        // Jibang: ingest + index, end to end through the CLI (a fresh process, as users run it).
        let database = "\(work)/jibang-\(documents).sqlite"
        if !(reuseStore && FileManager.default.fileExists(atPath: database)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
            try? FileManager.default.removeItem(atPath: database + ".corpus")
            let ingest = try runJibang(["ingest", corpusPath, "--database", database])
            report.ingestSeconds = ingest.seconds
            report.ingestPeakKB = ingest.peakKB
        }
        let corpus = try CorpusStore.open(path: database)
        let stats = try corpus.stats()
        report.stats = stats
        report.databaseBytes = Self.size(database) + Self.size(database + "-wal")
        log("jibang store: text \(mb(stats.textBytes)), index \(mb(stats.indexBytes))")
        if server {
            let jibang = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jibang").path
            print(ServerBench.report(try ServerBench(jibang: jibang, database: database, seconds: seconds, connections: 32, work: work).run()))
            return
        }

        // Cold: a fresh `jibang trend` process each time. These run before this process maps
        // the segments: the peak memory reported for a child was seen to include the memory
        // of the process that started it.
        if !warmOnly {
            var cold: [Double] = []
            var coldPeak = 0
            for _ in 0..<5 {
                let run = try runJibang(["trend", "지방공업|지방경제", "--by", "year", "--format", "json", "--database", database])
                cold.append(run.seconds)
                coldPeak = max(coldPeak, run.peakKB)
            }
            report.coldTrend = Self.percentile(cold, 0.5)
            report.trendPeakKB = coldPeak
        }

        // Warm queries in one process.
        let engine = TrendEngine(segments: try corpus.segments())
        func group(_ name: String, _ query: String) throws -> TermGroup { try TermGroup(name: name, query: query) }
        let rare = try group("regional-economy", "지방공업|지방경제")
        let defence = try group("defence-industry", "군수공업|국방공업")
        let common = try group("people", "인민")
        let queries: [(String, TrendQuery)] = [
            ("rare group 지방공업|지방경제 by year", TrendQuery(groups: [rare], by: .year)),
            ("common term 인민 by year", TrendQuery(groups: [common], by: .year)),
            ("two groups by year", TrendQuery(groups: [rare, defence], by: .year)),
            ("two groups by month", TrendQuery(groups: [rare, defence], by: .month)),
            ("rare group by year, with term detail", Self.withTermDetail(TrendQuery(groups: [rare], by: .year))),
            ("common term 인민 by year, with term detail", Self.withTermDetail(TrendQuery(groups: [common], by: .year))),
        ]
        // The previous format (2: UTF-16 Hangul text, no bitmaps) over the same documents, in memory.
        var previous: TrendEngine?
        if !skipPrevious {
            let (segments, seconds) = try timed { try Self.previousFormatSegments(corpusPath) }
            log("built \(segments.count) segments in the previous format in \(String(format: "%.1f", seconds)) s")
            previous = TrendEngine(segments: segments)
        }
        for (label, query) in queries {
            var result: TrendResult?
            let times = try (0..<repeats).map { _ in try timed { result = try engine.run(query) }.1 }
            let hits = result!.rows.filter { $0.outlet == "all" }.map { $0.counts.values.reduce(0, +) }.reduce(0, +)
            report.warm.append((label, Self.percentile(times, 0.5), Self.percentile(times, 0.9), hits))
            if let previous {
                var old: TrendResult?
                let oldTimes = try (0..<repeats).map { _ in try timed { old = try previous.run(query) }.1 }
                guard old == result else { throw BenchError("the previous format answers \(label) differently") }
                report.previous.append((label, Self.percentile(oldTimes, 0.5)))
            }
        }
        // KWIC of the newest 50 documents of the rare group: unpacking their texts included.
        let segments = try corpus.segments()
        let kwicTimes = try (0..<repeats).map { _ in
            try timed { _ = try corpus.keywordInContext(rare, options: MatchOptions(), segments: segments, limit: 50, width: 30) }.1
        }
        report.kwic = Self.percentile(kwicTimes, 0.5)
        if warmOnly {
            for (label, p50, p90, hits) in report.warm {
                let old = report.previous.first { $0.0 == label }.map { String(format: "; previous format p50 %.2f ms", $0.1 * 1000) } ?? ""
                print("\(label): p50 \(String(format: "%.2f", p50 * 1000)) ms, p90 \(String(format: "%.2f", p90 * 1000)) ms, \(hits) documents\(old)")
            }
            print(String(format: "KWIC of 50 documents: p50 %.2f ms", report.kwic * 1000))
            return
        }

        // Plain scan over the same bodies in memory.
        let bodies = try Self.loadBodies(corpusPath)
        for (label, terms) in [("rare group 지방공업|지방경제 by year", ["지방공업", "지방경제"]), ("common term 인민 by year", ["인민"])] {
            var hits = 0
            let times = (0..<max(3, repeats / 4)).map { _ in timed { hits = Self.scan(bodies, terms) }.1 }
            report.scan.append((label, Self.percentile(times, 0.5), hits))
        }

        if !skipFts {
            try fts(bodies, report: &report)
        }
        print(report.render())
    }

    // MARK: - FTS5

    func fts(_ bodies: [(year: Int, body: [UInt8])], report: inout Report) throws {
        let path = "\(work)/fts-\(documents).sqlite"
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let queue = try DatabaseQueue(path: path)
        let (_, build) = try timed {
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE docs USING fts5(year UNINDEXED, body, tokenize='trigram')")
                let insert = try db.makeStatement(sql: "INSERT INTO docs (year, body) VALUES (?, ?)")
                for (year, body) in bodies { try insert.execute(arguments: [year, String(decoding: body, as: UTF8.self)]) }
            }
        }
        report.ftsBuildSeconds = build
        report.ftsBytes = Self.size(path)
        for (label, match) in [("rare group 지방공업|지방경제 by year", "\"지방공업\" OR \"지방경제\""), ("common term 인민 by year", "\"인민\"")] {
            var hits = 0
            let times = try (0..<max(3, repeats / 4)).map { _ in
                try timed {
                    hits = try queue.read { db in
                        try Row.fetchAll(db, sql: "SELECT year, COUNT(*) FROM docs WHERE docs MATCH ? GROUP BY year", arguments: [match]).map {
                            $0[1] as Int
                        }.reduce(0, +)
                    }
                }.1
            }
            report.fts.append((label, Self.percentile(times, 0.5), hits))
        }
    }

    // MARK: - Helpers

    /// The corpus file indexed in the previous segment format, in batches of 5,000 as ingest makes them.
    static func previousFormatSegments(_ path: String) throws -> [Segment] {
        var segments: [Segment] = []
        var builder = SegmentBuilder()
        var rowID: Int64 = 0
        func flush() throws {
            guard builder.count > 0 else { return }
            segments.append(try Segment(bytes: builder.build(format: 2).bytes))
            builder = SegmentBuilder()
        }
        try CorpusReader.read(path, format: .jsonl, options: ReadOptions()) { record in
            guard case let .document(document, _) = record, let date = document.date else { return }
            rowID += 1
            builder.add(IndexedDocument(rowID: rowID, outlet: document.outlet, date: date, text: SearchText(document.title + "\n" + document.body)))
            if builder.count == 5_000 { try flush() }
        }
        try flush()
        return segments
    }

    static func loadBodies(_ path: String) throws -> [(year: Int, body: [UInt8])] {
        var bodies: [(Int, [UInt8])] = []
        try CorpusReader.read(path, format: .jsonl, options: ReadOptions()) { record in
            if case let .document(document, _) = record, let date = document.date {
                bodies.append((date.year, Array((document.title + "\n" + document.body).utf8)))
            }
        }
        return bodies
    }

    /// Documents containing any term, by a byte search (memchr + memcmp) over every body: the anchor
    /// an index must beat. Spacing- and folding-sensitive, unlike Jibang.
    static func scan(_ bodies: [(year: Int, body: [UInt8])], _ terms: [String]) -> Int {
        let needles = terms.map { Array($0.utf8) }
        var perYear: [Int: Int] = [:]
        for (year, body) in bodies {
            let found = body.withUnsafeBytes { haystack in
                needles.contains { needle in
                    needle.withUnsafeBytes { Self.contains(haystack, $0) }
                }
            }
            if found { perYear[year, default: 0] += 1 }
        }
        return perYear.values.reduce(0, +)
    }

    /// memmem: memchr for the first byte, memcmp for the rest.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let h = haystack.baseAddress, let n = needle.baseAddress, needle.count > 0, haystack.count >= needle.count else { return false }
        let first = Int32(needle[0])
        var offset = 0
        let last = haystack.count - needle.count
        while offset <= last {
            guard let hit = memchr(h + offset, first, last - offset + 1) else { return false }
            let position = UnsafeRawPointer(hit) - h
            if memcmp(hit, n, needle.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// Runs the `jibang` executable beside this one, timing it and reading its peak memory.
    func runJibang(_ arguments: [String]) throws -> (seconds: Double, peakKB: Int) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("jibang").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw BenchError("build jibang first: swift build -c release") }
        let process = Process()
        let useTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        process.executableURL = URL(fileURLWithPath: useTime ? "/usr/bin/time" : binary)
        process.arguments = useTime ? ["-f", "peak-kb %M", binary] + arguments : arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        let text = String(decoding: errData, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw BenchError("jibang \(arguments.joined(separator: " ")) failed:\n\(text)") }
        let peak = text.split(separator: "\n").last { $0.hasPrefix("peak-kb ") }.flatMap { Int($0.dropFirst(8)) } ?? 0
        return (seconds, peak)
    }

    static func size(_ path: String) -> Int {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return 0 }
        return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// `query` asking for each term's hits and the series without it.
    static func withTermDetail(_ query: TrendQuery) -> TrendQuery {
        var query = query
        query.termDetail = true
        return query
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
}

func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// The figures of one run, printed side by side with ratios.
struct Report {
    let documents: Int
    let fileBytes: Int
    var ingestSeconds = 0.0
    var ingestPeakKB = 0
    /// What `jibang corpus stats` says of the store.
    var stats: CorpusStats?
    var databaseBytes = 0
    var textBytes: Int { stats?.textBytes ?? 0 }
    var indexBytes: Int { stats?.indexBytes ?? 0 }
    var previous: [(String, Double)] = []
    var kwic = 0.0
    var warm: [(String, Double, Double, Int)] = []
    var coldTrend = 0.0
    var trendPeakKB = 0
    var scan: [(String, Double, Int)] = []
    var fts: [(String, Double, Int)] = []
    var ftsBuildSeconds: Double?
    var ftsBytes = 0

    func render() -> String {
        func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
        var out = ["", "jibang-bench: \(documents) synthetic articles, \(mb(fileBytes)) JSONL, \(mb(textBytes)) of text", ""]
        if ingestSeconds == 0 {
            out.append("ingest + index: not measured (--reuse-store)")
        } else {
            out.append(
                "ingest + index (jibang ingest, fresh process): \(String(format: "%.1f", ingestSeconds)) s = \(String(format: "%.1f", Double(textBytes) / 1_048_576 / ingestSeconds)) MB/s of text (\(String(format: "%.1f", Double(fileBytes) / 1_048_576 / ingestSeconds)) MB/s of file), peak memory \(ingestPeakKB / 1024) MB"
            )
        }
        func share(_ bytes: Int) -> String { String(format: "%.2f×", Double(bytes) / Double(max(textBytes, 1))) }
        out.append(
            "store on disk: \(mb(stats?.storeBytes ?? 0)) = \(share(stats?.storeBytes ?? 0)) the text: documents (compressed) \(mb(stats?.documentBytes ?? 0)) = \(share(stats?.documentBytes ?? 0)), search text \(mb(stats?.searchTextBytes ?? 0)) = \(share(stats?.searchTextBytes ?? 0)), index \(mb(indexBytes)) = \(share(indexBytes)), the rest (titles, metadata, database structure) \(mb(stats?.otherBytes ?? 0))"
        )
        out.append(
            "index (posting lists): \(mb(indexBytes)) = \(String(format: "%.0f", Double(indexBytes) * 100 / Double(max(textBytes, 1))))% of text; segment files (index + search texts): \(mb(stats?.segmentBytes ?? 0)); SQLite documents: \(mb(databaseBytes))"
        )
        if let ftsBuildSeconds {
            out.append(
                "FTS5 trigram build: \(String(format: "%.1f", ftsBuildSeconds)) s = \(String(format: "%.1f", Double(textBytes) / 1_048_576 / ftsBuildSeconds)) MB/s; database \(mb(ftsBytes)) = \(String(format: "%.1f", Double(ftsBytes) / Double(max(textBytes, 1))))× text"
            )
            out.append("ratio: jibang ingest is \(String(format: "%.1f", ftsBuildSeconds / ingestSeconds))× faster than the FTS5 build")
        }
        out.append("")
        out.append("warm queries (p50 / p90 over repeats, in one process), documents matched, and the anchors on the same documents:")
        for (label, p50, p90, hits) in warm {
            var line = "  \(label): jibang \(ms(p50)) / \(ms(p90)) (\(hits) docs)"
            if let old = previous.first(where: { $0.0 == label }) {
                line += "; previous format \(ms(old.1)) → \(String(format: "%.2f", old.1 / p50))×"
            }
            if let scan = scan.first(where: { $0.0 == label }) {
                line += "; plain scan \(ms(scan.1)) (\(scan.2) docs) → \(String(format: "%.0f", scan.1 / p50))×"
            }
            if let fts = fts.first(where: { $0.0 == label }) {
                line += "; FTS5 \(ms(fts.1)) (\(fts.2) docs) → \(String(format: "%.1f", fts.1 / p50))×"
            }
            out.append(line)
        }
        out.append("KWIC of the newest 50 documents of the rare group (30 characters each side, texts unpacked): p50 \(ms(kwic))")
        out.append(
            "cold: `jibang trend 지방공업|지방경제 --by year` end to end in a fresh process: p50 \(ms(coldTrend)), peak memory \(trendPeakKB / 1024) MB")
        out.append(
            "(jibang counts spacing-insensitively with NK/SK folding; the plain scan and FTS5 match the exact bytes only; FTS5 trigram cannot match terms shorter than 3 characters.)"
        )
        return out.joined(separator: "\n")
    }
}
