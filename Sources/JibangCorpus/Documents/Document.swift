import Foundation
import KoreanText

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

    /// Builds a document, normalising title and body to NFC and keeping the original body when
    /// normalisation changed it.
    public init(
        id: String?, outlet: String, date: PartialDate?, title: String, body: String, language: String? = nil, url: String? = nil,
        metadata: [String: String] = [:]
    ) {
        let normalised = TextNormalizer.nfc(body)
        self.body = normalised
        self.original = normalised == body ? nil : body
        self.title = TextNormalizer.nfc(title)
        self.outlet = outlet
        self.date = date
        self.language = language
        self.url = url
        self.metadata = metadata
        self.id = id ?? Document.derivedID(outlet: outlet, date: date, body: normalised)
    }

    /// What makes two documents the same when their ids differ: outlet, date and body.
    public var contentKey: String { Document.contentHash(outlet: outlet, date: date, body: body) }

    static func derivedID(outlet: String, date: PartialDate?, body: String) -> String {
        "h-" + contentHash(outlet: outlet, date: date, body: body).prefix(16)
    }

    /// A 128-bit FNV-1a hash (two 64-bit lanes), hex. Stable across runs and machines.
    static func contentHash(outlet: String, date: PartialDate?, body: String) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        func mix(_ text: String) {
            for byte in text.utf8 {
                a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
                b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
            }
            a = (a ^ 0xff) &* 0x100_0000_01b3
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
    public static func nfc(_ text: String) -> String {
        for scalar in text.unicodeScalars where mayNeedNormalizing(scalar.value) {
            return text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    @inline(__always)
    static func mayNeedNormalizing(_ v: UInt32) -> Bool {
        // Combining marks, conjoining jamo and the few scalars whose NFC differs from themselves.
        (v >= 0x0300 && v <= 0x036F) || (v >= 0x1100 && v <= 0x11FF) || (v >= 0xA960 && v <= 0xA97F)
            || (v >= 0xD7B0 && v <= 0xD7FF) || (v >= 0x0340 && v <= 0x0345) || (v >= 0x0483 && v <= 0x0489)
            || (v >= 0x0591 && v <= 0x05C7) || (v >= 0x0610 && v <= 0x065F) || (v >= 0x0900 && v <= 0x0DFF)
            || (v >= 0x1DC0 && v <= 0x1DFF) || (v >= 0x20D0 && v <= 0x20FF) || (v >= 0x302A && v <= 0x302F)
            || (v >= 0x3099 && v <= 0x309A) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE20 && v <= 0xFE2F)
            || v == 0x2126 || v == 0x212A || v == 0x212B || v == 0x0374 || v == 0x037E || v == 0x0387
            || v >= 0x1_0000
    }
}
