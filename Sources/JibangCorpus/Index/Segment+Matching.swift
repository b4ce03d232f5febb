import Foundation
import KoreanText
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One key's coded posting list in a segment.
struct PostingList {
    let bytes: UnsafeRawBufferPointer
    /// Each document number is followed by the key's first position in that document.
    let positional: Bool
    /// A bit per document of the segment (format 3, dense lists) instead of varints.
    var bitmap = false

    /// The list's size for choosing among lists, about a byte per document: positions
    /// roughly double a list's bytes; a bitmap counts its documents.
    var weight: Int {
        if bitmap {
            var ones = 0
            var i = 0
            while i + 8 <= bytes.count {
                ones += bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self).nonzeroBitCount
                i += 8
            }
            while i < bytes.count {
                ones += bytes[i].nonzeroBitCount
                i += 1
            }
            return ones
        }
        return positional ? bytes.count / 2 : bytes.count
    }

    var docs: [UInt32] {
        guard bitmap else { return PostingCoding.decode(bytes, positional: positional) }
        // Exactly sized: the bits are counted first (a few hundred words), then written in place.
        let total = weight
        return [UInt32](unsafeUninitializedCapacity: total) { out, initialized in
            var n = 0
            var i = 0
            while i + 8 <= bytes.count {
                var word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let base = UInt32(i * 8)
                while word != 0 {
                    out[n] = base + UInt32(word.trailingZeroBitCount)
                    n += 1
                    word &= word &- 1
                }
                i += 8
            }
            while i < bytes.count {
                var byte = bytes[i]
                while byte != 0 {
                    out[n] = UInt32(i * 8 + byte.trailingZeroBitCount)
                    n += 1
                    byte &= byte &- 1
                }
                i += 1
            }
            initialized = n
        }
    }
}

/// A pattern in a format 3 segment's codes: its Hangul and Latin parts, or `missing` when
/// one of its syllables or words is in no document of the segment.
struct PatternCode {
    var hangul: [UInt8] = []
    var latin: [UInt8] = []
    var missing = false
}

/// What the index offers for one pattern in one segment.
struct Candidates {
    /// Documents that may contain the pattern, ascending.
    var docs: [UInt32] = []
    /// Every candidate surely contains the pattern: counting documents needs no verification.
    var exact = true
    /// The start, within the pattern, of the syllable pair verification looks for first: the
    /// pair with the shortest posting list (the rarest throws up the fewest false starts).
    var anchor = 0
    /// How far into the pattern's text (syllables, or bytes of its code in format 3) the anchor starts.
    var anchorOffset = 0
    /// The pattern in the segment's codes (format 3), for verifying each candidate.
    var code: PatternCode?
    /// Per candidate, the first position of the anchor pair in its Hangul text, when the
    /// index keeps it: no occurrence of the pattern starts before `position − anchor`.
    var anchorPositions: [UInt32]?

    /// Where verifying candidate `i` (an index into `docs`) may start in the Hangul text.
    @inline(__always) func scanStart(_ i: Int) -> Int {
        guard let anchorPositions else { return 0 }
        return max(0, Int(anchorPositions[i]) - anchorOffset)
    }
}

extension Segment {
    /// Documents that may contain `pattern` (ascending), whether every one surely does, and
    /// where to verify them.
    ///
    /// Only the shorter posting lists are decoded and intersected: a list more than four
    /// times the size (in bytes) of the shortest would cost more to decode than the documents
    /// it rules out cost to verify, and every pattern longer than one key is verified anyway.
    /// O(pattern length) look-ups plus the chosen lists' sizes.
    func candidates(_ pattern: Pattern) -> Candidates {
        var keys: [UInt64] = []
        var result = Candidates()
        let h = pattern.hangul
        if h.count == 1 {
            keys.append(PostingKey.unigram(h[0]))
        } else if h.count >= 2 {
            for i in 0..<(h.count - 1) { keys.append(PostingKey.bigram(h[i], h[i + 1])) }
            if h.count > 2 { result.exact = false }
        }
        let words = pattern.latinWords
        for word in words { keys.append(PostingKey.word(word)) }
        if words.count > 1 || (!h.isEmpty && !words.isEmpty) { result.exact = false }
        var lists: [PostingList] = []
        for key in keys {
            guard let list = postingList(key) else { return Candidates(exact: result.exact) }
            lists.append(list)
        }
        guard let shortest = lists.map(\.weight).min() else { return result }
        // The Hangul pairs are lists 0..<(h.count − 1); the anchor is the lightest of them.
        if h.count >= 2 {
            result.anchor = (0..<(h.count - 1)).min { lists[$0].weight < lists[$1].weight } ?? 0
            result.anchorOffset =
                rankOfSlot.map { ranks in h[0..<result.anchor].reduce(0) { $0 + HangulCode.length(rank: Int(ranks[HangulCode.slot($1)])) } }
                ?? result.anchor
        }
        if formatVersion >= 3 { result.code = code(pattern) }
        let chosen = lists.indices.filter { lists[$0].weight <= shortest * 4 }
        if chosen.count < lists.count { result.exact = false }
        result.docs = Self.intersect(chosen.map { lists[$0].docs })
        let anchorList = lists[result.anchor]
        if h.count >= 2, anchorList.positional, chosen.contains(result.anchor), !result.docs.isEmpty {
            // The candidates are a subset of the anchor's list: pick their positions in one merge.
            let (docs, positions) = PostingCoding.decodeWithPositions(anchorList.bytes)
            var picked: [UInt32] = []
            picked.reserveCapacity(result.docs.count)
            var j = 0
            for doc in result.docs {
                while docs[j] < doc { j += 1 }
                picked.append(positions[j])
            }
            result.anchorPositions = picked
        }
        return result
    }

    static func intersect(_ lists: [[UInt32]]) -> [UInt32] {
        guard var result = lists.min(by: { $0.count < $1.count }) else { return [] }
        for list in lists.sorted(by: { $0.count < $1.count }) where !result.isEmpty {
            if list.count == result.count && list == result { continue }
            var out: [UInt32] = []
            out.reserveCapacity(result.count)
            var j = 0
            for doc in result {
                // Galloping would help for very uneven sizes; a linear merge is enough here.
                while j < list.count && list[j] < doc { j += 1 }
                if j < list.count && list[j] == doc { out.append(doc) }
            }
            result = out
        }
        return result
    }

    /// Non-overlapping occurrences of `pattern` in a document's search text (the Hangul count
    /// for mixed patterns). 0 when absent. The Hangul scan starts at `start` (see
    /// `Candidates.scanStart`): leftmost non-overlapping matching finds the same occurrences
    /// from there as from the beginning, since none begins earlier.
    func occurrences(
        _ pattern: Pattern, in doc: Int, firstOnly: Bool = false, anchor: Int = 0, from start: Int = 0, code given: PatternCode? = nil
    ) -> Int {
        if formatVersion >= 3 {
            let code = given ?? code(pattern)
            guard !code.missing else { return 0 }
            var count = 0
            if !code.hangul.isEmpty {
                count = code.hangul.withUnsafeBufferPointer { HangulCode.count($0, in: codedText(doc), from: start, firstOnly: firstOnly) }
                if count == 0 { return 0 }
            }
            if !code.latin.isEmpty {
                let latinCount = code.latin.withUnsafeBufferPointer { LatinCode.count($0, in: latinText(doc), firstOnly: firstOnly) }
                if latinCount == 0 { return 0 }
                if code.hangul.isEmpty { count = latinCount }
            }
            return count
        }
        var count = 0
        if !pattern.hangul.isEmpty {
            let text = hangulText(doc)
            count = Self.countHangul(
                pattern.hangul, in: UnsafeBufferPointer(rebasing: text[min(start, text.count)...]), firstOnly: firstOnly, anchor: anchor)
            if count == 0 { return 0 }
        }
        if !pattern.latin.isEmpty {
            // Word patterns share their boundary spaces: " a " occurs twice in " a a ".
            let latinCount = Self.count(pattern.latin, in: latinText(doc), overlapAllowance: 1, firstOnly: firstOnly)
            if latinCount == 0 { return 0 }
            if pattern.hangul.isEmpty { count = latinCount }
        }
        return count
    }

    /// `pattern` in this (format 3) segment's codes.
    func code(_ pattern: Pattern) -> PatternCode {
        var code = PatternCode()
        if let ranks = rankOfSlot {
            for symbol in pattern.hangul {
                let slot = HangulCode.slot(symbol)
                guard slot >= 0 && slot < HangulCode.slots, ranks[slot] != HangulCode.absent else { return PatternCode(missing: true) }
                HangulCode.append(rank: Int(ranks[slot]), to: &code.hangul)
            }
        }
        for word in pattern.latin.split(separator: 0x20) {
            guard let rank = latinRank(word) else { return PatternCode(missing: true) }
            LatinCode.append(rank: rank, to: &code.latin)
        }
        return code
    }

    /// Non-overlapping occurrences of a Hangul pattern, scanning 32 positions at a time for
    /// the pattern's syllable pair at `anchor` (SIMD compare), then checking the rest.
    static func countHangul(_ needle: [UInt16], in haystack: UnsafeBufferPointer<UInt16>, firstOnly: Bool, anchor: Int = 0) -> Int {
        let m = needle.count
        let n = haystack.count
        guard m >= 2, n >= m, let base = haystack.baseAddress else {
            return count(needle, in: haystack, overlapAllowance: 0, firstOnly: firstOnly)
        }
        let a = min(max(anchor, 0), m - 2)
        // Four copies of each anchor syllable per 64-bit lane: a 32-syllable window is 8 lanes.
        let firstWord = SIMD8<UInt64>(repeating: UInt64(needle[a]) &* 0x0001_0001_0001_0001)
        let secondWord = SIMD8<UInt64>(repeating: UInt64(needle[a + 1]) &* 0x0001_0001_0001_0001)
        let ones = SIMD8<UInt64>(repeating: 0x0001_0001_0001_0001)
        let highs = SIMD8<UInt64>(repeating: 0x8000_8000_8000_8000)
        var count = 0
        var i = 0
        let last = n - m
        return needle.withUnsafeBufferPointer { p in
            @inline(__always) func matches(at start: Int) -> Bool {
                guard base[start + a] == p[a] && base[start + a + 1] == p[a + 1] else { return false }
                var j = 0
                while j < m {
                    if j != a && j != a + 1 && base[start + j] != p[j] { return false }
                    j += 1
                }
                return true
            }
            while i <= last {
                if i + a + 33 <= n {
                    // A 16-bit lane of v is zero where the anchor pair starts; (v − 1) & ~v & 0x8000
                    // per lane is non-zero exactly when some lane is zero.
                    let window = UnsafeRawPointer(base + i + a)
                    let v =
                        (window.loadUnaligned(as: SIMD8<UInt64>.self) ^ firstWord)
                        | (window.loadUnaligned(fromByteOffset: 2, as: SIMD8<UInt64>.self) ^ secondWord)
                    let t = (v &- ones) & ~v & highs
                    if (t[0] | t[1] | t[2] | t[3] | t[4] | t[5] | t[6] | t[7]) == 0 {
                        i += 32
                        continue
                    }
                    // Check each start in the window, in order.
                    var lane = 0
                    var advanced = false
                    while lane < 32 && i + lane <= last {
                        if matches(at: i + lane) {
                            count += 1
                            if firstOnly { return count }
                            i += lane + m
                            advanced = true
                            break
                        }
                        lane += 1
                    }
                    if !advanced { i += 32 }
                    continue
                }
                // The tail: one position at a time.
                if matches(at: i) {
                    count += 1
                    if firstOnly { return count }
                    i += m
                    continue
                }
                i += 1
            }
            return count
        }
    }

    @inline(__always)
    static func count<T: FixedWidthInteger>(_ needle: [T], in haystack: UnsafeBufferPointer<T>, overlapAllowance: Int, firstOnly: Bool) -> Int {
        let m = needle.count
        let n = haystack.count
        guard m > 0, n >= m else { return 0 }
        return needle.withUnsafeBufferPointer { p in
            let first = p[0]
            let second = m > 1 ? p[1] : 0
            var count = 0
            var i = 0
            while i <= n - m {
                if haystack[i] == first && (m == 1 || haystack[i + 1] == second) {
                    var j = 1
                    while j < m && haystack[i + j] == p[j] { j += 1 }
                    if j == m {
                        count += 1
                        if firstOnly { return count }
                        i += max(1, m - overlapAllowance)
                        continue
                    }
                }
                i += 1
            }
            return count
        }
    }
}
