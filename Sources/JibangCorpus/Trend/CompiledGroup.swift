import Foundation
import JibangBase
import KoreanText
import Synchronization

/// A spelling to search for, and the term it came from.
struct CompiledPattern: Sendable {
    let term: String
    let pattern: Pattern
}

/// A term group with each term expanded to its spellings.
struct CompiledGroup: Sendable {
    let name: String
    let query: String
    let patterns: [CompiledPattern]
    let exclusions: [CompiledPattern]
    /// The group's terms, each once, in the order written; and the term of each pattern.
    let terms: [String]
    let termOfPattern: [Int]
    let outlets: [String]
    let from: Int?
    let to: Int?

    init(_ group: TermGroup, options: MatchOptions) {
        func expand(_ terms: [String]) -> [CompiledPattern] {
            var seen = Set<String>()
            return terms.flatMap { term in
                (options.folding ? InitialSoundVariants.of(term) : [term]).compactMap { variant in
                    seen.insert(variant).inserted ? CompiledPattern(term: term, pattern: Pattern(variant)) : nil
                }
            }
        }
        name = group.name
        query = group.query
        patterns = expand(group.terms)
        exclusions = expand(group.exclusions)
        var terms: [String] = []
        for term in group.terms where !terms.contains(term) { terms.append(term) }
        self.terms = terms
        termOfPattern = patterns.map { pattern in terms.firstIndex(of: pattern.term)! }
        outlets = group.outlets
        from = group.from
        to = group.to
    }

    /// True when a day lies within the group's own from:/to: filters.
    @inline(__always)
    func admits(day: Int) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }
}
