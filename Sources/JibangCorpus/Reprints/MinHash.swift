public import KoreanText

/// A document's one-permutation MinHash signature: every shingle of its search text (four
/// Hangul syllables, or three Latin words) is hashed once; the hash's top bits choose one of
/// 128 buckets and each bucket keeps its smallest hash, stored as 16 bits. The share of equal
/// buckets estimates the Jaccard similarity of two documents' shingle sets (standard error
/// about 0.035). Empty buckets borrow from the next full one (densification). O(text).
public struct MinHash: Sendable, Equatable {
    public static let buckets = 128
    /// Locality-sensitive hashing: 21 bands of 6 buckets; two documents share a band key with
    /// probability 1 − (1 − J⁶)²¹: 0.998 at J = 0.8, 0.27 at J = 0.5, 0.015 at J = 0.3.
    public static let bands = 21
    public static let rows = 6

    /// 16 bits per bucket.
    public let values: [UInt16]

    public init(values: [UInt16]) { self.values = values }

    /// The signature of a search text; nil when it has no shingle (an empty text).
    public init?(_ text: SearchText) {
        var minimum = [UInt64](repeating: .max, count: Self.buckets)
        var any = false
        @inline(__always) func add(_ hash: UInt64) {
            let bucket = Int(hash >> 57)
            let rest = hash & 0x01FF_FFFF_FFFF_FFFF
            if rest < minimum[bucket] { minimum[bucket] = rest }
            any = true
        }
        let h = text.hangul
        if h.count >= 4 {
            for i in 0...(h.count - 4) {
                add(Self.mix(UInt64(h[i]) | UInt64(h[i + 1]) << 16 | UInt64(h[i + 2]) << 32 | UInt64(h[i + 3]) << 48))
            }
        } else if !h.isEmpty {
            add(Self.mix(h.reduce(UInt64(0x5151)) { $0 << 16 | UInt64($1) }))
        }
        var words: [UInt64] = []
        var word: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        for byte in text.latin {
            if byte == 0x20 {
                if inWord { words.append(word) }
                word = 0xcbf2_9ce4_8422_2325
                inWord = false
            } else {
                word = (word ^ UInt64(byte)) &* 0x100_0000_01b3
                inWord = true
            }
        }
        if words.count >= 3 {
            for i in 0...(words.count - 3) {
                add(Self.mix(words[i] ^ (words[i + 1] << 21 | words[i + 1] >> 43) ^ (words[i + 2] << 42 | words[i + 2] >> 22) ^ 0x1A7))
            }
        } else if !words.isEmpty {
            add(Self.mix(words.reduce(0x2B) { $0 ^ $1 }))
        }
        guard any else { return nil }
        var values = [UInt16](repeating: 0, count: Self.buckets)
        for i in 0..<Self.buckets {
            var k = 0
            while minimum[(i + k) % Self.buckets] == .max { k += 1 }
            let borrowed = k == 0 ? minimum[i] : Self.mix(minimum[(i + k) % Self.buckets] ^ UInt64(k) &* 0x9E37_79B9)
            values[i] = UInt16(truncatingIfNeeded: borrowed)
        }
        self.values = values
    }

    /// The signature's bytes as stored (little-endian), and back.
    public var bytes: [UInt8] { values.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.buckets * 2 else { return nil }
        values = (0..<Self.buckets).map { UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8 }
    }

    /// The estimated Jaccard similarity of the two documents' shingles: the share of equal buckets.
    public func similarity(_ other: MinHash) -> Double {
        var equal = 0
        for i in 0..<Self.buckets where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(Self.buckets)
    }

    /// One key per band: documents that share a key are compared.
    public var bandKeys: [UInt64] {
        (0..<Self.bands).map { band in
            var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
            for i in (band * Self.rows)..<((band + 1) * Self.rows) { key = Self.mix(key ^ UInt64(values[i])) }
            return key
        }
    }

    /// SplitMix64's finaliser.
    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Near-duplicate documents grouped: candidates share a band key, and are joined when their
/// signatures agree on at least `threshold` of the buckets. Each cluster is named by its first
/// member (earliest day, then first stored).
public enum ReprintClustering {
    /// One document to cluster.
    public struct Item: Sendable {
        public let rowID: Int64
        public let day: Int
        public let signature: MinHash

        public init(rowID: Int64, day: Int, signature: MinHash) {
            self.rowID = rowID
            self.day = day
            self.signature = signature
        }
    }

    /// Per item, the row id of its cluster's first member (itself when alone). O(n · bands · log n).
    public static func clusters(_ items: [Item], threshold: Double) -> [Int64] {
        var parent = Array(items.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var keyed: [(key: UInt64, item: Int32)] = []
        keyed.reserveCapacity(items.count * MinHash.bands)
        for (i, item) in items.enumerated() {
            for key in item.signature.bandKeys { keyed.append((key, Int32(i))) }
        }
        keyed.sort { ($0.key, $0.item) < ($1.key, $1.item) }
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
            // Each member against the run's first and the one before it: linear in the run.
            if end - start > 1 {
                let first = Int(keyed[start].item)
                for k in (start + 1)..<end {
                    let item = Int(keyed[k].item)
                    for other in Set([first, Int(keyed[k - 1].item)]) where find(item) != find(other) {
                        if items[item].signature.similarity(items[other].signature) >= threshold {
                            parent[find(item)] = find(other)
                        }
                    }
                }
            }
            start = end
        }
        var firstOf: [Int: Int] = [:]
        for i in items.indices {
            let root = find(i)
            if let current = firstOf[root] {
                if (items[i].day, items[i].rowID) < (items[current].day, items[current].rowID) { firstOf[root] = i }
            } else {
                firstOf[root] = i
            }
        }
        return items.indices.map { items[firstOf[find($0)]!].rowID }
    }
}
