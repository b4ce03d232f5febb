import KoreanText

/// Lays out sections 8-byte aligned after a header that records their offsets.
struct SegmentWriter {
    /// Version 2 added the positional flags (section 11); version 1 segments are still read.
    static let magic = Array("JBXSEG02".utf8)
    static let magicVersion1 = Array("JBXSEG01".utf8)
    static let sectionCount = 12
    static let sectionCountVersion1 = 11
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
