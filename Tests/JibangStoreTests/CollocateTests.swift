import Foundation
import JibangCorpus
import JibangStore
import JibangTestSupport
import Testing

/// Collocates: the words near a group's hits, scored by log-likelihood against the rest of
/// the corpus; checked against a hand count of the windows and SciPy's G².
@Suite struct CollocateTests {
    /// Three documents with "factory" (windows of ±2 words counted by hand below) and three without.
    static let texts = [
        ("m1", "the new factory in Kusong opened"),  // window: the, new, in, kusong
        ("m2", "workers of the factory in Kusong rejoiced"),  // window: of, the, in, kusong
        ("m3", "Kusong celebrated as the factory opened"),  // window: as, the, opened
        ("r1", "the weather in the capital was cold"),
        ("r2", "the meeting in Pyongyang ended"),
        ("r3", "farmers harvested rice in the autumn"),
    ]

    static func store(in dir: TemporaryDirectory) throws -> CorpusStore {
        let lines = texts.enumerated().map { n, text in
            "{\"id\":\"\(text.0)\",\"outlet\":\"KCNA\",\"date\":\"2024-03-0\(n + 1)\",\"title\":\"\",\"body\":\"\(text.1)\"}"
        }
        let path = dir.write("c.jsonl", lines.joined(separator: "\n") + "\n")
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        _ = try CorpusIngest(corpus: corpus, options: ReadOptions()).ingest(path, format: .jsonl)
        return corpus
    }

    @Test func scoresMatchAHandCountAndSciPy() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try Self.store(in: dir)
        var query = CollocateQuery(group: try TermGroup(name: "f", query: "factory"))
        query.window = 2
        query.minimumCount = 1
        let result = try corpus.collocates(query)
        // By hand: 11 words in the windows; 7 + 5 + 6 = 18 words in the other documents.
        #expect(result.windowWords == 11 && result.referenceWords == 18)
        #expect(result.documents == 3 && result.referenceDocuments == 3 && !result.sampled)
        // G² and the expected count from scipy.stats.chi2_contingency(table, correction=False,
        // lambda_="log-likelihood") on [[a, 11 − a], [c, 18 − c]].
        let scipy: [String: (count: Int, expected: Double, llr: Double)] = [
            "kusong": (2, 0.7586, 4.1243), "the": (3, 2.6552, 0.0942), "in": (2, 1.8966, 0.0109), "opened": (1, 0.3793, 1.9977),
            "new": (1, 0.3793, 1.9977), "of": (1, 0.3793, 1.9977), "as": (1, 0.3793, 1.9977),
        ]
        #expect(Set(result.rows.map(\.word)) == Set(scipy.keys))
        for row in result.rows {
            let expected = try #require(scipy[row.word])
            #expect(row.count == expected.count, "\(row.word)")
            #expect(abs(row.expected - expected.expected) < 0.01, "\(row.word)")
            #expect(abs(row.llr - expected.llr) < 0.01, "\(row.word)")
        }
        #expect(result.rows.map(\.word) == ["kusong", "as", "new", "of", "opened", "the", "in"])
        // The JSON contract: {group, from, to, reference, rows: [{word, count, expected, llr}]}.
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(Set(["group", "from", "to", "reference", "rows"]).isSubset(of: Set(json.keys)))
        #expect(json["from"] is NSNull && json["to"] is NSNull, "an open range is written as null, not left out")
        #expect(Set((json["rows"] as? [[String: Any]])?.first?.keys.map { $0 } ?? []) == ["word", "count", "expected", "llr"])
    }

    @Test func aReferencePeriodAndASampleAreHonoured() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try Self.store(in: dir)
        var query = CollocateQuery(
            group: try TermGroup(name: "f", query: "factory"), reference: PartialDateDays.days("2024-03-04")...PartialDateDays.days("2024-03-05"))
        query.window = 2
        query.minimumCount = 1
        let result = try corpus.collocates(query)
        #expect(result.reference == "2024-03-04..2024-03-05")
        #expect(result.referenceDocuments == 2 && result.referenceWords == 12)
        // At most two matching documents: a sample, the same one each time.
        query.maxDocuments = 2
        let sampled = try corpus.collocates(query)
        #expect(sampled.sampled && sampled.documentsRead == 2 && sampled.documents == 3)
        #expect(try corpus.collocates(query) == sampled)
    }

    @Test func koreanWordsLoseAParticleAndFoldTheirFirstSyllable() {
        let words = CollocateWords.tokens("로동자들이 공장에서 일한다. 사회주의를 위한 나라의 경제, 인민의 2024 a").map(\.word)
        #expect(words == ["노동자들", "공장", "일한다", "사회주의", "위한", "나라", "경제", "인민"])
    }
}

/// Day numbers of ISO days, for readable test ranges.
enum PartialDateDays {
    static func days(_ iso: String) -> Int {
        let parts = iso.split(separator: "-").map { Int($0)! }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return Int(calendar.date(from: components)!.timeIntervalSince1970 / 86_400)
    }
}
