import Foundation

/// A sentence of an article, with its words as tokens.
public struct Sentence: Sendable, Equatable {
    public struct Token: Sendable, Equatable {
        public let text: String
        public var isCapitalised: Bool { text.first?.isUppercase ?? false }
        public var isPunctuation: Bool { text == "," || text == ";" || text == ":" || text == "(" || text == ")" }
    }

    public let text: String
    public let tokens: [Token]

    public init(_ text: String) {
        self.text = text
        tokens = Self.tokenize(text)
    }

    /// Words (letters, digits, apostrophes, hyphens, and Hangul) and the punctuation that
    /// separates list items.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty { tokens.append(Token(text: word)) }
            word = ""
        }
        for c in text {
            if c.isLetter || c.isNumber || c == "'" || c == "’" || c == "-" || c == "×" {
                word.append(c == "’" ? "'" : c)
            } else {
                flush()
                if c == "," || c == ";" || c == ":" || c == "(" || c == ")" { tokens.append(Token(text: String(c))) }
            }
        }
        flush()
        return tokens
    }
}

/// Splits article text into sentences, after repairing scraped text.
public enum SentenceSplitter {
    /// Inserts the space scrapers lose between a lower-case and an upper-case letter
    /// ("WhenKim Jong Un" → "When Kim Jong Un", "SecretaryKim" → "Secretary Kim"), and makes
    /// apostrophes plain.
    public static func repair(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previous: Character = " "
        for c in text {
            if c.isUppercase && previous.isLowercase && previous.isASCII && c.isASCII { out.append(" ") }
            out.append(c == "’" ? "'" : c)
            previous = c
        }
        return out
    }

    /// Sentences: split at line breaks, and after . ? ! when a space and a capital (or a
    /// Hangul syllable, or a quote) follow. Bulleted lines ("- He gave …") lose the bullet.
    public static func sentences(_ text: String) -> [Sentence] {
        var out: [Sentence] = []
        for line in repair(text).split(whereSeparator: \.isNewline) {
            var current = ""
            let characters = Array(line)
            for (i, c) in characters.enumerated() {
                current.append(c)
                guard c == "." || c == "?" || c == "!" else { continue }
                let next = i + 2 < characters.count ? characters[i + 2] : nil
                if i + 1 < characters.count, characters[i + 1] == " ", let next,
                    next.isUppercase || next == "\"" || next == "“" || next == "《" || next == "(" || next.unicodeScalars.first!.value >= 0xAC00
                {
                    append(current, to: &out)
                    current = ""
                }
            }
            append(current, to: &out)
        }
        return out
    }

    static func append(_ text: String, to sentences: inout [Sentence]) {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("- ") { trimmed.removeFirst(2) }
        if !trimmed.isEmpty { sentences.append(Sentence(trimmed)) }
    }
}
