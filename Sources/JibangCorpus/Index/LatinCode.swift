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

    /// Non-overlapping occurrences of the coded word sequence `needle` in `text`.
    static func count(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, firstOnly: Bool) -> Int {
        CodedSearch.count(needle, in: text, from: 0, firstOnly: firstOnly) { base, j in j == 0 || base[j - 1] < 0x80 }
    }
}
