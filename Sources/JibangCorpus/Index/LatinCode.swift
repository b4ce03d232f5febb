#if canImport(Glibc)
import Glibc
#endif

/// The word code of a segment's Latin search text (format 3): each segment ranks its words
/// by frequency and writes each word as its rank in base 128, most significant digit first,
/// every byte but the last with its high bit set. The 128 most frequent words take one byte,
/// the next 16,256 two: English news runs about 1.5 bytes a word instead of 6 letters and a
/// space. A byte below 0x80 ends a word, so a match starts on a word boundary exactly when
/// the byte before it is below 0x80 (or it starts the text).
enum LatinCode {
    /// Appends the code of rank `rank`.
    static func append(rank: Int, to out: inout [UInt8]) {
        var digits = 1
        while digits < 5 && rank >> (7 * digits) != 0 { digits += 1 }
        for d in stride(from: digits - 1, through: 1, by: -1) { out.append(0x80 | UInt8((rank >> (7 * d)) & 0x7F)) }
        out.append(UInt8(rank & 0x7F))
    }

    /// Non-overlapping occurrences of the coded word sequence `needle` in `text`: memchr finds
    /// the needle's highest byte (high digits and rare ranks are the rarer bytes), memcmp
    /// compares the rest, and only matches on a word boundary count.
    static func count(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, firstOnly: Bool) -> Int {
        let m = needle.count
        let n = text.count
        guard m > 0, let base = text.baseAddress, let pattern = needle.baseAddress else { return 0 }
        var a = 0
        for k in 1..<m where needle[k] > needle[a] { a = k }
        let probe = Int32(needle[a])
        var i = 0
        var count = 0
        while i + m <= n {
            guard let found = memchr(base + i + a, probe, n - m - i + 1) else { break }
            let j = UnsafeRawPointer(found) - UnsafeRawPointer(base) - a
            if (j == 0 || base[j - 1] < 0x80) && memcmp(base + j, pattern, m) == 0 {
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
