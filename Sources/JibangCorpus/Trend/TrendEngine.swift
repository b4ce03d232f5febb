import Foundation
import JibangBase
import KoreanText
import Synchronization

/// Runs trend queries over index segments.
///
/// For each group, each term and each spelling variant: candidate documents come from the
/// posting lists (a syllable, a syllable pair, or the intersection of pairs and words);
/// terms longer than two syllables or one word are verified in the document's search text.
/// Segments are searched in parallel. Cost: posting-list sizes plus verified documents.
public struct TrendEngine: Sendable {
    public let segments: [Segment]
    public let rawText: RawTextLookup?
    /// At most this many segments searched at once (nil: one per core). A server keeps a core
    /// free for cheap requests this way.
    public var threads: Int?

    public init(segments: [Segment], rawText: RawTextLookup? = nil, threads: Int? = nil) {
        self.segments = segments
        self.rawText = rawText
        self.threads = threads
    }

    /// One segment's counts in flat arrays: index `(period - firstPeriod) * outlets + outlet`.
    struct Partial {
        var firstPeriod = 0
        var periodCount = 0
        var outlets = 0
        var totals: [Int] = []
        var counts: [[Int]] = []  // group → flat period × outlet
        var variants: [[Int]] = []  // group → pattern → count
        /// With term detail: group → term → flat period × outlet: the term's hits, and the
        /// group's measure with the term left out.
        var termHits: [[[Int]]] = []
        var without: [[[Int]]] = []
        var documents = 0
        var tooCoarse = 0
    }

    /// Answers `query`. Throws when an option needs the original texts and none were given.
    public func run(_ query: TrendQuery) throws -> TrendResult {
        let query = try query.checked(against: segments)
        let compiled = query.groups.map { CompiledGroup($0, options: query.options) }
        if (!query.options.spacing || !query.options.substring) && rawText == nil {
            throw JibangError.invalidQuery(
                query.groups.map(\.query).joined(separator: " "), reason: "switching off spacing or substring matching needs the stored texts")
        }
        var outletNames: [String] = []
        var outletIndex: [String: Int] = [:]
        for segment in segments {
            for name in segment.outlets where outletIndex[name] == nil {
                outletIndex[name] = outletNames.count
                outletNames.append(name)
            }
        }
        let partials = Self.parallelMap(segments, threads: threads) { segment in
            evaluate(segment, query: query, groups: compiled, outletIndex: outletIndex)
        }
        var merged = Merged()
        merged.counts = Array(repeating: [:], count: compiled.count)
        merged.variants = compiled.map { Array(repeating: 0, count: $0.patterns.count) }
        if query.termDetail {
            merged.termHits = compiled.map { Array(repeating: [:], count: $0.terms.count > 1 ? $0.terms.count : 0) }
            merged.without = merged.termHits
        }
        for (segment, partial) in zip(segments, partials) {
            merged.documents += partial.documents
            merged.tooCoarse += partial.tooCoarse
            let outletNumbers = segment.outlets.map { outletIndex[$0]! }
            for p in 0..<partial.periodCount {
                let period = partial.firstPeriod + p
                for o in 0..<partial.outlets {
                    let i = p * partial.outlets + o
                    guard partial.totals[i] > 0 else { continue }
                    merged.periods.insert(period)
                    merged.totals[period, default: [:]][outletNumbers[o], default: 0] += partial.totals[i]
                    for g in compiled.indices where partial.counts[g][i] > 0 {
                        merged.counts[g][period, default: [:]][outletNumbers[o], default: 0] += partial.counts[g][i]
                    }
                    for g in partial.termHits.indices {
                        for t in partial.termHits[g].indices {
                            if partial.termHits[g][t][i] > 0 {
                                merged.termHits[g][t][period, default: [:]][outletNumbers[o], default: 0] += partial.termHits[g][t][i]
                            }
                            if partial.without[g][t][i] > 0 {
                                merged.without[g][t][period, default: [:]][outletNumbers[o], default: 0] += partial.without[g][t][i]
                            }
                        }
                    }
                }
            }
            for g in compiled.indices {
                for p in merged.variants[g].indices { merged.variants[g][p] += partial.variants[g][p] }
            }
        }
        return result(query, compiled, merged, outletNames)
    }

    /// All segments' counts by period and global outlet number.
    struct Merged {
        var totals: [Int: [Int: Int]] = [:]
        var counts: [[Int: [Int: Int]]] = []
        var variants: [[Int]] = []
        var termHits: [[[Int: [Int: Int]]]] = []
        var without: [[[Int: [Int: Int]]]] = []
        var documents = 0
        var tooCoarse = 0
        var periods = Set<Int>()
    }

    func result(_ query: TrendQuery, _ compiled: [CompiledGroup], _ merged: Merged, _ outletNames: [String]) -> TrendResult {
        var rows: [TrendResult.Row] = []
        let usedOutlets = Set(merged.totals.values.flatMap(\.keys)).sorted { outletNames[$0] < outletNames[$1] }
        if let first = merged.periods.min(), let last = merged.periods.max() {
            for period in first...last {
                let label = query.by.label(period)
                func row(_ outlet: String, _ pick: ([Int: Int]) -> Int) -> TrendResult.Row {
                    let total = pick(merged.totals[period] ?? [:])
                    var counts: [String: Int] = [:]
                    var per1000: [String: Double?] = [:]
                    for (g, group) in compiled.enumerated() {
                        let n = pick(merged.counts[g][period] ?? [:])
                        counts[group.name] = n
                        let rate: Double? = total == 0 ? nil : (Double(n) * 1000 / Double(total) * 100).rounded() / 100
                        per1000[group.name] = .some(rate)
                    }
                    return TrendResult.Row(period: label, outlet: outlet, total: total, counts: counts, per1000: per1000)
                }
                if usedOutlets.count > 1 {
                    for o in usedOutlets { rows.append(row(outletNames[o]) { $0[o] ?? 0 }) }
                }
                rows.append(row("all") { $0.values.reduce(0, +) })
            }
        }
        let labels = merged.periods.min().map { first in (first...merged.periods.max()!).map { ($0, query.by.label($0)) } } ?? []
        let groups = compiled.enumerated().map { g, group in
            TrendResult.Group(
                name: group.name, query: group.query,
                variants: group.patterns.enumerated().map { p, pattern in
                    TrendResult.VariantCount(term: pattern.term, variant: pattern.pattern.text, count: merged.variants[g][p])
                },
                terms: !query.termDetail
                    ? nil
                    : group.terms.count < 2
                        ? []
                        : termShares(
                            group, hits: merged.termHits[g], without: merged.without[g], periods: labels,
                            outlets: usedOutlets.map { ($0, outletNames[$0]) }))
        }
        return TrendResult(
            by: query.by, measure: query.measure, options: query.options, groups: groups, rows: rows, documents: merged.documents,
            tooCoarse: merged.tooCoarse)
    }

    /// Each term's hits and share of the group's hits, and the group's series without it (all
    /// outlets, and per outlet when there are several).
    func termShares(
        _ group: CompiledGroup, hits: [[Int: [Int: Int]]], without: [[Int: [Int: Int]]], periods: [(Int, String)], outlets: [(Int, String)]
    ) -> [TrendResult.TermShare] {
        let totals = hits.map { $0.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
        let all = totals.reduce(0, +)
        return group.terms.enumerated().map { t, term in
            func series(_ pick: ([Int: Int]) -> Int) -> [TrendResult.PeriodCount] {
                periods.map { period, label in TrendResult.PeriodCount(period: label, count: pick(without[t][period] ?? [:])) }
            }
            let byOutlet = outlets.count > 1 ? Dictionary(uniqueKeysWithValues: outlets.map { o, name in (name, series { $0[o] ?? 0 }) }) : nil
            return TrendResult.TermShare(
                term: term, hits: totals[t], share: all == 0 ? 0 : (Double(totals[t]) / Double(all) * 10_000).rounded() / 10_000,
                without: series { $0.values.reduce(0, +) },
                hitsByPeriod: periods.compactMap { period, label in
                    let n = hits[t][period]?.values.reduce(0, +) ?? 0
                    return n > 0 ? TrendResult.PeriodCount(period: label, count: n) : nil
                },
                withoutByOutlet: byOutlet)
        }
    }

    func evaluate(_ segment: Segment, query: TrendQuery, groups: [CompiledGroup], outletIndex: [String: Int]) -> Partial {
        var partial = Partial()
        partial.variants = groups.map { Array(repeating: 0, count: $0.patterns.count) }
        // Per document: its period, or Int.min when filtered out. Without global filters (and
        // with no version hidden) the segment's cached table is the answer; with them,
        // documents are filtered here.
        let table = segment.periods(query.by)
        let outlets = segment.outlets.count
        var periods: [Int]
        let first: Int
        let hidden = segment.hidden(query.options)
        if query.from == nil && query.to == nil && query.outlets.isEmpty && hidden == nil {
            guard table.first <= table.last else {
                partial.tooCoarse = table.tooCoarse
                return partial
            }
            periods = table.periods
            first = table.first
            partial.periodCount = table.last - table.first + 1
            partial.totals = table.totals
            partial.documents = table.documents
            partial.tooCoarse = table.tooCoarse
        } else {
            let allowedOutlets = segment.outletNumbers(named: query.outlets)
            periods = [Int](repeating: .min, count: segment.count)
            var low = Int.max
            var high = Int.min
            for doc in 0..<segment.count where !(hidden?[doc] ?? false) {
                let day = Int(segment.day(doc))
                if let from = query.from, day < from { continue }
                if let to = query.to, day > to { continue }
                if let allowedOutlets, !allowedOutlets.contains(segment.outletNumber(doc)) { continue }
                let period = table.periods[doc]
                guard period != .min else {
                    partial.tooCoarse += 1
                    continue
                }
                periods[doc] = period
                low = min(low, period)
                high = max(high, period)
            }
            guard low <= high else { return partial }
            first = low
            partial.periodCount = high - low + 1
            partial.totals = Array(repeating: 0, count: partial.periodCount * outlets)
            for doc in 0..<segment.count where periods[doc] != .min {
                partial.totals[(periods[doc] - first) * outlets + segment.outletNumber(doc)] += 1
                partial.documents += 1
            }
        }
        partial.firstPeriod = first
        partial.outlets = outlets
        @inline(__always) func cell(_ doc: Int) -> Int { (periods[doc] - first) * outlets + segment.outletNumber(doc) }
        for (g, group) in groups.enumerated() {
            let allowed = segment.outletNumbers(named: group.outlets)
            func eligible(_ doc: Int) -> Bool {
                periods[doc] != .min && group.admits(day: Int(segment.day(doc)))
                    && (allowed?.contains(segment.outletNumber(doc)) ?? true)
            }
            var measure = [Int](repeating: 0, count: segment.count)
            var touched: [Int] = []
            // With term detail: each touched document's hits per term, at `slot[doc] * terms`.
            let terms = group.terms.count
            // One term's share is 1 and the series without it empty: no need to count.
            let detail = query.termDetail && terms > 1
            var slot = detail ? [Int32](repeating: -1, count: segment.count) : []
            var termCounts: [Int] = []
            for (p, entry) in group.patterns.enumerated() {
                let candidates = segment.candidates(entry.pattern)
                for (c, candidate) in candidates.docs.enumerated() {
                    let doc = Int(candidate)
                    guard eligible(doc) else { continue }
                    // Term detail counts every occurrence, whatever the measure.
                    let n = occurrences(
                        entry, in: segment, doc: doc, exact: candidates.exact, documentsOnly: query.measure == .documents && !detail,
                        options: query.options, anchor: candidates.anchor, from: candidates.scanStart(c), code: candidates.code)
                    guard n > 0 else { continue }
                    partial.variants[g][p] += query.measure == .documents ? 1 : n
                    if measure[doc] == 0 { touched.append(doc) }
                    measure[doc] += query.measure == .documents ? 1 : n
                    if detail {
                        if slot[doc] < 0 {
                            slot[doc] = Int32(termCounts.count / terms)
                            termCounts.append(contentsOf: repeatElement(0, count: terms))
                        }
                        termCounts[Int(slot[doc]) * terms + group.termOfPattern[p]] += n
                    }
                }
            }
            for exclusion in group.exclusions {
                let candidates = segment.candidates(exclusion.pattern)
                for candidate in candidates.docs where measure[Int(candidate)] > 0 {
                    if occurrences(
                        exclusion, in: segment, doc: Int(candidate), exact: false, documentsOnly: true, options: query.options, code: candidates.code)
                        > 0
                    {
                        measure[Int(candidate)] = 0
                    }
                }
            }
            var counts = [Int](repeating: 0, count: partial.totals.count)
            for doc in touched where measure[doc] > 0 {
                counts[cell(doc)] += query.measure == .documents ? 1 : measure[doc]
            }
            partial.counts.append(counts)
            if detail {
                // Per term: its hits, and the measure the group would give without it (a
                // document still counts when another term matches; mentions lose the term's).
                var hits = Array(repeating: [Int](repeating: 0, count: partial.totals.count), count: terms)
                var without = hits
                for doc in touched where measure[doc] > 0 {
                    let base = Int(slot[doc]) * terms
                    let matched = (0..<terms).filter { termCounts[base + $0] > 0 }.count
                    for t in 0..<terms {
                        let own = termCounts[base + t]
                        hits[t][cell(doc)] += own
                        if query.measure == .documents {
                            if matched > (own > 0 ? 1 : 0) { without[t][cell(doc)] += 1 }
                        } else {
                            without[t][cell(doc)] += measure[doc] - own
                        }
                    }
                }
                partial.termHits.append(hits)
                partial.without.append(without)
            } else if query.termDetail {
                partial.termHits.append([])
                partial.without.append([])
            }
        }
        return partial
    }

    /// Occurrences of a pattern in a document, honouring the match options.
    func occurrences(
        _ entry: CompiledPattern, in segment: Segment, doc: Int, exact: Bool, documentsOnly: Bool, options: MatchOptions, anchor: Int = 0,
        from start: Int = 0, code: PatternCode? = nil
    ) -> Int {
        if options.spacing && options.substring {
            if exact && documentsOnly { return 1 }
            return segment.occurrences(entry.pattern, in: doc, firstOnly: documentsOnly, anchor: anchor, from: start, code: code)
        }
        guard segment.occurrences(entry.pattern, in: doc, firstOnly: true, anchor: anchor, from: start, code: code) > 0,
            let text = rawText?(segment.rowID(doc))
        else {
            return 0
        }
        return RawMatcher(entry.pattern.text, options: options).count(in: text)
    }

    /// `body` of each segment, in order, on at most `threads` threads at once (nil: every core).
    static func parallelMap<T: Sendable>(_ segments: [Segment], threads: Int? = nil, _ body: (Segment) -> T) -> [T] {
        let width = min(max(threads ?? segments.count, 1), max(segments.count, 1))
        if width == 1 { return segments.map(body) }
        let results = Mutex<[T?]>(Array(repeating: nil, count: segments.count))
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: width) { worker in
                for i in stride(from: worker, to: segments.count, by: width) {
                    let value = body(segments[i])
                    results.withLock { $0[i] = value }
                }
            }
        }
        return results.withLock { values in values.map { $0! } }
    }
}
