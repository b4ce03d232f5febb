import Foundation
import GRDB
import JibangCore
import JibangCorpus
import JibangStore
import JibangTestSupport
import KoreanText
import Testing

@Suite struct CorpusStoreTests {
    func ingest(_ path: String, into corpus: CorpusStore, format: CorpusFormat = .jsonl, strict: Bool = false) throws -> IngestSummary {
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.strict = strict
        ingest.batchDocuments = 7  // several batches and segments even for small fixtures
        return try ingest.ingest(path, format: format)
    }

    @Test func ingestingTwiceStoresEveryDocumentOnce() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        let first = try ingest(Fixtures.path("new-year-addresses-1995-2019.jsonl"), into: corpus)
        #expect(first.ingested == 25)
        let second = try ingest(Fixtures.path("new-year-addresses-1995-2019.jsonl"), into: corpus)
        #expect(second.ingested == 0)
        #expect(second.alreadyStored == 25)
        let stats = try corpus.stats()
        #expect(stats.documents == 25)
        #expect(stats.segments == 4)
        #expect(stats.indexBytes > 0 && stats.indexBytes < stats.textBytes)
    }

    /// The tally that the language-mix warnings read is kept with the documents: it equals an
    /// aggregate of the document table after ingests, repeats included.
    @Test func theLanguageTallyFollowsTheDocuments() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("c.sqlite")
        let corpus = try CorpusStore.open(path: path)
        for file in ["new-year-addresses-1995-2019.jsonl", "kcna-programme-subset.json", "new-year-addresses-1995-2019.jsonl"] {
            _ = try ingest(Fixtures.path(file), into: corpus, format: .inferred(from: file))
        }
        struct Key: Hashable {
            let day: Int
            let precision: UInt8
            let outlet: String
            let language: String?
        }
        let kept = Dictionary(
            uniqueKeysWithValues: try corpus.languageTallies().map {
                (Key(day: $0.day, precision: $0.precision, outlet: $0.outlet, language: $0.language), $0.documents)
            })
        let queue = try DatabaseQueue(path: path)
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT day, precision, outlet, language, COUNT(*) AS n FROM document WHERE version = 1 GROUP BY day, precision, outlet, language"
            )
        }
        let aggregate = Dictionary(
            uniqueKeysWithValues: rows.map { row in
                let precision: String = row["precision"]
                return (
                    Key(
                        day: row["day"], precision: precision == "day" ? 0 : precision == "month" ? 1 : 2, outlet: row["outlet"],
                        language: row["language"]),
                    row["n"] as Int
                )
            })
        #expect(kept == aggregate)
        #expect(Set(kept.keys.map(\.language)) == ["ko", "en"])
        #expect(kept.values.reduce(0, +) == (try corpus.stats().documents))
    }

    @Test func duplicatesAreStoredOnceAndEditsAsVersions() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        let path = dir.write(
            "d.jsonl",
            """
            {"id":"a","outlet":"KCNA","date":"2024-01-01","body":"one"}
            {"id":"a","outlet":"KCNA","date":"2024-01-02","body":"same id"}
            {"id":"b","outlet":"KCNA","date":"2024-01-01","body":"one"}
            {"id":"c","outlet":"KCNA","date":"2024-01-01","body":"two"}
            """)
        let summary = try ingest(path, into: corpus)
        // "a" with another text is a second version of "a"; "b" repeats "a"'s text.
        #expect(summary.ingested == 3)
        #expect(summary.newVersions == 1)
        #expect(summary.duplicates == 1)
        #expect(try corpus.stats().duplicatesSkipped == 1)
        #expect(try corpus.stats().documents == 2)
    }

    @Test func strictStoresNothingFromABadFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        let path = dir.write(
            "bad.jsonl",
            """
            {"id":"a","outlet":"KCNA","date":"2024-01-01","body":"fine"}
            {"id":"b","outlet":"KCNA","date":"2024-01-01","body":
            """)
        #expect(throws: (any Error).self) { try ingest(path, into: corpus, strict: true) }
        #expect(try corpus.stats().documents == 0)
        let lenient = try ingest(path, into: corpus)
        #expect(lenient.ingested == 1)
        #expect(lenient.skippedByReason == ["malformed record": 1])
    }

    @Test func aSegmentFileNoTransactionNamesIsRemovedOnOpen() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("c.sqlite")
        let corpus = try CorpusStore.open(path: path)
        _ = try ingest(Fixtures.path("kcna-sample.json"), into: corpus, format: .kcna)
        let orphan = corpus.folder + "/segment-orphan.jbx"
        _ = FileManager.default.createFile(atPath: orphan, contents: Data("half-written".utf8))
        let reopened = try CorpusStore.open(path: path)
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(try reopened.segments().reduce(0) { $0 + $1.count } == (try reopened.stats().documents))
    }

    @Test func trendOverTheStoreMatchesAPlainScanOfTheStoredTexts() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        _ = try ingest(Fixtures.path("kcna-sample.json"), into: corpus, format: .kcna)
        let engine = TrendEngine(segments: try corpus.segments(), rawText: { corpus.body(rowID: $0) })
        let group = try TermGroup(name: "kju", query: "Kim Jong Un")
        let result = try engine.run(TrendQuery(groups: [group], by: .month))
        // Independent: read the fixture again, keep one document per link, scan the lower-cased text.
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-sample.json")))) as? [[String: Any]])
        let raw = objects.map { $0.mapValues { "\($0)" } }
        var seen = Set<String>()
        var expected: [String: Int] = [:]
        for item in raw
        where !(item["story_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && seen.insert(item["link"]!).inserted {
            let text = ((item["headline"] ?? "") + "\n" + item["story_text"]!).lowercased()
            let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
            if (" " + words + " ").contains(" kim jong un ") { expected[String(item["date_str"]!.prefix(7)), default: 0] += 1 }
        }
        let counts = Dictionary(uniqueKeysWithValues: result.rows.filter { $0.outlet == "all" }.map { ($0.period, $0.counts["kju"]!) })
        for (month, count) in expected { #expect(counts[month] == count, "\(month)") }
        #expect(counts.values.reduce(0, +) == expected.values.reduce(0, +))
    }

    /// A store whose segments an older version wrote still counts right, says its segments
    /// are outdated, and after `reindex` gives the same counts from current-format files.
    @Test func reindexRebuildsOldSegmentsWithTheSameCounts() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let database = dir.file("c.sqlite")
        let corpus = try CorpusStore.open(path: database)
        _ = try ingest(Fixtures.path("new-year-addresses-1995-2019.jsonl"), into: corpus)
        #expect(try corpus.outdatedSegments().isEmpty)
        let queue = try DatabaseQueue(path: database)
        let segments = try downgradeToVersionOne(corpus, queue)
        #expect(segments.count == 4)
        #expect(try corpus.outdatedSegments().count == 4)
        #expect(try corpus.stats().outdatedSegments == 4)

        // Independent: mentions per year in the fixture's texts with spaces removed.
        var expected: [String: Int] = [:]
        try CorpusReader.read(Fixtures.path("new-year-addresses-1995-2019.jsonl"), format: .jsonl, options: ReadOptions()) { record in
            guard case let .document(document, _) = record else { return }
            let text = (document.title + "\n" + document.body).replacingOccurrences(of: " ", with: "")
            let count = ["지방공업", "지방경제"].map { text.components(separatedBy: $0).count - 1 }.reduce(0, +)
            expected[String(document.date!.year), default: 0] += count
        }
        let query = TrendQuery(groups: [try TermGroup(name: "re", query: "지방공업|지방경제")], by: .year, measure: .mentions)
        func counts() throws -> [String: Int] {
            Dictionary(uniqueKeysWithValues: try corpus.trend(query).rows.filter { $0.outlet == "all" }.map { ($0.period, $0.counts["re"]!) })
        }
        #expect(try counts() == expected)

        for id in try corpus.outdatedSegments() { try corpus.reindex(segment: id) }
        #expect(try corpus.outdatedSegments().isEmpty)
        #expect(try counts() == expected)
        // The old files are gone; the folder holds exactly the files the store names (and the
        // lock file that pins segments during writes and backups).
        let named = Set(try queue.read { db in try String.fetchAll(db, sql: "SELECT file FROM corpus_segment") })
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: corpus.folder)) == named.union([".lock"]))
        #expect(named.isDisjoint(with: segments.map { $0["file"] as String }))
    }

    /// Month- and year-dated documents keep their precision through a rebuild: by day they
    /// are left out as too coarse, before and after.
    @Test func reindexKeepsDatePrecision() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let database = dir.file("c.sqlite")
        let corpus = try CorpusStore.open(path: database)
        let path = dir.write(
            "dates.jsonl",
            """
            {"id":"d","outlet":"KCNA","date":"2024-03-05","body":"지방공업 공장"}
            {"id":"m","outlet":"KCNA","date":"2024-03","body":"지방공업 발전"}
            {"id":"y","outlet":"KCNA","date":"2024","body":"지방공업 건설"}
            """)
        _ = try ingest(path, into: corpus)
        _ = try downgradeToVersionOne(corpus, try DatabaseQueue(path: database))
        let query = TrendQuery(groups: [try TermGroup(name: "re", query: "지방공업")], by: .day)
        for id in try corpus.outdatedSegments() { try corpus.reindex(segment: id) }
        let result = try corpus.trend(query)
        #expect(result.tooCoarse == 2)
        #expect(result.rows.filter { $0.outlet == "all" }.map { $0.counts["re"]! } == [1])
        let byMonth = try corpus.trend(TrendQuery(groups: query.groups, by: .month))
        #expect(byMonth.tooCoarse == 1)
        #expect(byMonth.rows.filter { $0.outlet == "all" }.map { $0.counts["re"]! } == [2])
    }

    /// Replaces every segment file with a version 1 file of the same documents, as the last
    /// release wrote them. Returns the segments (id, file) as they were.
    func downgradeToVersionOne(_ corpus: CorpusStore, _ queue: DatabaseQueue) throws -> [Row] {
        let segments = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, file FROM corpus_segment ORDER BY id") }
        for segment in segments {
            let builder = SegmentBuilder(positionsUpTo: 0)
            let rows = try queue.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, outlet, date, title FROM document WHERE segment_id = ? ORDER BY id",
                    arguments: [segment["id"] as Int64])
            }
            for row in rows {
                let text = SearchText((row["title"] as String) + "\n" + (try #require(corpus.body(rowID: row["id"]))))
                builder.add(IndexedDocument(rowID: row["id"], outlet: row["outlet"], date: try #require(DateParser.parse(row["date"])), text: text))
            }
            let file = corpus.folder + "/" + (segment["file"] as String)
            try Data(LegacySegment.versionOne(builder.build(format: 2).bytes)).write(to: URL(fileURLWithPath: file))
        }
        return segments
    }
}
