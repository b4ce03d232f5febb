/// Romanisations generated from Hangul, for the spellings the press writes that no table
/// lists: Revised Romanization syllable by syllable, keeping the North Korean initial sound and
/// skipping the sound changes between syllables (룡천 → Ryongcheon, 은률 → Eunryul, 강령 →
/// Gangryeong, 천리마 → Cheonrima). Pure; O(n) in the length of the name.
public enum Romanization {
    static let initials = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
    static let vowels = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
    ]
    static let finals = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t",
        "p", "t",
    ]

    /// Each Hangul syllable in its Revised Romanization on its own; other characters dropped.
    public static func syllableBySyllable(_ hangul: String) -> String {
        var out = ""
        for scalar in hangul.unicodeScalars where Hangul.isSyllable(scalar) {
            let index = Int(scalar.value) - 0xAC00
            out += initials[index / (21 * 28)] + vowels[(index % (21 * 28)) / 28] + finals[index % 28]
        }
        return out
    }
}
