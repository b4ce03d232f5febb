import Foundation
import KoreanText

/// A keyword-in-context line.
public struct KWICLine: Sendable, Codable, Equatable {
    public let rowID: Int64
    public let left: String
    public let match: String
    public let right: String
}

/// Keyword in context: where a term occurs, with the words around it.
public enum KWIC {
    /// Documents that contain `group`'s terms, newest first, at most `limit`: (row id, day).
    ///
    /// The candidates of every segment come first, with their days (the index alone), and are
    /// verified newest first until `limit` documents are found: the newest 50 of 12,000
    /// candidates cost about 50 checks, not 12,000.
    public static func documents(_ group: TermGroup, options: MatchOptions, in segments: [Segment], limit: Int) -> [(rowID: Int64, day: Int)] {
        let compiled = CompiledGroup(group, options: options)
        // One entry per (segment, pattern) candidate list, and one per candidate in the filters.
        var lists: [(segment: Segment, pattern: Pattern, candidates: Candidates)] = []
        var entries: [(day: Int, rowID: Int64, list: Int, index: Int)] = []
        for segment in segments {
            let allowed = segment.outletNumbers(named: group.outlets)
            let hidden = segment.hidden(options)
            for entry in compiled.patterns {
                let candidates = segment.candidates(entry.pattern)
                guard !candidates.docs.isEmpty else { continue }
                lists.append((segment, entry.pattern, candidates))
                for (c, candidate) in candidates.docs.enumerated() {
                    let doc = Int(candidate)
                    let day = Int(segment.day(doc))
                    guard compiled.admits(day: day), allowed?.contains(segment.outletNumber(doc)) ?? true, !(hidden?[doc] ?? false) else { continue }
                    entries.append((day, segment.rowID(doc), lists.count - 1, c))
                }
            }
        }
        entries.sort { ($0.day, $0.rowID) > ($1.day, $1.rowID) }
        var found: [(rowID: Int64, day: Int)] = []
        var seen = Set<Int64>()
        for entry in entries where !seen.contains(entry.rowID) {
            let (segment, pattern, candidates) = lists[entry.list]
            let doc = Int(candidates.docs[entry.index])
            guard
                candidates.exact
                    || segment.occurrences(
                        pattern, in: doc, firstOnly: true, anchor: candidates.anchor, from: candidates.scanStart(entry.index), code: candidates.code)
                        > 0
            else { continue }
            seen.insert(entry.rowID)
            found.append((entry.rowID, entry.day))
            if found.count >= limit { break }
        }
        return found
    }

    /// The regular expressions of a group's spellings (every variant, any spacing), compiled
    /// once for the many documents of one request.
    public struct Lines {
        let regexes: [NSRegularExpression]

        public init(_ group: TermGroup, options: MatchOptions) {
            regexes = CompiledGroup(group, options: options).patterns.compactMap { entry in
                try? NSRegularExpression(pattern: KWIC.pattern(for: entry.pattern.text, options: options), options: [.caseInsensitive])
            }
        }

        /// The occurrences in `text`, each with `width` characters of context on either side,
        /// line breaks shown as spaces.
        public func lines(rowID: Int64, text: String, width: Int = 30) -> [KWICLine] {
            func clean(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
            let ns = text as NSString
            return matches(in: text).map { range in
                let start = max(0, range.location - width)
                let matchEnd = range.location + range.length
                let end = min(ns.length, matchEnd + width)
                return KWICLine(
                    rowID: rowID,
                    left: clean(ns.substring(with: NSRange(location: start, length: range.location - start))),
                    match: clean(ns.substring(with: range)),
                    right: clean(ns.substring(with: NSRange(location: matchEnd, length: end - matchEnd))))
            }
        }

        /// Where the group's spellings occur in `text` (UTF-16 ranges), spelling by spelling.
        func matches(in text: String) -> [NSRange] {
            let whole = NSRange(location: 0, length: (text as NSString).length)
            return regexes.flatMap { regex in regex.matches(in: text, range: whole).map(\.range) }
        }
    }

    /// A regular expression for a spelling: Hangul syllables may have spaces between them
    /// (when spacing is ignored); Latin words may be joined by spaces or hyphens.
    static func pattern(for term: String, options: MatchOptions) -> String {
        var parts: [String] = []
        for word in term.split(whereSeparator: { $0 == " " || $0 == "-" }) {
            if Hangul.containsHangul(word) {
                parts.append(word.map { NSRegularExpression.escapedPattern(for: String($0)) }.joined(separator: options.spacing ? "\\s*" : ""))
            } else {
                parts.append("\\b" + NSRegularExpression.escapedPattern(for: String(word)) + "\\b")
            }
        }
        return parts.joined(separator: options.spacing ? "[\\s\\-]*" : "[\\s\\-]+")
    }
}
