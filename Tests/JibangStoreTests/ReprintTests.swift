import Foundation
import GRDB
import JibangCorpus
import JibangStore
import JibangTestSupport
import KoreanText
import Testing

/// Near-copies across outlets and ids are clustered: planted copies of real KCNA reports
/// (sentences swapped, a paragraph added, the title changed) join their source and nothing else.
@Suite struct ReprintTests {
    /// Real reports, and a near-copy of each of the first twelve under another id and outlet a
    /// day later: (copy id, source id).
    static func corpus(in dir: TemporaryDirectory) throws -> (path: String, planted: [(copy: String, source: String)]) {
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-programme-subset.json"))))
                as? [[String: Any]])
        var seen = Set<String>()
        var sources: [(id: String, title: String, body: String, date: String)] = []
        for item in items {
            guard let link = item["link"] as? String, let body = item["story_text"] as? String, body.count > 1500, seen.insert(link).inserted,
                let date = item["date_str"] as? String
            else { continue }
            sources.append((link, item["headline"] as? String ?? "", body, date))
        }
        var lines: [String] = []
        var planted: [(String, String)] = []
        func line(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        for source in sources {
            lines.append(try line(["id": source.id, "outlet": "KCNA", "date": source.date, "title": source.title, "body": source.body]))
        }
        for (n, source) in sources.prefix(12).enumerated() {
            var sentences = source.body.components(separatedBy: ". ")
            var title = source.title
            switch n % 3 {
            case 0: sentences.swapAt(1, 2)  // sentences swapped
            case 1: sentences.append("The ceremony was attended by officials and working people of the county and the province")  // a paragraph added
            default: title = "Reprinted: " + title  // the title changed
            }
            let copy = "copy-\(n)"
            lines.append(
                try line(["id": copy, "outlet": "Rodong Sinmun", "date": source.date, "title": title, "body": sentences.joined(separator: ". ")]))
            planted.append((copy, source.id))
        }
        return (dir.write("reprints.jsonl", lines.joined(separator: "\n") + "\n"), planted)
    }

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func plantedCopiesJoinTheirSourceAndNothingElse(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (path, planted) = try Self.corpus(in: dir)
        let corpus = try await implementation.make(dir)
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.batchDocuments = 20
        _ = try ingest.ingest(path, format: .jsonl)
        let summary = try corpus.clusterReprints(threshold: nil, progress: { _ in })
        #expect(summary.threshold == 0.8)
        #expect(summary.clusters == planted.count && summary.reprints == planted.count)
        // Every cluster is exactly a planted pair, named by the source (first seen: stored first, same day).
        let pairs = try corpus.reprintClusters(limit: 100, outlet: nil, documentId: nil).flatMap { cluster in
            cluster.members.dropFirst().map { ($0.documentId, cluster.members[0].documentId) }
        }
        #expect(pairs.count == planted.count)
        #expect(Set(pairs.map { "\($0.0) → \($0.1)" }) == Set(planted.map { "\($0.copy) → \($0.source)" }))
        // The cluster view: the source first, the copy with its differences.
        let clusters = try corpus.reprintClusters(limit: 50, outlet: nil, documentId: "copy-1")
        #expect(clusters.count == 1)
        #expect(clusters[0].members.map(\.documentId) == [planted[1].source, "copy-1"])
        // The paragraph's words, and the last sentence's full stop joined to them.
        #expect(clusters[0].members[1].wordsAdded > 5 && clusters[0].members[1].wordsRemoved <= 1)
        #expect(clusters[0].members[1].diff?.contains { $0.op == .insert && $0.text.contains("working people of the county") } == true)
    }

    @Test(arguments: CorpusStoreConformanceTests.corpora)
    func reprintsOnceCountsEachClusterOnce(_ implementation: CorpusStoreConformanceTests.Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (path, planted) = try Self.corpus(in: dir)
        let corpus = try await implementation.make(dir)
        _ = try CorpusIngest(corpus: corpus, options: ReadOptions()).ingest(path, format: .jsonl)
        _ = try corpus.clusterReprints(threshold: nil, progress: { _ in })
        func documents(_ reprints: ReprintChoice) throws -> Int {
            try corpus.trend(TrendQuery(groups: [], by: .year, options: MatchOptions(reprints: reprints))).documents
        }
        #expect(try documents(.each) - (try documents(.once)) == planted.count)
        // Clustering again at identical signatures only: fewer clusters, and the counts follow.
        let strict = try corpus.clusterReprints(threshold: 1.0, progress: { _ in })
        #expect(strict.clusters < planted.count)
        #expect(try documents(.each) - (try documents(.once)) == strict.reprints)
    }

    @Test func signaturesEstimateJaccardSimilarity() throws {
        // Two texts of 200 distinct four-syllable shingles sharing 160: Jaccard 160 / 240 = 0.667.
        let syllables = (0..<300).map { Character(Unicode.Scalar(0xAC00 + UInt32($0 * 37 % 11_000))!) }
        let a = String(syllables[0..<203])
        let b = String(syllables[40..<243])
        let estimate = try #require(MinHash(SearchText(a))).similarity(try #require(MinHash(SearchText(b))))
        #expect(abs(estimate - 160.0 / 240.0) < 0.12)
        #expect(try #require(MinHash(SearchText(a))).similarity(try #require(MinHash(SearchText(a)))) == 1)
        #expect(MinHash(SearchText("")) == nil)
    }
}
