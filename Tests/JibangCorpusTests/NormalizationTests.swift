import Foundation
import Testing

@testable import JibangCorpus

@Suite struct NormalizationTests {
    /// The fast path may only skip normalising text that NFC leaves unchanged: check every
    /// scalar of the Basic Multilingual Plane on its own and after a Hangul syllable.
    @Test func theFastCheckNeverSkipsTextThatNormalisationChanges() {
        var missed: [String] = []
        for value in UInt32(0x20)...0xFFFD {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "가" + String(scalar), "a" + String(scalar)] {
                var copy = text
                let flagged = copy.withUTF8 { TextNormalizer.mayNeedNormalizing($0) }
                if !flagged && text.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value) != text.unicodeScalars.map(\.value) {
                    missed.append(String(format: "U+%04X", value))
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(20))")
    }

    @Test func commonTextTakesTheFastPath() {
        var text = "조선로동당 《로동신문》 「사설」 — Regional-industry factories, 20×10. 힘 히 힣"
        #expect(!text.withUTF8 { TextNormalizer.mayNeedNormalizing($0) })
    }
}
