import CompressNIO
public import JibangBase
import KoreanText
import NIOCore

/// A document's text as the store keeps it: once, compressed (raw deflate, zlib). When NFC
/// changed the text on the way in, the packed text is the one that arrived, and the body is
/// its NFC form: the original is kept byte for byte without storing the text twice (NFC of
/// assigned characters is stable across Unicode versions).
public struct PackedText: Sendable, Hashable {
    /// The raw deflate stream.
    public let bytes: [UInt8]
    /// UTF-8 bytes of the packed text, so unpacking allocates once.
    public let length: Int
    /// The packed text is the original as it arrived; the body is its NFC form.
    public let isOriginal: Bool

    public init(bytes: [UInt8], length: Int, isOriginal: Bool) {
        self.bytes = bytes
        self.length = length
        self.isOriginal = isOriginal
    }

    /// The body (NFC) and, when NFC changed it, the text as it arrived.
    public func unpack() throws(JibangError) -> (body: String, original: String?) {
        var input = ByteBuffer(bytes: bytes)
        var output = ByteBufferAllocator().buffer(capacity: max(length, 1))
        do {
            try input.decompress(to: &output, with: .deflate())
        } catch {
            throw .storage("a stored document text is damaged (\(error)); restore the store from a backup")
        }
        guard output.readableBytes == length, let text = output.readString(length: length) else {
            throw .storage(
                "a stored document text unpacked to \(output.readableBytes) bytes, not the \(length) recorded; restore the store from a backup")
        }
        guard isOriginal else { return (text, nil) }
        return (TextNormalizer.nfc(text), text)
    }
}

/// Packs document texts, reusing one zlib stream (not thread-safe: one per thread).
public final class TextPacker {
    private let compressor: ZlibCompressor
    private var output = ByteBufferAllocator().buffer(capacity: 1 << 16)

    /// Level 3 with 32 KB of hash memory: within 4 % of level 6's size on news text, at about
    /// twice its speed (what ingest can afford).
    public init() {
        // Only fails when memory is exhausted.
        compressor = try! ZlibCompressor(
            algorithm: .deflate, configuration: ZlibConfiguration(compressionLevel: .compressionLevel3, memoryLevel: .memory32K))
    }

    /// The document's text, packed: the original when NFC changed it, else the body.
    public func pack(_ document: Document) -> PackedText {
        let text = document.original ?? document.body
        return PackedText(bytes: pack(text), length: text.utf8.count, isOriginal: document.original != nil)
    }

    /// Packs `body` (already NFC) and keeps `original` when it differs: what a store converts its
    /// older, unpacked rows with. The original is packed only when NFC of it gives the body back.
    public func pack(body: String, original: String?) -> PackedText {
        if let original, TextNormalizer.nfc(original).unicodeScalars.elementsEqual(body.unicodeScalars) {
            return PackedText(bytes: pack(original), length: original.utf8.count, isOriginal: true)
        }
        return PackedText(bytes: pack(body), length: body.utf8.count, isOriginal: false)
    }

    func pack(_ text: String) -> [UInt8] {
        var input = ByteBufferAllocator().buffer(capacity: text.utf8.count)
        input.writeString(text)
        output.clear()
        let bound = compressor.maxSize(from: input)
        if output.capacity < bound { output.reserveCapacity(bound) }
        // A fresh stream per text: each unpacks on its own. Cannot overflow: the buffer holds deflateBound.
        try! compressor.reset()
        try! compressor.deflate(from: &input, to: &output, flush: .finish)
        return output.readBytes(length: output.readableBytes) ?? []
    }
}
