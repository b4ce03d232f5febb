import Foundation

/// Folds a place name to the key that every spelling of it shares.
///
/// Hangul names are NFC-normalised, stripped of spaces, and their first syllable is put in its
/// South Korean form, so 녕변 and 영변 share a key. Latin names lose case, diacritics (breves,
/// macrons), apostrophes, spaces, hyphens and dots, so "P'yŏngsŏng", "Pyongsong" and
/// "pyong-song" share a key. Pure functions; O(n) in the length of the name.
public enum NameKey {
    /// The key of `name`, whichever script it is written in. Empty when nothing is left.
    public static func fold(_ name: String) -> String {
        let name = name.precomposedStringWithCanonicalMapping
        return Hangul.containsHangul(name) ? foldHangul(name) : foldLatin(name)
    }

    /// The key of a Hangul name: NFC, Hangul syllables only, first syllable in South Korean form.
    public static func foldHangul(_ name: String) -> String {
        let syllables = name.precomposedStringWithCanonicalMapping.unicodeScalars.filter(Hangul.isSyllable)
        guard let head = syllables.first else { return "" }
        var view = String.UnicodeScalarView()
        view.append(Hangul.southKoreanInitial(head))
        view.append(contentsOf: syllables.dropFirst())
        return String(view)
    }

    /// The key of a Latin-script name: lower case ASCII letters and digits only.
    public static func foldLatin(_ name: String) -> String {
        let stripped = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(
            String.UnicodeScalarView(
                stripped.unicodeScalars.filter {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0)
                }))
    }
}
