import Foundation
public import JibangBase
import KoreanText

/// What a collocate list asks: the words near a term group's hits in a period range, against
/// the rest of the corpus or a reference period.
public struct CollocateQuery: Sendable, Hashable {
    public var group: TermGroup
    /// First and last day numbers of the documents read (nil: open).
    public var from: Int?
    public var to: Int?
    /// The reference period's first and last day; nil: the documents of the corpus that do not
    /// match the group.
    public var reference: ClosedRange<Int>?
    /// Words on each side of a hit.
    public var window = 5
    /// At most this many matching documents (and reference documents) are read; beyond that a
    /// reproducible sample of them.
    public var maxDocuments = 5_000
    /// At most this many rows.
    public var limit = 50
    /// Words seen fewer times near the hits are left out.
    public var minimumCount = 3
    public var options = MatchOptions()

    public init(group: TermGroup, from: Int? = nil, to: Int? = nil, reference: ClosedRange<Int>? = nil) {
        self.group = group
        self.from = from
        self.to = to
        self.reference = reference
    }
}

/// The words that occur near a group's hits more often than chance, ranked by log-likelihood
/// (Dunning's G²) against a reference. The JSON form is the contract of `jibang collocates
/// --format json`.
public struct CollocateResult: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public let word: String
        /// Times the word occurs within the window of a hit.
        public let count: Int
        /// The count expected were the word as frequent near the hits as in the reference.
        public let expected: Double
        /// G²: the larger, the less likely the difference is chance (3.84: p < 0.05; 10.83: p < 0.001).
        public let llr: Double
    }

    public let group: String
    public let from: String?
    public let to: String?
    /// "rest of the corpus", or the reference period ("2010-01-01..2015-12-31").
    public let reference: String
    /// Matching documents in the range, and how many were read (all, or a sample).
    public let documents: Int
    public let documentsRead: Int
    public let sampled: Bool
    public let referenceDocuments: Int
    public let referenceDocumentsRead: Int
    /// Word positions in the hits' windows, and in the reference.
    public let windowWords: Int
    public let referenceWords: Int
    public let window: Int
    /// Which versions and reprints were read.
    public let options: MatchOptions
    public let rows: [Row]

    enum CodingKeys: String, CodingKey {
        case group, from, to, reference, documents, documentsRead, sampled, referenceDocuments, referenceDocumentsRead, windowWords,
            referenceWords, window, options, rows
    }

    /// Every field of the contract is written, `from` and `to` as null when open.
    public func encode(to encoder: any Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(group, forKey: .group)
        try out.encode(from, forKey: .from)
        try out.encode(to, forKey: .to)
        try out.encode(reference, forKey: .reference)
        try out.encode(documents, forKey: .documents)
        try out.encode(documentsRead, forKey: .documentsRead)
        try out.encode(sampled, forKey: .sampled)
        try out.encode(referenceDocuments, forKey: .referenceDocuments)
        try out.encode(referenceDocumentsRead, forKey: .referenceDocumentsRead)
        try out.encode(windowWords, forKey: .windowWords)
        try out.encode(referenceWords, forKey: .referenceWords)
        try out.encode(window, forKey: .window)
        try out.encode(options, forKey: .options)
        try out.encode(rows, forKey: .rows)
    }
}

extension CollocateResult {
    /// What the list was computed from, in a sentence.
    public var summary: String {
        let read =
            sampled ? "a reproducible sample of \(documentsRead) of the \(documents) matching documents" : "all \(documents) matching documents"
        return "\(read) (\(windowWords) words within ±\(window) of a hit) against \(reference) "
            + "(\(referenceDocumentsRead) of \(referenceDocuments) documents, \(referenceWords) words); \(options.versionsNote); \(options.reprintsNote)"
    }
}

extension CollocateQuery {
    /// The days of a reference period written FROM..TO (2010..2015, 2010-03..2010-09); throws
    /// when it is not one, or runs backwards.
    public static func referencePeriod(_ text: String) throws(JibangError) -> ClosedRange<Int> {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let from = DateParser.iso(parts[0]), let to = DateParser.iso(parts[1]) else {
            throw JibangError(
                .invalidQuery, "reference \(text): expected FROM..TO with dates such as 2010 or 2010-03, e.g. 2010..2015", subject: text)
        }
        try FilterCheck.range(from: from.firstDayNumber, to: to.lastDayNumber)
        return from.firstDayNumber...to.lastDayNumber
    }
}

public enum Collocates {
    /// G² of a word seen `a` times among `n1` window words and `c` times among `n2` reference
    /// words, and the count expected near the hits: the 2 × 2 log-likelihood ratio.
    public static func logLikelihood(a: Int, n1: Int, c: Int, n2: Int) -> (llr: Double, expected: Double) {
        let total = Double(n1 + n2)
        let both = Double(a + c)
        let cells = [
            (Double(a), Double(n1) * both / total), (Double(n1 - a), Double(n1) * (total - both) / total),
            (Double(c), Double(n2) * both / total), (Double(n2 - c), Double(n2) * (total - both) / total),
        ]
        let g2 = 2 * cells.reduce(0.0) { sum, cell in cell.0 > 0 && cell.1 > 0 ? sum + cell.0 * log(cell.0 / cell.1) : sum }
        return (g2, cells[0].1)
    }

    /// Up to `limit` of `items`, drawn reproducibly (the same items for the same seed), in their order.
    static func sample<T>(_ items: [T], limit: Int, seed: UInt64) -> [T] {
        guard items.count > limit else { return items }
        var generator = SeededRandom(seed: seed)
        var indices = Array(items.indices)
        for i in 0..<limit { indices.swapAt(i, Int.random(in: i..<indices.count, using: &generator)) }
        return indices.prefix(limit).sorted().map { items[$0] }
    }

    /// The positions (token indices) within `window` words of a hit, hits themselves left out.
    static func windowPositions(_ tokens: [CollocateWords.Token], hits: [NSRange], window: Int) -> Set<Int> {
        var inHit = Set<Int>()
        var near = Set<Int>()
        for hit in hits {
            let covered = tokens.indices.filter { tokens[$0].end > hit.location && tokens[$0].start < hit.location + hit.length }
            guard let first = covered.first, let last = covered.last else { continue }
            inHit.formUnion(covered)
            near.formUnion(max(0, first - window)...min(tokens.count - 1, last + window))
        }
        return near.subtracting(inHit)
    }
}

extension CorpusDocumentStore {
    /// The collocates of `query.group` (see `CollocateQuery`). Reads at most `maxDocuments`
    /// matching and `maxDocuments` reference documents, whatever the corpus size.
    public func collocates(_ query: CollocateQuery) throws -> CollocateResult {
        let segments = try segments()
        var group = try query.group.checked(against: segments)
        group.from = [group.from, query.from].compactMap { $0 }.max()
        group.to = [group.to, query.to].compactMap { $0 }.min()
        try FilterCheck.range(from: group.from, to: group.to)
        let matching = KWIC.documents(group, options: query.options, in: segments, limit: .max).map(\.rowID).sorted()
        let matched = Set(matching)
        // The reference: documents of the reference period, or the corpus's other documents.
        var others: [Int64] = []
        for segment in segments {
            let hidden = segment.hidden(query.options)
            for doc in 0..<segment.count where !(hidden?[doc] ?? false) {
                let day = Int(segment.day(doc))
                if let reference = query.reference {
                    if reference.contains(day) { others.append(segment.rowID(doc)) }
                } else if !matched.contains(segment.rowID(doc)) {
                    others.append(segment.rowID(doc))
                }
            }
        }
        var seed = FNV1a()
        seed.add("\(group.query)\t\(group.from ?? 0)\t\(group.to ?? 0)\t\(query.reference.map { "\($0)" } ?? "")".utf8)
        let read = Collocates.sample(matching, limit: query.maxDocuments, seed: seed.value)
        let referenceRead = Collocates.sample(others, limit: query.maxDocuments, seed: seed.value ^ 0x9E37_79B9_7F4A_7C15)
        let lines = KWIC.Lines(group, options: query.options)
        var near: [String: Int] = [:]
        var windowWords = 0
        for rowID in read {
            guard let text = body(rowID: rowID) else { continue }
            let tokens = CollocateWords.tokens(text)
            for position in Collocates.windowPositions(tokens, hits: lines.matches(in: text), window: query.window) {
                near[tokens[position].word, default: 0] += 1
                windowWords += 1
            }
        }
        var background: [String: Int] = [:]
        var referenceWords = 0
        for rowID in referenceRead {
            guard let text = body(rowID: rowID) else { continue }
            for token in CollocateWords.tokens(text) {
                background[token.word, default: 0] += 1
                referenceWords += 1
            }
        }
        var rows: [CollocateResult.Row] = []
        if windowWords > 0 && referenceWords > 0 {
            for (word, count) in near where count >= query.minimumCount {
                let (llr, expected) = Collocates.logLikelihood(a: count, n1: windowWords, c: background[word] ?? 0, n2: referenceWords)
                guard Double(count) > expected else { continue }
                rows.append(.init(word: word, count: count, expected: (expected * 100).rounded() / 100, llr: (llr * 100).rounded() / 100))
            }
        }
        rows.sort { ($0.llr, $1.word) > ($1.llr, $0.word) }
        return CollocateResult(
            group: group.name, from: group.from.map(PartialDate.iso(dayNumber:)), to: group.to.map(PartialDate.iso(dayNumber:)),
            reference: query.reference.map { "\(PartialDate.iso(dayNumber: $0.lowerBound))..\(PartialDate.iso(dayNumber: $0.upperBound))" }
                ?? "rest of the corpus",
            documents: matching.count, documentsRead: read.count, sampled: read.count < matching.count, referenceDocuments: others.count,
            referenceDocumentsRead: referenceRead.count, windowWords: windowWords, referenceWords: referenceWords, window: query.window,
            options: query.options, rows: Array(rows.prefix(query.limit)))
    }
}
