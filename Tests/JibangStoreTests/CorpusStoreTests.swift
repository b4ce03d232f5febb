import Foundation
import JibangCore
import JibangCorpus
import JibangStore
import JibangTestSupport
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

    @Test func duplicatesByIdOrContentAreStoredOnceAndCounted() throws {
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
        #expect(summary.ingested == 2)
        #expect(summary.duplicates == 2)
        #expect(try corpus.stats().duplicatesSkipped == 2)
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
}
