import Foundation
import JibangBase
import KoreanText
import Synchronization

/// Matching on the original text, for spacing- or substring-sensitive searches: with spacing
/// off the term's spaces must be there as written; with substring off it must stand as a
/// whole word (no letter or digit on either side). Case-insensitive.
struct RawMatcher {
    let regex: NSRegularExpression?

    init(_ term: String, options: MatchOptions) {
        var pattern = KWIC.pattern(for: term, options: options)
        if !options.substring { pattern = "(?<![\\p{L}\\p{N}])" + pattern + "(?![\\p{L}\\p{N}])" }
        regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    func count(in text: String) -> Int {
        regex?.numberOfMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) ?? 0
    }
}
