/// A document's language from its script, for records that name none: Korean when Hangul
/// syllables make up at least a third of its letters, English when Latin letters make up
/// the rest (state media publishes in these two), nil when it has too few letters to tell.
public enum LanguageGuess {
    public static func language(of text: String) -> String? {
        var hangul = 0
        var latin = 0
        for scalar in text.unicodeScalars.prefix(4000) {
            switch scalar.value {
            case 0xAC00...0xD7A3: hangul += 1
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            default: continue
            }
        }
        guard hangul + latin >= 20 else { return nil }
        return hangul * 3 >= hangul + latin ? "ko" : "en"
    }
}
