import KoreanText

/// The byte code of a segment's Hangul search text (format 3): each segment ranks its symbols
/// (the syllables and `SearchText.separator`) by frequency; the 192 most frequent take one
/// byte (0x00–0xBF), the rest two (a lead byte from 0xC0, then any byte). Korean news uses
/// a few hundred syllables for most of its text, so a syllable takes about 1.1 bytes instead
/// of 2.
///
/// A code is known by its first byte, so a term's code matches text only where the text's
/// codes are the same, provided the match starts on a code boundary; `isBoundary` tells, by
/// looking back over the lead-looking bytes before a position (a byte below 0xC0 always
/// ends a code).
enum HangulCode {
    /// Symbols with one-byte codes.
    static let singles = 192
    /// Symbol slots: the 11,172 syllables, then the separator.
    static let slots = 11_173
    /// The slot table's entry for a symbol the segment does not have.
    static let absent: UInt16 = 0xFFFF

    @inline(__always) static func slot(_ symbol: UInt16) -> Int {
        symbol == SearchText.separator ? 11_172 : Int(symbol) &- 0xAC00
    }

    @inline(__always) static func symbol(slot: Int) -> UInt16 {
        slot == 11_172 ? SearchText.separator : UInt16(slot + 0xAC00)
    }

    /// Appends the code of the symbol of frequency rank `rank`.
    @inline(__always) static func append(rank: Int, to out: inout [UInt8]) {
        if rank < singles {
            out.append(UInt8(rank))
        } else {
            let r = rank - singles
            out.append(UInt8(0xC0 + r >> 8))
            out.append(UInt8(truncatingIfNeeded: r))
        }
    }

    @inline(__always) static func length(rank: Int) -> Int { rank < singles ? 1 : 2 }

    /// Whether a code starts at `j` in `text` (which starts on a boundary).
    @inline(__always) static func isBoundary(_ j: Int, in text: UnsafePointer<UInt8>) -> Bool {
        var k = j - 1
        while k >= 0 && text[k] >= 0xC0 { k -= 1 }
        return (j - 1 - k) % 2 == 0
    }

    /// Non-overlapping occurrences of the coded `needle` in `text`, from `start` (any byte).
    static func count(_ needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from start: Int, firstOnly: Bool) -> Int {
        CodedSearch.count(needle, in: text, from: start, firstOnly: firstOnly) { base, j in isBoundary(j, in: base) }
    }
}
