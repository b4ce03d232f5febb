import KoreanText

/// Lays out sections 8-byte aligned after a header that records their offsets.
struct SegmentWriter {
    /// Each format's magic and section count, by version: version 2 added the positional
    /// flags (section 11); version 3 codes the Hangul text in bytes and adds bitmap flags (12),
    /// the Hangul symbols by rank (13), and codes the Latin text by words: the words by rank
    /// (14), where each ends (15) and the ranks in the words' byte order (16). Every version is still read.
    static let magics = [1: Array("JBXSEG01".utf8), 2: Array("JBXSEG02".utf8), 3: Array("JBXSEG03".utf8)]
    static let sectionCounts = [1: 11, 2: 12, 3: 17]
    let version: Int
    var bytes: [UInt8] = []
    var sectionOffsets: [UInt64] = []
    var headerEnd = 0

    init(version: Int) { self.version = version }

    var sectionCount: Int { Self.sectionCounts[version]! }

    mutating func header(docCount: Int, outlets: [String]) {
        bytes = Self.magics[version]!
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
        bytes += [UInt8](repeating: 0, count: 16 * sectionCount)
    }

    mutating func section<T>(_ values: [T]) {
        align()
        let start = bytes.count
        values.withUnsafeBytes { bytes += $0 }
        sectionOffsets += [UInt64(start), UInt64(bytes.count - start)]
    }

    mutating func finish() -> [UInt8] {
        precondition(sectionOffsets.count == 2 * sectionCount)
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
