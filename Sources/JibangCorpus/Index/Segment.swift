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
/// Version 3 (`JBXSEG03`, 17 sections) codes the Hangul text in bytes (`HangulCode`: its
/// offsets and first positions count bytes) and the Latin text by words (`LatinCode`), keeps
/// dense posting lists as bitmaps (a bit per key marks them, section 12), and adds the code
/// tables: the Hangul symbols by rank (13), the Latin words by rank (14), where each ends
/// (15) and the ranks in the words' byte order (16). Versions 1 (`JBXSEG01`, 11 sections, no
/// positions) and 2 are read too.
public final class Segment: @unchecked Sendable {
    // @unchecked: immutable after init; the bytes live until deinit.
    let base: UnsafeRawPointer
    let size: Int
    let release: @Sendable () -> Void
    public let count: Int
    public let outlets: [String]
    /// 1 (no positions), 2 (first positions for rare syllable pairs) or 3 (coded search texts,
    /// bitmaps).
    public let formatVersion: Int
    /// The format `SegmentBuilder` writes.
    public static let currentFormatVersion = 3
    let rowIDs: UnsafePointer<Int64>
    let days: UnsafePointer<Int32>
    let precisions: UnsafePointer<UInt8>
    let outletNumbers: UnsafePointer<UInt16>
    let hangulOffsets: UnsafePointer<UInt32>
    /// The Hangul text in versions 1 and 2 (UTF-16 code units); in version 3, `coded`.
    let hangul: UnsafePointer<UInt16>
    let coded: UnsafePointer<UInt8>
    /// Version 3: each symbol slot's rank (its code), `HangulCode.absent` when not in the
    /// segment; built from the code table at open (22 KB, a few microseconds).
    let rankOfSlot: UnsafeMutablePointer<UInt16>?
    /// Bit k set: key k's list is a bitmap of the segment's documents. Nil before version 3.
    let bitmaps: UnsafePointer<UInt8>?
    /// Version 3: the Latin words by rank (their bytes, where each ends), and the ranks in the
    /// words' byte order.
    let latinWords: UnsafePointer<UInt8>?
    let latinWordEnds: UnsafePointer<UInt32>?
    let latinByBytes: UnsafeBufferPointer<UInt32>
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
    /// Per version and reprint choice, whether each document is hidden (another version of it
    /// is the one read, or it reprints a document counted instead); nil when none is, as in
    /// nearly every segment. The segment file is immutable: the masks come from the store when
    /// the segment is opened.
    let masks: [VersionChoice: [ReprintChoice: [Bool]?]]

    /// Which documents `options` hide (other versions, and reprints when each cluster counts
    /// once), per document; nil when none.
    @inline(__always) func hidden(_ options: MatchOptions) -> [Bool]? {
        masks[options.versions]![options.reprints]!
    }

    /// A segment over a copy of `bytes` (tests, freshly built segments).
    public convenience init(bytes: [UInt8], hidden: HiddenRows = HiddenRows()) throws {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 16)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        let address = UInt(bitPattern: memory)
        try self.init(
            base: UnsafeRawPointer(memory), size: bytes.count, hidden: hidden, release: { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
        )
    }

    /// A segment over a memory-mapped file: opening is O(1) and pages load on demand.
    public convenience init(path: String, hidden: HiddenRows = HiddenRows()) throws {
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
            base: UnsafeRawPointer(mapped), size: size, hidden: hidden,
            release: {
                munmap(UnsafeMutableRawPointer(bitPattern: address), size)
            })
    }

    init(base raw: UnsafeRawPointer, size: Int, hidden: HiddenRows = HiddenRows(), release: @escaping @Sendable () -> Void) throws {
        self.base = raw
        self.size = size
        self.release = release
        func u64(_ at: Int) -> Int { Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        let magic = size >= 24 ? Array(UnsafeRawBufferPointer(start: raw, count: 8)) : []
        guard let version = SegmentWriter.magics.first(where: { $0.value == magic })?.key else {
            release()
            throw SegmentError.notASegment
        }
        formatVersion = version
        let sectionCount = SegmentWriter.sectionCounts[version]!
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
        guard sections.allSatisfy({ $0.0 + $0.1 <= size }), sectionCount < 12 || sections[11].1 * 8 >= sections[8].1 / 8,
            sectionCount < 17
                || (sections[12].1 * 8 >= sections[8].1 / 8 && sections[13].1 <= HangulCode.slots * 2 && sections[15].1 == sections[16].1
                    && (sections[15].1 == 0 || Self.lastWordEnd(raw + sections[15].0, sections[15].1) == sections[14].1))
        else {
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
        coded = pointer(5, UInt8.self)
        latinWords = sectionCount > 16 ? pointer(14, UInt8.self) : nil
        latinWordEnds = sectionCount > 16 ? pointer(15, UInt32.self) : nil
        latinByBytes = UnsafeBufferPointer(
            start: sectionCount > 16 ? pointer(16, UInt32.self) : nil, count: sectionCount > 16 ? sections[16].1 / 4 : 0)
        bitmaps = sectionCount > 12 ? pointer(12, UInt8.self) : nil
        if sectionCount > 13 {
            let table = UnsafeMutablePointer<UInt16>.allocate(capacity: HangulCode.slots)
            table.initialize(repeating: HangulCode.absent, count: HangulCode.slots)
            let symbols = pointer(13, UInt16.self)
            for rank in 0..<(sections[13].1 / 2) {
                let slot = HangulCode.slot(symbols[rank])
                guard slot >= 0 && slot < HangulCode.slots else {
                    table.deallocate()
                    release()
                    throw SegmentError.notASegment
                }
                table[slot] = UInt16(rank)
            }
            rankOfSlot = table
        } else {
            rankOfSlot = nil
        }
        latinOffsets = pointer(6, UInt32.self)
        latin = pointer(7, UInt8.self)
        keys = UnsafeBufferPointer(start: pointer(8, UInt64.self), count: sections[8].1 / 8)
        postingOffsets = pointer(9, UInt32.self)
        postings = pointer(10, UInt8.self)
        positional = sectionCount > 11 ? pointer(11, UInt8.self) : nil
        indexBytes = sections[8..<min(sectionCount, 13)].reduce(0) { $0 + $1.1 }
        let rows = UnsafeBufferPointer(start: pointer(0, Int64.self), count: u64(8))
        func mask(_ hiddenRows: Set<Int64>) -> [Bool]? {
            guard !hiddenRows.isEmpty else { return nil }
            let mask = rows.map { hiddenRows.contains($0) }
            return mask.contains(true) ? mask : nil
        }
        let latest = mask(hidden.fromLatest)
        let first = mask(hidden.fromFirst)
        let reprints = mask(hidden.reprints)
        func union(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
            guard let a, let b else { return a ?? b }
            return zip(a, b).map { $0 || $1 }
        }
        masks = [
            VersionChoice.latest: [ReprintChoice.each: latest, .once: union(latest, reprints)],
            .first: [.each: first, .once: union(first, reprints)],
        ]
    }

    deinit {
        rankOfSlot?.deallocate()
        release()
    }

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

    static func lastWordEnd(_ ends: UnsafeRawPointer, _ bytes: Int) -> Int {
        Int(ends.loadUnaligned(fromByteOffset: bytes - 4, as: UInt32.self))
    }

    /// Version 3: the bytes of the word of rank `rank`.
    @inline(__always) func latinWord(rank: Int) -> UnsafeBufferPointer<UInt8> {
        let start = rank == 0 ? 0 : Int(latinWordEnds![rank - 1])
        return UnsafeBufferPointer(start: latinWords! + start, count: Int(latinWordEnds![rank]) - start)
    }

    /// Version 3: the rank of a Latin word, or nil when no document of the segment has it.
    /// O(log words).
    func latinRank(_ word: ArraySlice<UInt8>) -> Int? {
        var low = 0
        var high = latinByBytes.count
        while low < high {
            let mid = (low + high) / 2
            if latinWord(rank: Int(latinByBytes[mid])).lexicographicallyPrecedes(word) { low = mid + 1 } else { high = mid }
        }
        guard low < latinByBytes.count, latinWord(rank: Int(latinByBytes[low])).elementsEqual(word) else { return nil }
        return Int(latinByBytes[low])
    }

    /// Version 3: a document's coded Hangul text.
    @inline(__always) func codedText(_ doc: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: coded + Int(hangulOffsets[doc]), count: Int(hangulOffsets[doc + 1] - hangulOffsets[doc]))
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
        let isBitmap = bitmaps.map { $0[low / 8] & (1 << (low % 8)) != 0 } ?? false
        return PostingList(
            bytes: UnsafeRawBufferPointer(start: postings + start, count: end - start), positional: hasPositions, bitmap: isBitmap)
    }

    /// The segment's numbers for the outlets named, or nil (every outlet) when none is named.
    func outletNumbers(named names: [String]) -> Set<Int>? {
        names.isEmpty ? nil : Set(outlets.indices.filter { names.contains(outlets[$0]) })
    }
}

/// The row ids each version choice hides: the versions of edited documents that it does not
/// read. What the store gives a segment when opening it.
public struct HiddenRows: Sendable, Equatable {
    /// Versions superseded by a later-observed one.
    public var fromLatest: Set<Int64> = []
    /// Versions observed after a document's first.
    public var fromFirst: Set<Int64> = []
    /// Reprints: members of a near-duplicate cluster other than its first (hidden when each
    /// cluster is counted once).
    public var reprints: Set<Int64> = []

    public init(fromLatest: Set<Int64> = [], fromFirst: Set<Int64> = [], reprints: Set<Int64> = []) {
        self.fromLatest = fromLatest
        self.fromFirst = fromFirst
        self.reprints = reprints
    }
}

public enum SegmentError: Error, Sendable {
    case notASegment
    case unreadable(String)
}

// MARK: - Matching one pattern
