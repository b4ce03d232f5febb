import Foundation
import KoreanText

/// The words of a text as collocates count them: runs of letters and digits; Korean words
/// with one trailing particle stripped by a rule list (공장이 → 공장) and the first syllable folded
/// to its South Korean initial (로동 → 노동, as the matcher folds); English words lower-cased.
/// Numbers and one-letter Latin words are left out.
public enum CollocateWords {
    /// A word and where it lies in the text, in UTF-16 offsets (as `NSRegularExpression` reports matches).
    public struct Token: Sendable, Equatable {
        public let word: String
        public let start: Int
        public let end: Int
    }

    /// Particles stripped from the end of a Korean word, longest first. One is stripped, and
    /// only when at least two syllables stay: 경제 keeps its 제, 인민의 loses its 의.
    static let particles = [
        "에서부터", "으로부터", "에서는", "에서도", "에서의", "으로는", "으로도", "으로서", "으로써", "에게는", "에게도", "에게서", "로부터", "까지는",
        "까지도", "에서", "에게", "에는", "에도", "에의", "으로", "까지", "부터", "마다", "처럼", "보다", "이며", "이고", "이나", "와의", "과의",
        "로서", "로써", "로는", "로도", "이다", "을", "를", "이", "가", "은", "는", "의", "에", "와", "과", "도", "로", "만", "께",
    ].map { Array($0.unicodeScalars) }

    /// Nouns that end in a syllable that is also a particle: never stripped.
    static let nounEndings = ["주의", "회의", "결의", "협의", "토의", "동의", "정의", "의의", "대회는"].map { Array($0.unicodeScalars) }

    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var scalars: [Unicode.Scalar] = []
        var start = 0
        var offset = 0
        func flush() {
            defer { scalars.removeAll(keepingCapacity: true) }
            guard !scalars.isEmpty, let word = normalized(scalars) else { return }
            tokens.append(Token(word: word, start: start, end: offset))
        }
        for scalar in text.unicodeScalars {
            let inWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if inWord {
                if scalars.isEmpty { start = offset }
                scalars.append(scalar)
            } else {
                flush()
            }
            offset += scalar.utf16.count
        }
        flush()
        return tokens
    }

    /// A word's counted form, or nil for words left out.
    static func normalized(_ scalars: [Unicode.Scalar]) -> String? {
        if scalars.contains(where: Hangul.isSyllable) {
            var word = scalars
            if !nounEndings.contains(where: { word.count >= $0.count && Array(word.suffix($0.count)) == $0 }),
                let particle = particles.first(where: { word.count - $0.count >= 2 && Array(word.suffix($0.count)) == $0 })
            {
                word.removeLast(particle.count)
            }
            // 두음법칙 changes a word's first syllable only: 로동 → 노동, but 나라 stays 나라.
            word[0] = Hangul.southKoreanInitial(word[0])
            return String(String.UnicodeScalarView(word))
        }
        guard !scalars.allSatisfy({ $0.properties.numericType != nil }), scalars.count > 1 else { return nil }
        return String(String.UnicodeScalarView(scalars)).lowercased()
    }
}
