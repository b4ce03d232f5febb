import Foundation
import GRDB
import JibangCorpus
import JibangStore
import JibangTestSupport
import Testing

/// A document republished under its id with edited wording is kept as a new version; counts
/// read the latest (or first) observed wording; edits are listed with an exact word diff; a
/// snapshot marks what its source no longer lists as withdrawn.
@Suite struct DocumentVersionTests {
    static let term = "regional industry"

    struct Record {
        let id: String
        let date: String
        let body: String
        var observed: String? = nil

        var json: String {
            var object: [String: Any] = ["id": id, "outlet": "KCNA", "date": date, "title": "Report \(id)", "body": body]
            if let observed { object["observed_at"] = observed }
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    static func ingest(
        _ records: [Record], into corpus: any CorpusDocumentStore, dir: TemporaryDirectory, name: String, snapshot: String? = nil,
        at time: String? = nil
    ) throws -> IngestSummary {
        let path = dir.write(name, records.map(\.json).joined(separator: "\n") + "\n")
        var options = ReadOptions()
        options.observedAt = time
        var ingest = CorpusIngest(corpus: corpus, options: options)
        ingest.batchDocuments = 2
        ingest.snapshot = snapshot
        return try ingest.ingest(path, format: .jsonl)
    }

    /// Documents (by the plain, case-insensitive containment of the term) per text set.
    static func plainCount(_ texts: [String]) -> Int {
        texts.filter { $0.lowercased().contains(term) }.count
    }

    static func count(_ corpus: any CorpusDocumentStore, _ versions: VersionChoice) throws -> (hits: Int, documents: Int) {
        let result = try corpus.trend(
            TrendQuery(groups: [try TermGroup(name: "r", query: term)], by: .year, options: MatchOptions(versions: versions)))
        return (result.rows.filter { $0.outlet == "all" }.reduce(0) { $0 + ($1.counts["r"] ?? 0) }, result.documents)
    }

    static let first: [Record] = [
        Record(
            id: "a", date: "2024-10-06",
            body: "The regional industry factories were built. The officers and men of the KPA units were filled with the strong determination."),
        Record(id: "b", date: "2024-10-06", body: "Another regional industry factory opened in Songchon County."),
        Record(id: "c", date: "2024-10-07", body: "A hospital was completed in Kusong."),
    ]
    /// `a` edited: its only hit is gone, and the sentence of the KCNA edit is rewritten.
    static let edited = Record(
        id: "a", date: "2024-10-06", body: "The factories were built. The officers and men of the unit were filled with steadfast determination.")

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func anEditThatRemovesTheOnlyHitDropsTheLatestCountOnly(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        _ = try Self.ingest(Self.first, into: corpus, dir: dir, name: "1.jsonl", at: "2024-10-06T10:00:00Z")
        let before = try Self.count(corpus, .latest)
        let summary = try Self.ingest([Self.edited], into: corpus, dir: dir, name: "2.jsonl", at: "2024-10-08T10:00:00Z")
        #expect(summary.ingested == 1 && summary.newVersions == 1)

        let latest = try Self.count(corpus, .latest)
        let first = try Self.count(corpus, .first)
        #expect(before.hits == Self.plainCount(Self.first.map(\.body)))
        #expect(latest.hits == Self.plainCount([Self.edited.body] + Self.first.dropFirst().map(\.body)))
        #expect(latest.hits == before.hits - 1)
        #expect(first.hits == before.hits)
        #expect(latest.documents == before.documents && first.documents == before.documents && latest.documents == 3)
        #expect(try corpus.stats().documents == 3)
        #expect(try corpus.stats().versions == 4)

        // KWIC reads the wording each choice names; the header says which version it is.
        let group = try TermGroup(name: "d", query: "determination")
        let latestLines = try corpus.keywordInContext(group, options: MatchOptions(versions: .latest), limit: 10, width: 30).hits
        let firstLines = try corpus.keywordInContext(group, options: MatchOptions(versions: .first), limit: 10, width: 30).hits
        #expect(latestLines.map(\.version) == [2] && latestLines[0].left.hasSuffix("steadfast "))
        #expect(firstLines.map(\.version) == [1] && firstLines[0].left.hasSuffix("the strong "))

        // Evidence reads the latest wording by default, the first on request.
        let factories = try TermGroup(name: "f", query: "factories")
        #expect(try corpus.dayDatedArticles(matching: factories).filter { $0.documentID == "a" }.map(\.body) == [Self.edited.body])
        #expect(
            try corpus.dayDatedArticles(matching: factories, versions: .first).filter { $0.documentID == "a" }.map(\.body) == [Self.first[0].body])

        // The same edit ingested again is already stored, not a third version.
        let again = try Self.ingest([Self.edited], into: corpus, dir: dir, name: "3.jsonl", at: "2024-10-09T10:00:00Z")
        #expect(again.ingested == 0 && again.alreadyStored == 1)
    }

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func anOlderScrapeIngestedLaterDoesNotBecomeLatest(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        var newer = Self.edited
        newer.observed = "2024-10-08T10:00:00Z"
        var older = Self.first[0]
        older.observed = "2024-10-06 10:00:00"
        _ = try Self.ingest([newer], into: corpus, dir: dir, name: "new.jsonl")
        _ = try Self.ingest([older], into: corpus, dir: dir, name: "old.jsonl")
        #expect(try Self.count(corpus, .latest).hits == 0)
        #expect(try Self.count(corpus, .first).hits == 1)
        let change = try #require(try corpus.changes(ChangeFilter()).first)
        // Version 2 (stored second) was observed first.
        #expect(change.versions.map(\.version) == [2, 1])
        #expect(change.versions.map(\.observedAt) == ["2024-10-06T10:00:00Z", "2024-10-08T10:00:00Z"])
        #expect(change.fromVersion == 2 && change.toVersion == 1)
    }

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func theDiffIsExactWordByWord(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        _ = try Self.ingest(Self.first, into: corpus, dir: dir, name: "1.jsonl", at: "2024-10-06T10:00:00Z")
        _ = try Self.ingest([Self.edited], into: corpus, dir: dir, name: "2.jsonl", at: "2024-10-08T10:00:00Z")
        let changes = try corpus.changes(ChangeFilter())
        #expect(changes.map(\.documentId) == ["a"])
        let expected: [WordDiff.Piece] = [
            .init(.equal, "Report a The"), .init(.delete, "regional industry"),
            .init(.equal, "factories were built. The officers and men of the"), .init(.delete, "KPA units"), .init(.insert, "unit"),
            .init(.equal, "were filled with"), .init(.delete, "the strong"), .init(.insert, "steadfast"), .init(.equal, "determination."),
        ]
        #expect(changes[0].diff == expected)
        #expect(try corpus.changes(ChangeFilter(since: "2024-10-09T00:00:00Z")).isEmpty)
        #expect(try corpus.changes(ChangeFilter(outlet: "Rodong Sinmun")).isEmpty)
    }

    /// On the real KCNA fixture (six articles republished with edited translations): each
    /// diff's kept and removed runs are the older text's words, its kept and added runs the newer's.
    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func realEditsDiffBackToBothTexts(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.batchDocuments = 50
        _ = try ingest.ingest(Fixtures.path("kcna-programme-subset.json"), format: .kcna)
        // Independently: the fixture's items grouped by link, in file order, deduplicated by text.
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-programme-subset.json"))))
                as? [[String: Any]])
        var texts: [String: [String]] = [:]
        for item in items {
            guard let link = item["link"] as? String, let body = item["story_text"] as? String, !body.isEmpty else { continue }
            let text = ((item["headline"] as? String) ?? "") + "\n" + body
            if !(texts[link] ?? []).contains(text) { texts[link, default: []].append(text) }
        }
        let edited = texts.filter { $0.value.count > 1 }
        let changes = try corpus.changes(ChangeFilter())
        #expect(Set(changes.map(\.documentId)) == Set(edited.keys))
        #expect(changes.count == 6)
        func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }
        for change in changes {
            let versions = try #require(edited[change.documentId])
            let old = change.diff.filter { $0.op != .insert }.flatMap { words($0.text) }
            let new = change.diff.filter { $0.op != .delete }.flatMap { words($0.text) }
            #expect(old == words(versions[0].precomposedStringWithCanonicalMapping))
            #expect(new == words(versions[1].precomposedStringWithCanonicalMapping))
            #expect(change.diff.contains { $0.op != .equal })
        }
    }

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func aSnapshotMarksWhatItsSourceNoLongerListsAsWithdrawn(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        _ = try Self.ingest(Self.first, into: corpus, dir: dir, name: "s1.jsonl", snapshot: "kcna.kp", at: "2024-10-07T00:00:00Z")
        let second = try Self.ingest(
            [Self.first[0], Self.first[2]], into: corpus, dir: dir, name: "s2.jsonl", snapshot: "kcna.kp", at: "2024-10-08T00:00:00Z")
        #expect(second.withdrawn == 1)
        let changes = try corpus.changes(ChangeFilter())
        #expect(changes.map(\.documentId) == ["b"])
        #expect(
            changes[0].withdrawn == DocumentChange.Withdrawal(source: "kcna.kp", lastSeen: "2024-10-07T00:00:00Z", noticedAt: "2024-10-08T00:00:00Z"))
        // Withdrawn documents still count: the record keeps what was published.
        #expect(try Self.count(corpus, .latest).hits == 2)
        // Listed again, it is no longer withdrawn.
        let third = try Self.ingest(Self.first, into: corpus, dir: dir, name: "s3.jsonl", snapshot: "kcna.kp", at: "2024-10-09T00:00:00Z")
        #expect(third.withdrawn == 0)
        #expect(try corpus.changes(ChangeFilter()).isEmpty)
    }

    @Test func observedTimesAreReadInTheUsualForms() {
        #expect(ObservedTime.parse("2024-10-06T09:30:00Z") == "2024-10-06T09:30:00Z")
        #expect(ObservedTime.parse("2024-10-06T18:30:00+09:00") == "2024-10-06T09:30:00Z")
        #expect(ObservedTime.parse("2024-10-06 09:30:00") == "2024-10-06T09:30:00Z")
        #expect(ObservedTime.parse("2024-10-06") == "2024-10-06T00:00:00Z")
        #expect(ObservedTime.parse("1728207000") == "2024-10-06T09:30:00Z")
        #expect(ObservedTime.parse("1728207000000") == "2024-10-06T09:30:00Z")
        #expect(ObservedTime.parse("yesterday") == nil)
    }
}
