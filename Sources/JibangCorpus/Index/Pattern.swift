import Foundation
import KoreanText
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One literal spelling to look for: its Hangul form, its Latin form (word-bounded), or both
/// (a mixed term such as "지방발전 20×10" needs both in the document).
public struct Pattern: Sendable, Hashable {
    public let text: String
    let hangul: [UInt16]
    let latin: [UInt8]

    public init(_ text: String) {
        self.text = text
        hangul = SearchText.hangulForm(text)
        let latinForm = SearchText.latinForm(text)
        latin = latinForm.contains { $0 != 0x20 } ? latinForm : []
    }

    var latinWords: [[UInt8]] { latin.split(separator: 0x20).map(Array.init) }
}
