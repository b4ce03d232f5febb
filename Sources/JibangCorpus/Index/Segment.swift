import Foundation
import KoreanText
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A read-only index segment over its bytes (usually a memory-mapped file).
///
/// Layout: magic `JBXSEG02`, document count, outlet names, a table of 12 (offset, length)
/// pairs, then 8-byte-aligned sections: row ids (Int64), first days (Int32), precisions
/// (UInt8), outlet numbers (UInt16), Hangul offsets (UInt32) and text (UInt16), Latin offsets
/// (UInt32) and text (UInt8), posting keys (UInt64, ascending), posting offsets (UInt32), the
/// delta-varint posting bytes, and a bit per key marking lists that carry first positions.
/// Version 1 segments (`JBXSEG01`, 11 sections, no positions) are read too.
public final class Segment: @unchecked Sendable {
    // @unchecked: immutable after init; the bytes live until deinit.
    let base: UnsafeRawPointer
    let size: Int
    let release: @Sendable () -> Void
    public let count: Int
    public let outlets: [String]
    /// 1 (no positions) or 2 (first positions for rare syllable pairs).
    public let formatVersion: Int
    /// The format `SegmentBuilder` writes.
    public static let currentFormatVersion = 2
    let rowIDs: UnsafePointer<Int64>
    let days: UnsafePointer<Int32>
    let precisions: UnsafePointer<UInt8>
    let outletNumbers: UnsafePointer<UInt16>
    let hangulOffsets: UnsafePointer<UInt32>
    let hangul: UnsafePointer<UInt16>
    let latinOffsets: UnsafePointer<UInt32>
    let latin: UnsafePointer<UInt8>
    let keys: UnsafeBufferPointer<UInt64>
    let postingOffsets: UnsafePointer<UInt32>
    let postings: UnsafePointer<UInt8>
    /// Bit k set: key k's list carries first positions. Nil in version 1 segments.
    let positional: UnsafePointer<UInt8>?
    /// Bytes of the posting keys, offsets and lists: the index proper, without texts.
    public let indexBytes: Int
    /// Bytes of the whole segment (texts, metadata and index).
    public var totalBytes: Int { size }

    /// A segment over a copy of `bytes` (tests, freshly built segments).
    public convenience init(bytes: [UInt8]) throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 16)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        let address = UInt(bitPattern: memory)
        try self.init(base: UnsafeRawPointer(memory), size: bytes.count, release: { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() })
    }

    /// A segment over a memory-mapped file: opening is O(1) and pages load on demand.
    public convenience init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SegmentError.unreadable(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { throw SegmentError.unreadable(path) }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw SegmentError.unreadable(path)
        }
        // Queries touch scattered documents: read-ahead would only fill memory.
        _ = madvise(mapped, size, MADV_RANDOM)
        let address = UInt(bitPattern: mapped)
        try self.init(
            base: UnsafeRawPointer(mapped), size: size,
            release: {
                munmap(UnsafeMutableRawPointer(bitPattern: address), size)
            })
    }

    init(base raw: UnsafeRawPointer, size: Int, release: @escaping @Sendable () -> Void) throws {
        self.base = raw
        self.size = size
        self.release = release
        func u64(_ at: Int) -> Int { Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        let magic = size >= 24 ? Array(UnsafeRawBufferPointer(start: raw, count: 8)) : []
        guard magic == SegmentWriter.magic || magic == SegmentWriter.magicVersion1 else {
            release()
            throw SegmentError.notASegment
        }
        formatVersion = magic == SegmentWriter.magic ? 2 : 1
        let sectionCount = formatVersion == 2 ? SegmentWriter.sectionCount : SegmentWriter.sectionCountVersion1
        count = u64(8)
        var position = 24
        var outlets: [String] = []
        for _ in 0..<u64(16) {
            let length = u64(position)
            outlets.append(String(decoding: UnsafeRawBufferPointer(start: raw + position + 8, count: length), as: UTF8.self))
            position += 8 + length
            while position % 8 != 0 { position += 1 }
        }
        self.outlets = outlets
        var sections: [(Int, Int)] = []
        for i in 0..<sectionCount { sections.append((u64(position + 16 * i), u64(position + 16 * i + 8))) }
        // Every section within the file; the flags (version 2) cover every key.
        guard sections.allSatisfy({ $0.0 + $0.1 <= size }), sectionCount < 12 || sections[11].1 * 8 >= sections[8].1 / 8 else {
            release()
            throw SegmentError.notASegment
        }
        func pointer<T>(_ i: Int, _: T.Type) -> UnsafePointer<T> { (raw + sections[i].0).assumingMemoryBound(to: T.self) }
        rowIDs = pointer(0, Int64.self)
        days = pointer(1, Int32.self)
        precisions = pointer(2, UInt8.self)
        outletNumbers = pointer(3, UInt16.self)
        hangulOffsets = pointer(4, UInt32.self)
        hangul = pointer(5, UInt16.self)
        latinOffsets = pointer(6, UInt32.self)
        latin = pointer(7, UInt8.self)
        keys = UnsafeBufferPointer(start: pointer(8, UInt64.self), count: sections[8].1 / 8)
        postingOffsets = pointer(9, UInt32.self)
        postings = pointer(10, UInt8.self)
        positional = sectionCount > 11 ? pointer(11, UInt8.self) : nil
        indexBytes = sections[8...].reduce(0) { $0 + $1.1 }
    }

    deinit { release() }

    private let periodCache = Mutex<[PeriodUnit: PeriodTable]>([:])

    /// Each document's period for `unit` and the document totals per period and outlet,
    /// computed once per segment and unit (the segment never changes).
    func periods(_ unit: PeriodUnit) -> PeriodTable {
        periodCache.withLock { cache in
            if let cached = cache[unit] { return cached }
            let table = PeriodTable(self, unit: unit)
            cache[unit] = table
            return table
        }
    }

    @inline(__always) public func rowID(_ doc: Int) -> Int64 { rowIDs[doc] }
    @inline(__always) public func day(_ doc: Int) -> Int32 { days[doc] }
    @inline(__always) public func precision(_ doc: Int) -> UInt8 { precisions[doc] }
    @inline(__always) public func outletNumber(_ doc: Int) -> Int { Int(outletNumbers[doc]) }

    @inline(__always) func hangulText(_ doc: Int) -> UnsafeBufferPointer<UInt16> {
        UnsafeBufferPointer(start: hangul + Int(hangulOffsets[doc]), count: Int(hangulOffsets[doc + 1] - hangulOffsets[doc]))
    }

    @inline(__always) func latinText(_ doc: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: latin + Int(latinOffsets[doc]), count: Int(latinOffsets[doc + 1] - latinOffsets[doc]))
    }

    /// The posting list of `key`, or nil when no document has it. O(log keys).
    func postingList(_ key: UInt64) -> PostingList? {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        guard low < keys.count, keys[low] == key else { return nil }
        let start = Int(postingOffsets[low])
        let end = Int(postingOffsets[low + 1])
        let hasPositions = positional.map { $0[low / 8] & (1 << (low % 8)) != 0 } ?? false
        return PostingList(bytes: UnsafeRawBufferPointer(start: postings + start, count: end - start), positional: hasPositions)
    }

    /// The segment's numbers for the outlets named, or nil (every outlet) when none is named.
    func outletNumbers(named names: [String]) -> Set<Int>? {
        names.isEmpty ? nil : Set(outlets.indices.filter { names.contains(outlets[$0]) })
    }
}

/// One key's coded posting list in a segment.
struct PostingList {
    let bytes: UnsafeRawBufferPointer
    /// Each document number is followed by the key's first position in that document.
    let positional: Bool

    /// The list's size for choosing among lists: positions roughly double a list's bytes.
    var weight: Int { positional ? bytes.count / 2 : bytes.count }

    var docs: [UInt32] { PostingCoding.decode(bytes, positional: positional) }
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
    /// Per candidate, the first position of the anchor pair in its Hangul text, when the
    /// index keeps it: no occurrence of the pattern starts before `position − anchor`.
    var anchorPositions: [UInt32]?

    /// Where verifying candidate `i` (an index into `docs`) may start in the Hangul text.
    @inline(__always) func scanStart(_ i: Int) -> Int {
        guard let anchorPositions else { return 0 }
        return max(0, Int(anchorPositions[i]) - anchor)
    }
}

public enum SegmentError: Error, Sendable {
    case notASegment
    case unreadable(String)
}

// MARK: - Matching one pattern

/// One literal spelling to look for: its Hangul form, its Latin form (word-bounded), or both
/// (a mixed term such as "지방발전 20×10" needs both in the document).
public struct Pattern: Sendable, Hashable {
    public let text: String
    let hangul: [UInt16]
    let latin: [UInt8]

    public init(_ text: String) {
        self.text = text
        hangul = SearchText.hangulForm(text)
        let latinForm = SearchText.latinForm(text)
        latin = latinForm.contains { $0 != 0x20 } ? latinForm : []
    }

    var latinWords: [[UInt8]] { latin.split(separator: 0x20).map(Array.init) }
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
        }
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
    func occurrences(_ pattern: Pattern, in doc: Int, firstOnly: Bool = false, anchor: Int = 0, from start: Int = 0) -> Int {
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

/// A segment's documents by period: each document's period number (Int.min when its date is
/// coarser than the unit), the range of periods, and document totals per period and outlet.
struct PeriodTable: Sendable {
    let periods: [Int]
    let first: Int
    let last: Int
    let outlets: Int
    /// Index `(period - first) * outlets + outlet`.
    let totals: [Int]
    let documents: Int
    let tooCoarse: Int

    init(_ segment: Segment, unit: PeriodUnit) {
        periods = (0..<segment.count).map { unit.period(day: Int(segment.day($0)), precision: segment.precision($0)) ?? .min }
        let dated = periods.filter { $0 != .min }
        first = dated.min() ?? 0
        last = dated.max() ?? -1
        outlets = segment.outlets.count
        var totals = [Int](repeating: 0, count: max(0, last - first + 1) * outlets)
        for doc in 0..<segment.count where periods[doc] != .min {
            totals[(periods[doc] - first) * outlets + segment.outletNumber(doc)] += 1
        }
        self.totals = totals
        documents = dated.count
        tooCoarse = periods.count - dated.count
    }
}
