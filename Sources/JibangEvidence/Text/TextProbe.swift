#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text prepared for many substring tests: its UTF-8 bytes, searched with `memchr` for the
/// first byte and `memcmp` for the rest (Foundation's `contains` folds characters and is many
/// times slower for cue lists).
public struct TextProbe: Sendable {
    let bytes: [UInt8]

    public init(_ text: String) { bytes = Array(text.utf8) }

    /// True when `needle` occurs in the text, byte for byte (both NFC).
    public func contains(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard let first = n.first else { return true }
            return bytes.withUnsafeBytes { h in
                guard let base = h.baseAddress, h.count >= n.count else { return false }
                var offset = 0
                let last = h.count - n.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
