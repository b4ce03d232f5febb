#if canImport(Glibc)
import Glibc
#endif

/// Byte search in a segment's coded texts (`HangulCode`, `LatinCode`), shared by both codes:
/// the codes differ only in how a match shows that it starts on a code boundary.
enum CodedSearch {
    /// Non-overlapping occurrences of `needle` in `text` from `start`, counting only matches
    /// at which `isBoundary(text, j)` holds. memchr finds the needle's highest byte (codes rank
    /// symbols and words by frequency, so high bytes are the rare ones), memcmp the rest.
    @inline(__always)
    static func count(
        _ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int, firstOnly: Bool,
        isBoundary: (UnsafePointer<UInt8>, Int) -> Bool
    ) -> Int {
        let m = needle.count
        let n = text.count
        guard m > 0, let base = text.baseAddress, let pattern = needle.baseAddress else { return 0 }
        var a = 0
        for k in 1..<m where needle[k] > needle[a] { a = k }
        let probe = Int32(needle[a])
        var i = max(0, start)
        var count = 0
        while i + m <= n {
            // The probe byte of a match starting at or after i lies at or after i + a.
            guard let found = memchr(base + i + a, probe, n - m - i + 1) else { break }
            let j = UnsafeRawPointer(found) - UnsafeRawPointer(base) - a
            if memcmp(base + j, pattern, m) == 0 && isBoundary(base, j) {
                count += 1
                if firstOnly { return count }
                i = j + m
            } else {
                i = j + 1
            }
        }
        return count
    }
}
