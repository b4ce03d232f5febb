import KoreanText

/// A built segment whose row ids may still be placeholders; `setRowIDs` writes the real ones
/// once the documents are stored, without rebuilding anything.
public struct BuiltSegment: Sendable {
    public private(set) var bytes: [UInt8]
    /// Bytes of the posting keys, offsets and lists.
    public let indexBytes: Int
    let rowIDsOffset: Int
    /// Documents in the segment.
    public let count: Int

    /// Writes the documents' row ids, in the order they were added.
    public mutating func setRowIDs(_ rowIDs: [Int64]) {
        precondition(rowIDs.count == count)
        let offset = rowIDsOffset
        bytes.withUnsafeMutableBytes { raw in
            for (i, rowID) in rowIDs.enumerated() { raw.storeBytes(of: rowID.littleEndian, toByteOffset: offset + 8 * i, as: Int64.self) }
        }
    }
}
