import Foundation
public import JibangBase
import KoreanText

/// How Korean terms match, and which version of an edited document is read; each option has
/// a default, can be changed, and is reported with every result.
public struct MatchOptions: Sendable, Hashable, Codable {
    /// North/South Korean initial sounds: 로동 = 노동, 리용 = 이용 (terms of two syllables or more).
    public var folding = true
    /// Spaces between Hangul syllables are ignored: 지방 공업 = 지방공업.
    public var spacing = true
    /// A term matches inside a longer word, as particles demand: 지방공업을, 지방공업의.
    public var substring = true
    /// Which version of a document republished with edits is searched: the wording seen last
    /// (the default) or the wording seen first.
    public var versions: VersionChoice = .latest
    /// Whether a reprint (a near-copy of a document, in another outlet or under another id)
    /// counts as a document of its own (the default) or its cluster counts once, by its first member.
    public var reprints: ReprintChoice = .each

    public init(
        folding: Bool = true, spacing: Bool = true, substring: Bool = true, versions: VersionChoice = .latest, reprints: ReprintChoice = .each
    ) {
        self.folding = folding
        self.spacing = spacing
        self.substring = substring
        self.versions = versions
        self.reprints = reprints
    }

    enum CodingKeys: String, CodingKey { case folding, spacing, substring, versions, reprints }

    /// Answers written before versions existed read as `latest`.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        folding = try values.decode(Bool.self, forKey: .folding)
        spacing = try values.decode(Bool.self, forKey: .spacing)
        substring = try values.decode(Bool.self, forKey: .substring)
        versions = try values.decodeIfPresent(VersionChoice.self, forKey: .versions) ?? .latest
        reprints = try values.decodeIfPresent(ReprintChoice.self, forKey: .reprints) ?? .each
    }
}

extension MatchOptions {
    /// The version choice in words, for every output and methods note.
    public var versionsNote: String {
        "versions: \(versions.rawValue) (a document republished with edits is read in its \(versions == .latest ? "last" : "first")-observed wording)"
    }
}

extension MatchOptions {
    /// The reprint choice in words, for every output and methods note.
    public var reprintsNote: String {
        reprints == .each
            ? "reprints: each (a near-copy in another outlet or under another id counts as a document of its own)"
            : "reprints: once (a cluster of near-copies counts once, by its first-seen member, in its period)"
    }
}

/// Whether near-copies of a document count on their own or once per cluster.
public enum ReprintChoice: String, Sendable, Hashable, Codable, CaseIterable {
    case each, once
}

/// Which version of an edited document a query reads. Versions are ordered by when they were
/// observed, not by when they were ingested.
public enum VersionChoice: String, Sendable, Hashable, Codable, CaseIterable {
    case first, latest
}

/// A term group: documents mentioning any of its terms and none of its exclusions, optionally
/// limited to outlets and dates.
///
/// Syntax: alternatives separated by `|`. An alternative is a term (`지방공업`, `regional
/// industry`, or `"quoted, with | or -"`), an exclusion (`-지방공업성`), or a filter
/// (`outlet:Rodong Sinmun`, `from:2010`, `to:2019-06`). Example:
/// `지방공업|지방경제|-지방공업성|outlet:Rodong Sinmun|from:2010`.
public struct TermGroup: Sendable, Hashable {
    public var name: String
    /// The query as written.
    public var query: String
    public var terms: [String]
    public var exclusions: [String]
    public var outlets: [String]
    /// First and last day numbers (days since 1970-01-01), inclusive.
    public var from: Int?
    public var to: Int?

    /// Parses `query`; throws `invalid_query` naming what is wrong.
    public init(name: String, query: String) throws(JibangError) {
        self.name = name
        self.query = query
        terms = []
        exclusions = []
        outlets = []
        for raw in Self.alternatives(query) {
            let part = raw.text
            if part.isEmpty { continue }
            if !raw.quoted, let colon = part.firstIndex(of: ":") {
                let key = part[..<colon].lowercased()
                let value = part[part.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "outlet":
                    outlets.append(value)
                    continue
                case "from", "to":
                    guard let date = DateParser.iso(value) else {
                        throw JibangError.invalidQuery(
                            query, reason: "\(key):\(value) is not a date; expected from:2010, from:2010-03 or from:2010-03-05")
                    }
                    if key == "from" { from = date.firstDayNumber } else { to = date.lastDayNumber }
                    continue
                default: break
                }
            }
            if !raw.quoted && part.hasPrefix("-") && part.count > 1 {
                exclusions.append(String(part.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else {
                terms.append(part)
            }
        }
        guard !terms.isEmpty else {
            throw JibangError.invalidQuery(query, reason: "no term to search for; expected terms separated by |, e.g. 지방공업|지방경제")
        }
        for term in terms + exclusions where SearchText.hangulForm(term).isEmpty && SearchText.latinForm(term).allSatisfy({ $0 == 0x20 }) {
            throw JibangError.invalidQuery(query, reason: "the term \"\(term)\" has no letters, digits or Hangul to search for")
        }
    }

    /// Splits at `|` outside double quotes; quotes are removed and remembered.
    static func alternatives(_ query: String) -> [(text: String, quoted: Bool)] {
        var parts: [(String, Bool)] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        for character in query {
            switch character {
            case "\"":
                inQuotes.toggle()
                quoted = true
            case "|" where !inQuotes:
                parts.append((current.trimmingCharacters(in: .whitespaces), quoted))
                current = ""
                quoted = false
            default: current.append(character)
            }
        }
        parts.append((current.trimmingCharacters(in: .whitespaces), quoted))
        return parts
    }
}

extension JibangError {
    /// A query that cannot be run, with the reason (code `invalid_query`, the query as subject).
    public static func invalidQuery(_ query: String, reason: String) -> JibangError {
        JibangError(.invalidQuery, "cannot read the query \"\(query)\": \(reason)", subject: query)
    }
}
