import JibangBase

/// Keys of the term index: Hangul syllables, Hangul syllable pairs, and Latin words, in one
/// 64-bit space so one sorted table holds them all.
enum PostingKey {
    @inline(__always) static func unigram(_ s: UInt16) -> UInt64 { 0x1_0000_0000 | UInt64(s) }
    @inline(__always) static func bigram(_ a: UInt16, _ b: UInt16) -> UInt64 { 0x2_0000_0000_0000 | UInt64(a) << 16 | UInt64(b) }
    @inline(__always) static func isBigram(_ key: UInt64) -> Bool { key >> 32 == 0x2_0000 }

    /// A Latin word (lower-case ASCII bytes) by its 63-bit FNV-1a hash. Collisions only add
    /// candidates, which verification removes.
    @inline(__always) static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        1 << 63 | FNV1a.hash(bytes) >> 1
    }

    static func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer(word) }
}

/// Delta + LEB128 varint coding of ascending document numbers; a positional list follows
/// each document number with the key's first position in that document, rounded down to a
/// multiple of 16 (a plain varint of position / 16: one byte for the first 2,048 syllables).
enum PostingCoding {
    /// Positions are kept in blocks of 2^4 = 16 syllables: one byte for most documents, and
    /// a verification scan starts at most 15 syllables early.
    static let positionShift: UInt32 = 4

    static func append(_ docs: ArraySlice<UInt32>, positions: ArraySlice<UInt32>? = nil, to out: inout [UInt8]) {
        @inline(__always) func varint(_ value: UInt32) {
            var value = value
            while value >= 0x80 {
                out.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            out.append(UInt8(value))
        }
        var previous: UInt32 = 0
        var p = positions?.startIndex ?? 0
        for (i, doc) in docs.enumerated() {
            varint(i == 0 ? doc : doc - previous)
            previous = doc
            if let positions {
                varint(positions[p] >> PostingCoding.positionShift)
                p += 1
            }
        }
    }

    @inline(__always)
    static func varint(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = bytes[i]
            i += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Calls `body` with each document number in `bytes`, ascending.
    /// Calls `body` with each document number in `bytes`, ascending, and its first position
    /// (0 unless `positional`).
    @inline(__always)
    static func forEach(_ bytes: UnsafeRawBufferPointer, positional: Bool = false, _ body: (UInt32, UInt32) -> Void) {
        var i = 0
        var doc: UInt32 = 0
        var first = true
        let n = bytes.count
        while i < n {
            let value = varint(bytes, &i)
            doc = first ? value : doc + value
            first = false
            body(doc, positional ? varint(bytes, &i) : 0)
        }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, positional: Bool = false) -> [UInt32] {
        var docs: [UInt32] = []
        forEach(bytes, positional: positional) { doc, _ in docs.append(doc) }
        return docs
    }

    /// The document numbers and their first positions.
    static func decodeWithPositions(_ bytes: UnsafeRawBufferPointer) -> (docs: [UInt32], positions: [UInt32]) {
        var docs: [UInt32] = []
        var positions: [UInt32] = []
        forEach(bytes, positional: true) { doc, position in
            docs.append(doc)
            positions.append(position << positionShift)
        }
        return (docs, positions)
    }
}
