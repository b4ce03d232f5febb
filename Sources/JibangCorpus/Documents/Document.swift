import Foundation
public import KoreanText

/// One article (or address, or broadcast) of a state-media corpus.
public struct Document: Sendable, Hashable, Codable {
    /// The source's id, or one derived from outlet, date and body when the source has none.
    public var id: String
    /// Rodong Sinmun, Minju Joson, KCNA… as the source names it.
    public var outlet: String
    /// The publication date with the precision the source gives; nil when unknown.
    public var date: PartialDate?
    public var title: String
    /// The text, NFC-normalised (Hangul may arrive decomposed).
    public var body: String
    /// The text as it arrived, kept only when normalisation changed it.
    public var original: String?
    /// BCP 47 language tag ("ko", "en"), when known.
    public var language: String?
    public var url: String?
    /// Any other fields the source had (topic, headline…).
    public var metadata: [String: String]
    /// When this wording was seen (ISO 8601, UTC): a field of the record or the snapshot time;
    /// nil means the ingest time. Orders the versions of a document edited after publication.
    public var observed: String?

    /// Builds a document, normalising title and body to NFC and keeping the original body when
    /// normalisation changed it.
    public init(
        id: String?, outlet: String, date: PartialDate?, title: String, body: String, language: String? = nil, url: String? = nil,
        metadata: [String: String] = [:]
    ) {
        if let normalised = TextNormalizer.normalizedIfNeeded(body) {
            self.body = normalised
            // Scalar by scalar: String's == treats NFD and NFC as equal.
            self.original = normalised.unicodeScalars.elementsEqual(body.unicodeScalars) ? nil : body
        } else {
            self.body = body
            self.original = nil
        }
        self.title = TextNormalizer.nfc(title)
        self.outlet = outlet
        self.date = date
        self.language = language
        self.url = url
        self.metadata = metadata
        self.id = id ?? Document.derivedID(outlet: outlet, date: date, body: self.body)
    }

    /// What makes two documents the same when their ids differ: outlet, date and body.
    public var contentKey: String { Document.contentHash(outlet: outlet, date: date, body: body) }

    static func derivedID(outlet: String, date: PartialDate?, body: String) -> String {
        "h-" + contentHash(outlet: outlet, date: date, body: body).prefix(16)
    }

    /// A 128-bit hash (two 64-bit multiply–xorshift lanes over 8-byte words), hex. Stable
    /// across runs and machines: it is stored to find duplicates later.
    static func contentHash(outlet: String, date: PartialDate?, body: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        @inline(__always) func round(_ word: UInt64) {
            a = (a ^ word) &* 0x9E37_79B9_7F4A_7C15
            a ^= a >> 29
            b = (b &+ word) &* 0xC2B2_AE3D_27D4_EB4F
            b ^= b >> 31
        }
        func mix(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var i = 0
                while i + 8 <= bytes.count {
                    round(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self).littleEndian)
                    i += 8
                }
                var tail: UInt64 = 0
                for j in i..<bytes.count { tail |= UInt64(bytes[j]) << (8 * UInt64(j - i)) }
                round(tail ^ UInt64(bytes.count) << 56)
            }
        }
        mix(outlet)
        mix(date?.description ?? "")
        mix(body)
        return String(a, radix: 16) + String(b, radix: 16)
    }
}

/// NFC normalisation that skips the (slow) normaliser for text that is already NFC, which
/// is nearly all corpus text: precomposed Hangul, ASCII and punctuation.
public enum TextNormalizer {
    /// `text` in NFC. O(n).
    public static func nfc(_ text: String) -> String { normalizedIfNeeded(text) ?? text }

    /// `text` in NFC, or nil when the fast check shows it already is (nearly always).
    public static func normalizedIfNeeded(_ text: String) -> String? {
        var text = text
        let mayNeed = text.withUTF8 { mayNeedNormalizing($0) }
        return mayNeed ? text.precomposedStringWithCanonicalMapping : nil
    }

    /// False only when every scalar is one whose NFC is itself and that cannot combine with
    /// its neighbours: ASCII, Latin letters, precomposed Hangul syllables, CJK, most symbols.
    /// Decides by UTF-8 lead (and second) bytes, conservatively. O(n), byte by byte.
    static func mayNeedNormalizing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0xCC {
                i += lead < 0x80 ? 1 : 2
                continue
            }
            let second = i + 1 < n ? bytes[i + 1] : 0
            let third = i + 2 < n ? bytes[i + 2] : 0
            switch lead {
            case 0xCC, 0xCD, 0xD2, 0xD6, 0xD7, 0xD8, 0xD9, 0xDB, 0xDC, 0xDD, 0xDF: return true  // combining marks, Hebrew, Arabic…
            case 0xCE, 0xCF: return true  // Greek, with its few singleton decompositions
            case 0xD0...0xDF: i += 2
            case 0xE0: return true  // Indic scripts
            case 0xE1 where (0x84...0x87).contains(second) || second >= 0xB7: return true  // conjoining jamo, combining marks, Greek extended
            case 0xE2
            where second == 0x83 || (second == 0x84 && [0xA6, 0xAA, 0xAB].contains(third))
                || (second == 0x80 && third <= 0x81) || (second == 0x8C && (0xA9...0xAA).contains(third)) || (second == 0xAB && third == 0x9C):
                return true  // combining marks for symbols; Ω K Å signs; en/em quads; angle brackets; ⫝̸
            case 0xE3 where (second == 0x80 && (0xAA...0xAF).contains(third)) || (second == 0x82 && (0x99...0x9A).contains(third)):
                return true  // 302A–302F, 3099–309A (not the 《》 and 「」 state media uses)
            case 0xEA where second == 0xA5: return true  // jamo extended-A
            case 0xED where (second == 0x9E && third >= 0xB0) || second == 0x9F: return true  // jamo extended-B (after 힣)
            case 0xEF where (0xA4...0xAD).contains(second) || second == 0xB8:
                return true  // compatibility ideographs, Hebrew presentation forms, half marks
            case 0xE1...0xEF: i += 3
            default: return true  // supplementary planes
            }
        }
        return false
    }
}

/// A document with what indexing needs computed: its content key and search text. Preparing
/// is pure and independent per document, so it runs alongside storing.
public struct PreparedDocument: Sendable {
    public let document: Document
    public let contentKey: String
    public let text: SearchText
    /// The input file it came from.
    public let file: String
    /// The text as the store keeps it, when packed ahead of storing (nil: the store packs it).
    public let packed: PackedText?
    /// The search text's MinHash signature, for finding reprints; nil for an empty text.
    public let signature: MinHash?

    public init(_ document: Document, file: String, packer: TextPacker? = nil) {
        self.document = document
        self.contentKey = document.contentKey
        self.text = SearchText(document.title + "\n" + document.body)
        self.file = file
        self.packed = packer?.pack(document)
        self.signature = MinHash(text)
    }
}
