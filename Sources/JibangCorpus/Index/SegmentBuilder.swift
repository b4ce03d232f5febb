import KoreanText

/// One document as the index needs it.
public struct IndexedDocument: Sendable {
    /// The store's row id, to fetch the full document back.
    public var rowID: Int64
    public var outlet: String
    /// First day the date covers (days since 1970-01-01) and its precision (0 day, 1 month, 2 year).
    public var day: Int32
    public var precision: UInt8
    public var text: SearchText

    public init(rowID: Int64, outlet: String, date: PartialDate, text: SearchText) {
        self.rowID = rowID
        self.outlet = outlet
        self.day = Int32(date.firstDayNumber)
        self.precision = date.day != nil ? 0 : date.month != nil ? 1 : 2
        self.text = text
    }
}

/// Builds an immutable index segment: the documents' search texts and metadata, and a
/// posting list (ascending document numbers, delta-varint coded) for every Hangul syllable,
/// Hangul syllable pair and Latin word. O(total text) with one hash probe per syllable pair.
public struct SegmentBuilder {
    var docs: [IndexedDocument] = []
    var outlets: [String] = []
    var outletIndex: [String: UInt16] = [:]

    // Unigram postings: directly indexed by syllable.
    var unigramLast = [UInt32](repeating: .max, count: 11_172)
    var unigramLists = [[UInt32]](repeating: [], count: 11_172)
    // Pair and word postings: open-addressing table key → slot.
    var table = KeyTable()
    var lists: [[UInt32]] = []
    var last: [UInt32] = []

    public init() {}

    public var count: Int { docs.count }

    /// Adds a document; it gets the next document number.
    public mutating func add(_ document: IndexedDocument) {
        let number = UInt32(docs.count)
        if outletIndex[document.outlet] == nil {
            outletIndex[document.outlet] = UInt16(outlets.count)
            outlets.append(document.outlet)
        }
        document.text.hangul.withUnsafeBufferPointer { h in
            let n = h.count
            var i = 0
            while i < n {
                let s = h[i]
                if s != SearchText.separator {
                    let u = Int(s) - 0xAC00
                    if unigramLast[u] != number {
                        unigramLast[u] = number
                        unigramLists[u].append(number)
                    }
                    if i + 1 < n, h[i + 1] != SearchText.separator {
                        note(PostingKey.bigram(s, h[i + 1]), number)
                    }
                }
                i += 1
            }
        }
        document.text.latin.withUnsafeBufferPointer { l in
            var start = 0
            for i in 0..<l.count where l[i] == 0x20 {
                if i > start { note(PostingKey.word(UnsafeBufferPointer(rebasing: l[start..<i])), number) }
                start = i + 1
            }
        }
        docs.append(document)
    }

    @inline(__always)
    mutating func note(_ key: UInt64, _ number: UInt32) {
        let slot = table.slot(for: key, next: lists.count)
        if slot == lists.count {
            lists.append([number])
            last.append(number)
        } else if last[slot] != number {
            last[slot] = number
            lists[slot].append(number)
        }
    }

    /// The segment's bytes (see `Segment` for the layout) and how many of them are the index
    /// proper (posting keys, offsets and lists).
    public func build() -> (bytes: [UInt8], indexBytes: Int) {
        var keys: [(UInt64, Int)] = []
        for (u, list) in unigramLists.enumerated() where !list.isEmpty { keys.append((PostingKey.unigram(UInt16(u + 0xAC00)), -1 - u)) }
        for (key, slot) in table.entries() { keys.append((key, slot)) }
        keys.sort { $0.0 < $1.0 }
        var postings: [UInt8] = []
        var offsets: [UInt32] = [0]
        postings.reserveCapacity(docs.count * 512)
        for (_, slot) in keys {
            PostingCoding.append(slot < 0 ? unigramLists[-1 - slot] : lists[slot], to: &postings)
            offsets.append(UInt32(postings.count))
        }
        var writer = SegmentWriter()
        writer.header(docCount: docs.count, outlets: outlets)
        writer.section(docs.map(\.rowID))
        writer.section(docs.map(\.day))
        writer.section(docs.map(\.precision))
        writer.section(docs.map { outletIndex[$0.outlet]! })
        var hangulOffsets: [UInt32] = [0], latinOffsets: [UInt32] = [0]
        var hangul: [UInt16] = [], latin: [UInt8] = []
        hangul.reserveCapacity(docs.reduce(0) { $0 + $1.text.hangul.count })
        latin.reserveCapacity(docs.reduce(0) { $0 + $1.text.latin.count })
        for doc in docs {
            hangul.append(contentsOf: doc.text.hangul)
            hangulOffsets.append(UInt32(hangul.count))
            latin.append(contentsOf: doc.text.latin)
            latinOffsets.append(UInt32(latin.count))
        }
        writer.section(hangulOffsets)
        writer.section(hangul)
        writer.section(latinOffsets)
        writer.section(latin)
        writer.section(keys.map(\.0))
        writer.section(offsets)
        writer.section(postings)
        return (writer.finish(), keys.count * 8 + offsets.count * 4 + postings.count)
    }
}

/// Open addressing from 64-bit keys to dense slot numbers. Linear probing, power-of-two size,
/// grows at 50% load.
struct KeyTable {
    var keys = [UInt64](repeating: 0, count: 1 << 16)
    var slots = [Int32](repeating: -1, count: 1 << 16)
    var count = 0

    /// The slot of `key`, inserting it as `next` when new.
    @inline(__always)
    mutating func slot(for key: UInt64, next: Int) -> Int {
        if count * 2 >= keys.count { grow() }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let slot = slots[i]
            if slot < 0 {
                keys[i] = key
                slots[i] = Int32(next)
                count += 1
                return next
            }
            if keys[i] == key { return Int(slot) }
            i = (i + 1) & mask
        }
    }

    mutating func grow() {
        let oldKeys = keys, oldSlots = slots
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        slots = [Int32](repeating: -1, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (key, slot) in zip(oldKeys, oldSlots) where slot >= 0 {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            keys[i] = key
            slots[i] = slot
        }
    }

    func entries() -> [(UInt64, Int)] {
        zip(keys, slots).compactMap { $1 >= 0 ? ($0, Int($1)) : nil }
    }
}

/// Lays out sections 8-byte aligned after a header that records their offsets.
struct SegmentWriter {
    static let magic = Array("JBXSEG01".utf8)
    static let sectionCount = 11
    var bytes: [UInt8] = []
    var sectionOffsets: [UInt64] = []
    var headerEnd = 0

    mutating func header(docCount: Int, outlets: [String]) {
        bytes = Self.magic
        append(UInt64(docCount))
        append(UInt64(outlets.count))
        for outlet in outlets {
            let utf8 = Array(outlet.utf8)
            append(UInt64(utf8.count))
            bytes += utf8
            align()
        }
        headerEnd = bytes.count
        // Room for the section table, filled in by finish().
        bytes += [UInt8](repeating: 0, count: 16 * Self.sectionCount)
    }

    mutating func section<T>(_ values: [T]) {
        align()
        let start = bytes.count
        values.withUnsafeBytes { bytes += $0 }
        sectionOffsets += [UInt64(start), UInt64(bytes.count - start)]
    }

    mutating func finish() -> [UInt8] {
        precondition(sectionOffsets.count == 2 * Self.sectionCount)
        for (i, value) in sectionOffsets.enumerated() {
            withUnsafeBytes(of: value.littleEndian) { raw in
                for (j, byte) in raw.enumerated() { bytes[headerEnd + i * 8 + j] = byte }
            }
        }
        return bytes
    }

    mutating func append(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func align() { while bytes.count % 8 != 0 { bytes.append(0) } }
}
