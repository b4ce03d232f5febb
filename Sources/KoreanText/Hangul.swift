/// Facts about precomposed Hangul syllables (U+AC00–U+D7A3) that the folding rules need.
///
/// A syllable's scalar value is `0xAC00 + (initial × 21 + medial) × 28 + final`, so its jamo can
/// be read and replaced arithmetically without lookup tables.
public enum Hangul {
    static let first: UInt32 = 0xAC00
    static let last: UInt32 = 0xD7A3

    /// Initial consonant indices used by the North/South Korean initial-sound rule.
    static let nieun = 2, rieul = 5, ieung = 11

    /// True when `scalar` is a precomposed Hangul syllable.
    public static func isSyllable(_ scalar: Unicode.Scalar) -> Bool {
        (first...last).contains(scalar.value)
    }

    /// True when `text` contains at least one Hangul syllable.
    public static func containsHangul(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isSyllable)
    }

    /// Medial vowels that start with a y- or i-sound (ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ): before them South
    /// Korean spelling drops an initial ㄹ or ㄴ altogether.
    static let iotizedMedials: Set<Int> = [2, 3, 6, 7, 12, 17, 20]

    /// The South Korean spelling of one syllable at the start of a word (두음법칙): 로→노, 리→이,
    /// 녀→여, 락→낙, 룡→용. Syllables the rule does not touch come back unchanged.
    public static func southKoreanInitial(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard isSyllable(scalar) else { return scalar }
        let index = Int(scalar.value - first)
        let initial = index / (21 * 28)
        let medial = (index / 28) % 21
        let final = index % 28
        let replacement: Int
        switch initial {
        case rieul: replacement = iotizedMedials.contains(medial) ? ieung : nieun
        case nieun where iotizedMedials.contains(medial): replacement = ieung
        default: return scalar
        }
        let value = first + UInt32((replacement * 21 + medial) * 28 + final)
        return Unicode.Scalar(value) ?? scalar
    }
}
