/// Keys of the term index: Hangul syllables, Hangul syllable pairs, and Latin words, in one
/// 64-bit space so one sorted table holds them all.
enum PostingKey {
    @inline(__always) static func unigram(_ s: UInt16) -> UInt64 { 0x1_0000_0000 | UInt64(s) }
    @inline(__always) static func bigram(_ a: UInt16, _ b: UInt16) -> UInt64 { 0x2_0000_0000_0000 | UInt64(a) << 16 | UInt64(b) }

    /// A Latin word (lower-case ASCII bytes) by its 63-bit FNV-1a hash. Collisions only add
    /// candidates, which verification removes.
    @inline(__always) static func word(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return 1 << 63 | hash >> 1
    }

    static func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer(word) }
}

/// Delta + LEB128 varint coding of ascending document numbers.
enum PostingCoding {
    static func append(_ docs: some Collection<UInt32>, to out: inout [UInt8]) {
        var previous: UInt32 = 0
        for (i, doc) in docs.enumerated() {
            var delta = i == 0 ? doc : doc - previous
            previous = doc
            while delta >= 0x80 {
                out.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            out.append(UInt8(delta))
        }
    }

    /// Calls `body` with each document number in `bytes`, ascending.
    @inline(__always)
    static func forEach(_ bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Void) {
        var i = 0
        var doc: UInt32 = 0
        var first = true
        let n = bytes.count
        while i < n {
            var value: UInt32 = 0
            var shift: UInt32 = 0
            while true {
                let byte = bytes[i]
                i += 1
                value |= UInt32(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            doc = first ? value : doc + value
            first = false
            body(doc)
        }
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt32] {
        var docs: [UInt32] = []
        forEach(bytes) { docs.append($0) }
        return docs
    }
}
