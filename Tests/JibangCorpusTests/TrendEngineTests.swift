import Foundation
import JibangBase
import JibangTestSupport
import KoreanText
import Testing

@testable import JibangCorpus

/// Builds an engine over documents, split into two segments so results must merge.
/// `positionsUpTo` is the share of documents up to which syllable pairs keep first positions.
func engine(_ documents: [Document], positionsUpTo: Double = 0.25) throws -> TrendEngine {
    var segments: [Segment] = []
    let half = documents.count / 2
    for part in [documents[..<half], documents[half...]] where !part.isEmpty {
        let builder = SegmentBuilder(positionsUpTo: positionsUpTo)
        for (offset, document) in zip(part.indices, part) {
            builder.add(
                IndexedDocument(
                    rowID: Int64(offset + 1), outlet: document.outlet, date: document.date!, text: SearchText(document.title + "\n" + document.body)))
        }
        segments.append(try Segment(bytes: builder.build().bytes))
    }
    return TrendEngine(segments: segments, rawText: { rowID in documents[Int(rowID) - 1].body })
}

func readFixture(_ name: String, format: CorpusFormat) throws -> [Document] {
    var documents: [Document] = []
    try CorpusReader.read(Fixtures.path(name), format: format, options: ReadOptions()) { record in
        if case let .document(document, _) = record { documents.append(document) }
    }
    return documents
}

/// An independent count: occurrences in the text with spaces and tabs removed.
func plainCount(_ term: String, in document: Document) -> Int {
    let text = (document.title + "\n" + document.body).precomposedStringWithCanonicalMapping.replacingOccurrences(of: " ", with: "")
        .replacingOccurrences(of: "\t", with: "")
    return text.components(separatedBy: term).count - 1
}

func doc(_ id: String, _ date: String, _ body: String, outlet: String = "Rodong Sinmun") -> Document {
    Document(id: id, outlet: outlet, date: DateParser.parse(date), title: "", body: body, language: "ko")
}

func allRows(_ result: TrendResult, _ group: String) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: result.rows.filter { $0.outlet == "all" }.map { ($0.period, $0.counts[group] ?? -1) })
}

@Suite struct TrendEngineTests {
    /// With first positions kept for every syllable pair (1) and for none (0).
    @Test(arguments: [0.0, 1.0]) func newYearMentionsPerYearEqualAPlainScan(positionsUpTo: Double) throws {
        let documents = try readFixture("new-year-addresses-1995-2019.jsonl", format: .jsonl)
        #expect(documents.count == 25)
        let group = try TermGroup(name: "re", query: "지방공업|지방경제")
        let result = try engine(documents, positionsUpTo: positionsUpTo).run(TrendQuery(groups: [group], by: .year, measure: .mentions))
        var expected: [String: Int] = [:]
        for document in documents {
            expected[String(document.date!.year), default: 0] += plainCount("지방공업", in: document) + plainCount("지방경제", in: document)
        }
        let counts = allRows(result, "re")
        for (year, count) in expected { #expect(counts[year] == count, "\(year)") }
        // The study's peak: 2011 has more mentions than any year around it.
        let peak = try #require(counts.max { $0.value < $1.value })
        #expect(peak.key == "2011")
    }

    @Test(arguments: [0.0, 1.0]) func documentsPerYearEqualAPlainScanOnParagraphs(positionsUpTo: Double) throws {
        // Every paragraph of the addresses as its own document: many documents per year.
        let addresses = try readFixture("new-year-addresses-1995-2019.jsonl", format: .jsonl)
        var documents: [Document] = []
        for address in addresses {
            for (i, paragraph) in address.body.components(separatedBy: "\n").enumerated() where paragraph.count > 20 {
                documents.append(doc("\(address.id)-\(i)", address.date!.description, paragraph, outlet: address.outlet))
            }
        }
        #expect(documents.count > 1000)
        let engine = try engine(documents, positionsUpTo: positionsUpTo)
        for (name, terms) in [("people", ["인민"]), ("county", ["군"]), ("defence", ["국방"]), ("industry", ["지방공업", "경공업"]), ("rare", ["지방경제"])] {
            let result = try engine.run(
                TrendQuery(groups: [TermGroup(name: name, query: terms.joined(separator: "|"))], by: .year, options: MatchOptions(folding: false)))
            var expected: [String: Int] = [:]
            for document in documents where terms.contains(where: { plainCount($0, in: document) > 0 }) {
                expected[String(document.date!.year), default: 0] += 1
            }
            let counts = allRows(result, name)
            for (year, count) in counts { #expect(count == (expected[year] ?? 0), "\(name) \(year)") }
            let totals = Dictionary(grouping: documents, by: { String($0.date!.year) }).mapValues(\.count)
            for row in result.rows where row.outlet == "all" { #expect(row.total == (totals[row.period] ?? 0)) }
        }
    }

    @Test func foldingSpacingAndSubstringAreOnByDefaultAndSwitchable() throws {
        let documents = [
            doc("a", "2020-01-01", "조선로동당의 령도 밑에"),
            doc("b", "2020-02-01", "지방 공업을 발전시키자"),
            doc("c", "2020-03-01", "지방공업 부문"),
            doc("d", "2020-04-01", "녀성들과 리용"),
        ]
        let engine = try engine(documents)
        func count(_ query: String, _ options: MatchOptions = MatchOptions()) throws -> Int {
            try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: query)], options: options)).rows.filter { $0.outlet == "all" }.map {
                $0.counts["g"]!
            }.reduce(0, +)
        }
        #expect(try count("노동당") == 1)
        #expect(try count("노동당", MatchOptions(folding: false)) == 0)
        #expect(try count("영도") == 1)
        #expect(try count("여성|이용") == 1)
        #expect(try count("지방공업") == 2)
        #expect(try count("지방공업", MatchOptions(spacing: false)) == 1)
        #expect(try count("지방 공업", MatchOptions(spacing: false)) == 1)
        #expect(try count("지방공업", MatchOptions(substring: false)) == 1)  // "지방공업을" is a longer word
        let result = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "노동당")]))
        #expect(result.options == MatchOptions())
        #expect(result.groups[0].variants.contains { $0.variant == "로동당" && $0.count == 1 })
    }

    @Test func decomposedInputMatches() throws {
        let nfd = "지방공업을 발전시키자".decomposedStringWithCanonicalMapping
        let document = doc("nfd", "2021-01-01", nfd)
        #expect(document.original == nfd)
        #expect(document.body == "지방공업을 발전시키자")
        let result = try engine([document, doc("x", "2021-01-02", "다른 글")]).run(TrendQuery(groups: [TermGroup(name: "g", query: "지방공업")]))
        #expect(allRows(result, "g")["2021"] == 1)
    }

    @Test func englishIsCaseInsensitiveWordBoundedAndHyphenTolerant() throws {
        let documents = [
            doc("1", "2024-01-02", "Regional-industry factories were built.", outlet: "KCNA"),
            doc("2", "2024-01-03", "the REGIONAL INDUSTRY policy", outlet: "KCNA"),
            doc("3", "2024-01-04", "regional industrial zones", outlet: "KCNA"),
            doc("4", "2024-01-05", "nationalregional industry", outlet: "KCNA"),
        ]
        let result = try engine(documents).run(TrendQuery(groups: [TermGroup(name: "g", query: "regional industry")], by: .day))
        let counts = allRows(result, "g")
        #expect(counts == ["2024-01-02": 1, "2024-01-03": 1, "2024-01-04": 0, "2024-01-05": 0])
    }

    @Test func exclusionsAndGroupFilters() throws {
        let documents = [
            doc("1", "2010-05-01", "지방공업 발전", outlet: "Rodong Sinmun"),
            doc("2", "2011-05-01", "지방공업성 회의", outlet: "Rodong Sinmun"),
            doc("3", "2012-05-01", "지방공업 발전", outlet: "Minju Joson"),
        ]
        let engine = try engine(documents)
        let excluded = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "지방공업|-지방공업성")]))
        #expect(allRows(excluded, "g") == ["2010": 1, "2011": 0, "2012": 1])
        let outlet = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "지방공업|outlet:Minju Joson")]))
        #expect(allRows(outlet, "g") == ["2010": 0, "2011": 0, "2012": 1])
        let dated = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "지방공업|from:2011|to:2011")]))
        #expect(allRows(dated, "g") == ["2010": 0, "2011": 1, "2012": 0])
        let perOutlet = excluded.rows.filter { $0.period == "2012" }
        #expect(Set(perOutlet.map(\.outlet)) == ["Minju Joson", "Rodong Sinmun", "all"])
    }

    @Test func periodsAreZeroFilledAndCoarseDatesReported() throws {
        let documents = [doc("1", "2010-01-15", "인민"), doc("2", "2010-04", "인민"), doc("3", "2010-04-02", "군대")]
        let engine = try engine(documents)
        let months = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "인민")], by: .month))
        #expect(months.rows.filter { $0.outlet == "all" }.map(\.period) == ["2010-01", "2010-02", "2010-03", "2010-04"])
        #expect(allRows(months, "g") == ["2010-01": 1, "2010-02": 0, "2010-03": 0, "2010-04": 1])
        let days = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "인민")], by: .day))
        #expect(days.tooCoarse == 1)
        let weeks = try engine.run(TrendQuery(groups: [TermGroup(name: "g", query: "인민")], by: .week))
        #expect(weeks.rows.first?.period == "2010-W02")
        #expect(weeks.rows.last?.period == "2010-W13")
    }

    @Test func jsonContract() throws {
        let result = try engine([doc("1", "2011-01-01", "지방공업"), doc("2", "2013-01-01", "국방과학")])
            .run(TrendQuery(groups: [TermGroup(name: "re", query: "지방공업|지방경제"), TermGroup(name: "ds", query: "국방과학")]))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(result)) as? [String: Any])
        #expect(object["by"] as? String == "year")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["re", "ds"])
        #expect(groups.first?["query"] as? String == "지방공업|지방경제")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["period"] as? String } == ["2011", "2012", "2013"])
        for row in rows {
            #expect(row["outlet"] as? String == "all")
            #expect(row["total"] is Int)
            let counts = try #require(row["counts"] as? [String: Int])
            #expect(Set(counts.keys) == ["re", "ds"])
        }
    }
}

@Suite struct TermGroupTests {
    @Test func syntax() throws {
        let group = try TermGroup(name: "g", query: "지방공업|\"regional | industry\"|-지방공업성|outlet:Rodong Sinmun|from:2010|to:2019-06")
        #expect(group.terms == ["지방공업", "regional | industry"])
        #expect(group.exclusions == ["지방공업성"])
        #expect(group.outlets == ["Rodong Sinmun"])
        #expect(group.from == PartialDate(year: 2010)!.firstDayNumber)
        #expect(group.to == PartialDate(year: 2019, month: 6, day: 30)!.firstDayNumber)
        #expect(try TermGroup(name: "g", query: "\"-dash\"").terms == ["-dash"])
    }

    @Test(arguments: ["", "-지방공업", "from:2010", "지방공업|from:yesterday", "…|!!"])
    func badQueries(query: String) {
        #expect(throws: JibangError.self) { try TermGroup(name: "g", query: query) }
    }

    @Test func lexiconPresetsAndFiles() throws {
        let lexicon = try Lexicon()
        #expect(try lexicon.group("regional-economy").terms.prefix(2) == ["지방공업", "지방경제"])
        #expect(try lexicon.group("defence-industry").terms.prefix(2) == ["군수공업", "국방공업"])
        #expect(try lexicon.group("defence-science").terms.first == "국방과학")
        #expect(try lexicon.group("20x10").terms.contains("Regional Development 20×10"))
        let custom = try Lexicon(fileText: "# mine\nregional-economy = 지방공업\npeople = 인민|\"people's\"\n")
        #expect(try custom.group("regional-economy").terms == ["지방공업"])
        #expect(try custom.group("people").terms == ["인민", "people's"])
        #expect(try custom.group("x=국방|군수").name == "x")
        #expect(try custom.group("국방|군수").name == "국방|군수")
        #expect(throws: JibangError.self) { try Lexicon(fileText: "no equals sign here") }
        #expect(lexicon.version != custom.version)
    }
}

/// Non-overlapping occurrences, leftmost first, comparing one position at a time.
func naiveCount<T: Equatable>(_ pattern: [T], in text: [T]) -> Int {
    var count = 0
    var i = 0
    while i + pattern.count <= text.count {
        if Array(text[i..<(i + pattern.count)]) == pattern {
            count += 1
            i += pattern.count
        } else {
            i += 1
        }
    }
    return count
}

@Suite struct PatternSearchTests {
    /// The SIMD scan agrees with a one-position-at-a-time scan on random texts over a small
    /// alphabet (many near-misses), at every length and for overlapping patterns.
    @Test func simdScanAgreesWithANaiveScan() {
        var rng = SeededGenerator(seed: 20_261_129)
        let alphabet: [UInt16] = [0xAC00, 0xAC01, 0xAC02]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...120, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let pattern = (0..<Int.random(in: 2...5, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            let naive = naiveCount(pattern, in: text)
            text.withUnsafeBufferPointer { buffer in
                // Every anchor pair gives the same count as the naive scan.
                for anchor in 0...(pattern.count - 2) {
                    #expect(Segment.countHangul(pattern, in: buffer, firstOnly: false, anchor: anchor) == naive, "seed \(rng.seed)")
                    #expect(Segment.countHangul(pattern, in: buffer, firstOnly: true, anchor: anchor) == min(naive, 1), "seed \(rng.seed)")
                }
            }
        }
    }
}

@Suite struct FirstPositionTests {
    /// Random documents over a four-syllable alphabet (many near-misses), some longer than
    /// 2,048 syllables so positions take two bytes.
    static let seed: UInt64 = 20_261_130

    static func randomDocuments() -> [[UInt16]] {
        var rng = SeededGenerator(seed: seed)
        let alphabet: [UInt16] = [0xAC00, 0xAC01, 0xAC02, 0xAC03]
        return (0..<80).map { i in
            let length = i % 10 == 0 ? Int.random(in: 2_000...6_000, using: &rng) : Int.random(in: 0...300, using: &rng)
            return (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
        }
    }

    /// Starting verification at the stored first position gives the counts of a full scan,
    /// for documents and mentions, whichever pair is the anchor.
    @Test func countsWithPositionsEqualANaiveScan() throws {
        let texts = Self.randomDocuments()
        let documents = texts.enumerated().map { i, text in
            doc("\(i)", "2020-01-01", String(text.map { Character(Unicode.Scalar($0)!) }))
        }
        let withPositions = try engine(documents, positionsUpTo: 1)
        var rng = SeededGenerator(seed: Self.seed + 1)
        for _ in 0..<60 {
            let pattern = (0..<Int.random(in: 2...6, using: &rng)).map { _ in UInt16(0xAC00 + Int.random(in: 0...3, using: &rng)) }
            let term = String(pattern.map { Character(Unicode.Scalar($0)!) })
            let group = try TermGroup(name: "g", query: term)
            let counts = texts.map { naiveCount(pattern, in: $0) }
            let documentsResult = try withPositions.run(TrendQuery(groups: [group], measure: .documents, options: MatchOptions(folding: false)))
            let mentionsResult = try withPositions.run(TrendQuery(groups: [group], measure: .mentions, options: MatchOptions(folding: false)))
            #expect(allRows(documentsResult, "g")["2020"] == counts.filter { $0 > 0 }.count, "\(term), seed \(rng.seed)")
            #expect(allRows(mentionsResult, "g")["2020"] == counts.reduce(0, +), "\(term), seed \(rng.seed)")
        }
    }

    /// The positions really are used: a rare pair's candidates carry them, each at most the
    /// pair's true first position and less than one block (16 syllables) before it.
    @Test func rarePairsCarryTheirFirstPosition() throws {
        let texts: [[UInt16]] = (0..<8).map { i in
            Array(repeating: 0xAC00, count: 100 * i + 37) + [0xAC01, 0xAC02, 0xAC03] + Array(repeating: 0xAC00, count: 50)
        }
        let builder = SegmentBuilder(positionsUpTo: 1)
        for (i, text) in texts.enumerated() {
            let body = String(text.map { Character(Unicode.Scalar($0)!) })
            builder.add(IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: DateParser.parse("2020-01-01")!, text: SearchText(body)))
        }
        let segment = try Segment(bytes: builder.build().bytes)
        let candidates = segment.candidates(Pattern("각갂갃"))
        #expect(candidates.docs == Array(0..<8))
        #expect(candidates.anchor == 0 || candidates.anchor == 1)
        let positions = try #require(candidates.anchorPositions)
        for (i, _) in texts.enumerated() {
            let truth = 100 * i + 37 + candidates.anchor
            #expect(Int(positions[i]) <= truth && truth - Int(positions[i]) < 16)
        }
        // Without positions, nothing is offered and verification starts at the beginning.
        let plain = SegmentBuilder(positionsUpTo: 0)
        plain.add(IndexedDocument(rowID: 1, outlet: "x", date: DateParser.parse("2020-01-01")!, text: SearchText("각갂갃")))
        #expect(try Segment(bytes: plain.build().bytes).candidates(Pattern("각갂갃")).anchorPositions == nil)
    }

    /// Searching the segments on fewer threads (as the server does, to keep a core free)
    /// gives the same answer, segment order included.
    @Test func fewerThreadsGiveTheSameAnswer() throws {
        var segments: [Segment] = []
        for part in 0..<7 {
            let builder = SegmentBuilder()
            for i in 0..<(5 + part) {
                let body = i % 3 == 0 ? "지방공업 발전 \(part)" : "국방공업 \(i)"
                builder.add(
                    IndexedDocument(
                        rowID: Int64(part * 100 + i), outlet: "o\(part % 2)", date: DateParser.parse("20\(10 + part)-01-01")!, text: SearchText(body))
                )
            }
            segments.append(try Segment(bytes: builder.build().bytes))
        }
        let query = TrendQuery(groups: [try TermGroup(name: "g", query: "지방공업|국방공업")], by: .year)
        let everyCore = try TrendEngine(segments: segments).run(query)
        // Independent: documents per year, counted from how the bodies were made.
        #expect(allRows(everyCore, "g") == Dictionary(uniqueKeysWithValues: (0..<7).map { ("20\(10 + $0)", 5 + $0) }))
        for threads in [1, 2, 3, 16] {
            #expect(try TrendEngine(segments: segments, threads: threads).run(query) == everyCore, "\(threads) threads")
        }
    }

    /// Segments written before positions existed (version 1: 11 sections) and before the coded
    /// Hangul text (version 2) still answer.
    @Test func versionOneSegmentsStillAnswer() throws {
        let builder = SegmentBuilder(positionsUpTo: 0)
        let bodies = ["지방공업을 발전시키자", "국방공업", "인민경제의 지방공업 부문"]
        for (i, body) in bodies.enumerated() {
            builder.add(IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: DateParser.parse("2020-01-0\(i + 1)")!, text: SearchText(body)))
        }
        let current = builder.build().bytes
        let versionTwo = SegmentBuilder(positionsUpTo: 0)
        for (i, body) in bodies.enumerated() {
            versionTwo.add(IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: DateParser.parse("2020-01-0\(i + 1)")!, text: SearchText(body)))
        }
        let previous = versionTwo.build(format: 2).bytes
        let old = LegacySegment.versionOne(previous)
        #expect(Array(current.prefix(8)) == Array("JBXSEG03".utf8))
        #expect(Array(previous.prefix(8)) == Array("JBXSEG02".utf8))
        #expect(Array(old.prefix(8)) == Array("JBXSEG01".utf8))
        for segment in [try Segment(bytes: current), try Segment(bytes: previous), try Segment(bytes: old)] {
            let result = try TrendEngine(segments: [segment]).run(TrendQuery(groups: [TermGroup(name: "g", query: "지방공업")], by: .day))
            #expect(allRows(result, "g") == ["2020-01-01": 1, "2020-01-02": 0, "2020-01-03": 1])
        }
    }
}
