import Foundation
import JibangCorpus
import JibangTestSupport
import KoreanText
import Testing

/// The byte-coded Hangul text of format 3 segments: counts equal a naive scan of the
/// syllables, with one- and two-byte codes mixed (so second bytes that look like one-byte
/// codes or like lead bytes occur), with and without first positions, and the files are
/// smaller than format 2's.
@Suite struct CodedTextTests {
    static let seed: UInt64 = 20_261_201

    /// Documents over 700 syllables with a skewed frequency: the first couple of hundred take
    /// one-byte codes, the rest two.
    static func randomDocuments() -> [[UInt16]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<120).map { i in
            let length = i % 12 == 0 ? Int.random(in: 1_500...4_000, using: &rng) : Int.random(in: 0...400, using: &rng)
            return (0..<length).map { _ in
                let r = Double.random(in: 0..<1, using: &rng)
                return UInt16(0xAC00 + Int(700 * r * r * r))
            }
        }
    }

    /// Up to `tries` runs cut from random texts (so they occur somewhere), of random lengths
    /// in `lengths`.
    static func runs<T>(of texts: [[T]], tries: Int, lengths: ClosedRange<Int>, using rng: inout SeededGenerator) -> [[T]] {
        var runs: [[T]] = []
        for _ in 0..<tries {
            let source = texts[Int.random(in: 0..<texts.count, using: &rng)]
            guard source.count > lengths.upperBound + 1 else { continue }
            let start = Int.random(in: 0..<(source.count - lengths.upperBound), using: &rng)
            runs.append(Array(source[start..<(start + Int.random(in: lengths, using: &rng))]))
        }
        return runs
    }

    static func text(_ syllables: [UInt16]) -> String { String(syllables.map { Character(Unicode.Scalar($0)!) }) }

    @Test(arguments: [0.0, 1.0])
    func countsEqualANaiveScan(positionsUpTo: Double) throws {
        let texts = Self.randomDocuments()
        let documents = texts.enumerated().map { i, text in doc("\(i)", "2020-01-01", Self.text(text)) }
        let engine = try engine(documents, positionsUpTo: positionsUpTo)
        var rng = SeededGenerator(seed: Self.seed + 1)
        var patterns: [[UInt16]] = []
        // Terms taken from the texts (so they occur), and random ones over the rarer syllables.
        patterns += Self.runs(of: texts, tries: 60, lengths: 2...5, using: &rng)
        for _ in 0..<30 {
            patterns.append((0..<Int.random(in: 2...3, using: &rng)).map { _ in UInt16(0xAC00 + Int.random(in: 150..<700, using: &rng)) })
        }
        var twoByteTermsFound = 0
        for pattern in patterns {
            let group = try TermGroup(name: "g", query: Self.text(pattern))
            let counts = texts.map { naiveCount(pattern, in: $0) }
            let documentsResult = try engine.run(TrendQuery(groups: [group], measure: .documents, options: MatchOptions(folding: false)))
            let mentionsResult = try engine.run(TrendQuery(groups: [group], measure: .mentions, options: MatchOptions(folding: false)))
            #expect(allRows(documentsResult, "g")["2020"] == counts.filter { $0 > 0 }.count, "\(pattern), seed \(Self.seed)")
            #expect(allRows(mentionsResult, "g")["2020"] == counts.reduce(0, +), "\(pattern), seed \(Self.seed)")
            if pattern.contains(where: { $0 >= 0xAC00 + 400 }) && counts.reduce(0, +) > 0 { twoByteTermsFound += 1 }
        }
        // The test really covered terms with two-byte codes that occur.
        #expect(twoByteTermsFound >= 10)
    }

    /// Latin phrases (word sequences) counted in the word code equal a naive count over the
    /// words, with one-, two- and three-byte word codes mixed.
    @Test(arguments: [2, 3])
    func latinPhraseCountsEqualANaiveScan(format: Int) throws {
        var rng = SeededGenerator(seed: Self.seed + 2)
        // 20,000 distinct words: ranks past 16,383 take three bytes.
        let vocabulary = (0..<20_000).map { "w\(String($0, radix: 36))" }
        let texts: [[Int]] = (0..<150).map { i in
            (0..<(i % 15 == 0 ? 3_000 : Int.random(in: 0...300, using: &rng))).map { _ in
                let r = Double.random(in: 0..<1, using: &rng)
                return i % 15 == 0 ? Int.random(in: 0..<20_000, using: &rng) : Int(300 * r * r)
            }
        }
        let builder = SegmentBuilder()
        for (i, words) in texts.enumerated() {
            let body = words.map { vocabulary[$0] }.joined(separator: i % 2 == 0 ? " " : ", ")
            builder.add(IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: DateParser.parse("2020-01-01")!, text: SearchText(body)))
        }
        let engine = TrendEngine(segments: [try Segment(bytes: builder.build(format: format).bytes)])
        var phrases = Self.runs(of: texts, tries: 50, lengths: 1...3, using: &rng)
        phrases.append([0, 0])
        phrases.append([19_999, 5])
        for phrase in phrases {
            let group = try TermGroup(name: "g", query: "\"" + phrase.map { vocabulary[$0] }.joined(separator: " ") + "\"")
            let counts = texts.map { naiveCount(phrase, in: $0) }
            let documents = try engine.run(TrendQuery(groups: [group], measure: .documents))
            let mentions = try engine.run(TrendQuery(groups: [group], measure: .mentions))
            #expect(allRows(documents, "g")["2020"] ?? 0 == counts.filter { $0 > 0 }.count, "\(phrase), seed \(Self.seed)")
            #expect(allRows(mentions, "g")["2020"] ?? 0 == counts.reduce(0, +), "\(phrase), seed \(Self.seed)")
        }
    }

    /// KWIC's newest documents (verified newest first, stopping at the limit) are the newest
    /// of all the documents a naive scan finds, for several limits.
    @Test func kwicFindsTheNewestDocuments() throws {
        let texts = Self.randomDocuments()
        func date(_ i: Int) -> PartialDate { DateParser.parse("20\(10 + i % 7)-0\(1 + i % 9)-1\(i % 10)")! }
        var segments: [Segment] = []
        for part in 0..<3 {
            let builder = SegmentBuilder()
            for (i, text) in texts.enumerated() where i % 3 == part {
                builder.add(IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: date(i), text: SearchText(Self.text(text))))
            }
            segments.append(try Segment(bytes: builder.build().bytes))
        }
        var rng = SeededGenerator(seed: Self.seed + 3)
        for pattern in Self.runs(of: texts, tries: 10, lengths: 3...3, using: &rng) {
            let group = try TermGroup(name: "g", query: Self.text(pattern))
            let all = texts.indices.filter { naiveCount(pattern, in: texts[$0]) > 0 }.map { i in (rowID: Int64(i + 1), day: date(i).firstDayNumber) }
                .sorted { ($0.day, $0.rowID) > ($1.day, $1.rowID) }
            for limit in [1, 5, 50, Int.max] {
                let found = KWIC.documents(group, options: MatchOptions(folding: false), in: segments, limit: limit)
                #expect(found.map(\.rowID) == all.prefix(limit).map(\.rowID), "\(pattern), limit \(limit)")
                #expect(found.map(\.day) == all.prefix(limit).map(\.day))
            }
        }
    }

    /// A format 3 segment stores the same texts in fewer bytes than format 2.
    @Test func codedSegmentsAreSmaller() throws {
        let texts = Self.randomDocuments()
        func built(_ format: Int) -> [UInt8] {
            let builder = SegmentBuilder()
            for (i, text) in texts.enumerated() {
                builder.add(
                    IndexedDocument(rowID: Int64(i + 1), outlet: "x", date: DateParser.parse("2020-01-01")!, text: SearchText(Self.text(text))))
            }
            return builder.build(format: format).bytes
        }
        let current = built(3)
        let previous = built(2)
        #expect(try Segment(bytes: current).formatVersion == 3)
        let hangulBytesBefore = texts.reduce(0) { $0 + $1.count } * 2
        #expect(previous.count - current.count > hangulBytesBefore / 4, "\(previous.count) → \(current.count)")
    }
}
