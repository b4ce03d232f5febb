import Foundation

/// The forms of a text that term search runs on, built once at ingest.
///
/// - `hangul`: the Hangul syllables as UTF-16 code units with spaces removed, so 지방 공업 and
///   지방공업 read the same; any other run of characters (punctuation, Latin, digits, line
///   breaks) becomes one `SearchText.separator`, so a term never matches across a sentence end.
/// - `latin`: lower-case ASCII letters and digits; every other run of characters (spaces,
///   hyphens, punctuation) becomes one space, with a space at each end, so "regional-industry"
///   reads "regional industry" and word boundaries are spaces. Diacritics are dropped.
///
/// O(n) in the text; the input should be NFC.
public struct SearchText: Sendable, Equatable {
    public var hangul: [UInt16]
    public var latin: [UInt8]

    /// Stands between Hangul runs that were separated by something other than spaces.
    public static let separator: UInt16 = 0x20

    public init(_ text: String) {
        var text = text
        var hangul: [UInt16] = []
        var latin: [UInt8] = [0x20]
        text.withUTF8 { bytes in
            hangul.reserveCapacity(bytes.count / 3)
            latin.reserveCapacity(bytes.count / 4)
            var pendingSeparator = false
            var i = 0
            let n = bytes.count
            // Reads UTF-8 directly (the text is valid UTF-8): ASCII and Hangul syllables, nearly
            // all of a corpus, take the short paths.
            while i < n {
                let lead = bytes[i]
                var v: UInt32
                if lead < 0x80 {
                    v = UInt32(lead)
                    i += 1
                } else if lead < 0xE0 {
                    v = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead < 0xF0 {
                    v = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    v =
                        (UInt32(lead & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12) | (UInt32(bytes[i + 2] & 0x3F) << 6)
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                if v >= 0xAC00 && v <= 0xD7A3 {
                    if pendingSeparator && !hangul.isEmpty { hangul.append(Self.separator) }
                    pendingSeparator = false
                    hangul.append(UInt16(v))
                    if latin.last != 0x20 { latin.append(0x20) }
                    continue
                }
                if v == 0x20 || v == 0x09 || v == 0x3000 || v == 0xA0 {
                    if latin.last != 0x20 { latin.append(0x20) }
                    continue
                }
                pendingSeparator = true
                if let folded = Self.latinFold(v) {
                    latin.append(folded)
                } else if v >= 0xC0 && v < 0x250, let scalar = Unicode.Scalar(v), let base = Self.baseLetter(scalar) {
                    latin.append(base)
                } else if latin.last != 0x20 {
                    latin.append(0x20)
                }
            }
        }
        if latin.last != 0x20 { latin.append(0x20) }
        self.hangul = hangul
        self.latin = latin
    }

    /// The Hangul form of a query term: its syllables only, spaces dropped.
    public static func hangulForm(_ term: String) -> [UInt16] {
        term.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap { s in
            (0xAC00...0xD7A3).contains(s.value) ? UInt16(s.value) : nil
        }
    }

    /// The Latin form of a query term, with a space at each end (a whole-word pattern).
    public static func latinForm(_ term: String) -> [UInt8] { SearchText(term).latin }

    @inline(__always)
    static func latinFold(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x61...0x7A, 0x30...0x39: UInt8(v)
        case 0x41...0x5A: UInt8(v + 32)
        case 0xD7: 0x78  // × as in "20×10" reads x
        default: nil
        }
    }

    static func baseLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first.flatMap { latinFold($0.value) }
    }
}
