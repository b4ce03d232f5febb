import Foundation
public import JibangBase
import KoreanText

/// The gazetteer: every division, and look-up by any spelling.
///
/// Built once from the divisions (the bundled file or the store); look-ups are dictionary hits
/// on folded keys (see `NameKey`), so any spelling family — Hangul with or without suffix, North
/// or South Korean initial sound, KCNA, Revised Romanization, McCune–Reischauer with or without
/// diacritics — finds the same division.
public struct Gazetteer: Sendable {
    /// All divisions in file order (provincial-level units first).
    public let divisions: [Division]
    let byID: [String: Division]
    /// Folded key → ids of the divisions known by it, in file order.
    let index: [String: [String]]

    /// Builds the gazetteer and its key index. O(total number of spellings).
    public init(divisions: [Division]) {
        self.divisions = divisions
        byID = Dictionary(divisions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var index: [String: [String]] = [:]
        for division in divisions {
            for name in division.allNames {
                var keys = Set([NameKey.fold(name), NameKey.fold(PlaceName(name).base)])
                // The press's romanisation of the Hangul, syllable by syllable (룡천 → Ryongcheon).
                if Hangul.containsHangul(name) { keys.insert(NameKey.foldLatin(Romanization.syllableBySyllable(PlaceName(name).base))) }
                for key in keys where !key.isEmpty {
                    if index[key]?.contains(division.id) != true { index[key, default: []].append(division.id) }
                }
            }
        }
        self.index = index
    }

    /// The division with this gazetteer id.
    public func division(id: String) -> Division? { byID[id] }

    /// The provincial-level unit of a division (itself for a level-1 unit).
    public func province(of division: Division) -> Division? {
        division.provinceID.flatMap { byID[$0] } ?? (division.level == 1 ? division : nil)
    }

    /// The 13 provincial-level units.
    public var provinces: [Division] { divisions.filter { $0.level == 1 } }

    /// The cities, counties and districts (level 2): the units the programme counts.
    public var localUnits: [Division] { divisions.filter { $0.level == 2 } }

    /// Every division `query` may name, or the nearest suggestions when none matches.
    ///
    /// A query may end in a province qualifier after a comma ("Unsan, South Phyongan") or
    /// after " of " ("Onchon County of Nampho"), which keeps only that province's divisions. A
    /// unit suffix in the query ("County", "군") prefers divisions of that kind.
    public func lookup(_ query: String) -> PlaceLookup {
        let (name, qualifier) = Self.splitQualifier(query, provinces: self)
        var candidates = exactMatches(name)
        if let qualifier {
            let provinceIDs = Set(exactMatches(qualifier, level: 1).map(\.id))
            if provinceIDs.isEmpty {
                return .notFound(suggestions: suggestions(for: qualifier, level: 1))
            }
            candidates = candidates.filter { provinceIDs.contains($0.provinceID ?? $0.id) }
        }
        return candidates.isEmpty ? .notFound(suggestions: suggestions(for: name, level: nil)) : .found(candidates)
    }

    /// Every division known by exactly this name (any spelling family, with or without its unit
    /// suffix, a suffix preferring divisions of that kind); no suggestions, so it is cheap
    /// enough to call on every capitalised word of an article.
    public func matches(_ name: String) -> [Division] { exactMatches(name) }

    /// The single division `query` names; throws `unknownPlace` (with suggestions) or
    /// `ambiguousPlace` (with each candidate and its province) otherwise.
    public func resolve(_ query: String, at location: InputLocation? = nil) throws(JibangError) -> Division {
        switch lookup(query) {
        case let .found(matches) where matches.count == 1:
            return matches[0]
        case let .found(matches):
            throw .ambiguousPlace(location, query, candidates: matches.map(label))
        case let .notFound(suggestions):
            throw .unknownPlace(location, query, suggestions: suggestions.map(label))
        }
    }

    /// A division by its gazetteer id ("KP0409") or, failing that, by any spelling (see `resolve`).
    public func resolve(idOrName text: String, at location: InputLocation? = nil) throws(JibangError) -> Division {
        if let division = division(id: text) { return division }
        return try resolve(text, at: location)
    }

    /// The single provincial-level unit `query` names.
    public func resolveProvince(_ query: String, at location: InputLocation? = nil) throws(JibangError) -> Division {
        let matches = exactMatches(query, level: 1)
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw .unknownPlace(location, query, suggestions: suggestions(for: query, level: 1).map(label))
        }
        throw .ambiguousPlace(location, query, candidates: matches.map(label))
    }

    /// "Unsan County (운산군), North Phyongan" — a label that tells candidates apart.
    public func label(_ division: Division) -> String {
        guard division.level == 2, let province = province(of: division) else {
            return "\(division.englishName) (\(division.nameKo))"
        }
        return "\(division.englishName) (\(division.nameKo)), \(province.nameKCNA)"
    }

    // MARK: - Matching

    func exactMatches(_ name: String, level: Int? = nil) -> [Division] {
        let parsed = PlaceName(name)
        let keys = [NameKey.fold(name), NameKey.fold(parsed.base)]
        var seen = Set<String>()
        var matches: [Division] = []
        for key in keys where !key.isEmpty {
            for id in index[key] ?? [] where seen.insert(id).inserted {
                if let division = byID[id], level == nil || division.level == level { matches.append(division) }
            }
        }
        if let suffix = parsed.suffix {
            let sameKind = matches.filter { $0.unitSuffix == suffix }
            if !sameKind.isEmpty { matches = sameKind }
        }
        return matches
    }

    /// Divisions of `level` one edit away from `name` (a Latin spelling of five letters or
    /// more): what a misspelt name may be. Cheap enough for the rare name nothing matches.
    public func oneEditMatches(_ name: String, level: Int) -> [Division] {
        let key = NameKey.foldLatin(PlaceName(name).base)
        guard key.count >= 5, !Hangul.containsHangul(name) else { return [] }
        var ids: [String] = []
        for (candidate, candidateIDs) in index where abs(candidate.count - key.count) <= 1 && editDistance(key, candidate) == 1 {
            for id in candidateIDs where !ids.contains(id) && byID[id]?.level == level { ids.append(id) }
        }
        return ids.compactMap { byID[$0] }
    }

    /// Up to five divisions whose spellings are nearest to `name` by edit distance.
    func suggestions(for name: String, level: Int?) -> [Division] {
        let key = NameKey.fold(PlaceName(name).base)
        guard !key.isEmpty else { return [] }
        var best: [String: Int] = [:]
        for (candidate, ids) in index {
            let distance = editDistance(key, candidate)
            for id in ids where distance < (best[id] ?? .max) { best[id] = distance }
        }
        let limit = max(2, key.unicodeScalars.count / 3)
        return
            best
            .filter { $0.value <= limit }
            .compactMap { id, distance in byID[id].map { (division: $0, distance: distance) } }
            .filter { level == nil || $0.division.level == level }
            .sorted { ($0.distance, $0.division.id) < ($1.distance, $1.division.id) }
            .prefix(5)
            .map(\.division)
    }

    static func splitQualifier(_ query: String, provinces gazetteer: Gazetteer) -> (String, String?) {
        if let comma = query.lastIndex(of: ",") {
            let name = query[..<comma].trimmingCharacters(in: .whitespaces)
            let qualifier = query[query.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty && !qualifier.isEmpty { return (name, qualifier) }
        }
        if let range = query.range(of: " of ", options: [.caseInsensitive, .backwards]) {
            let qualifier = String(query[range.upperBound...])
            if !gazetteer.exactMatches(qualifier, level: 1).isEmpty {
                return (String(query[..<range.lowerBound]), qualifier)
            }
        }
        return (query.trimmingCharacters(in: .whitespaces), nil)
    }
}

/// The answer to a gazetteer look-up.
public enum PlaceLookup: Sendable, Equatable {
    /// One or more divisions carry the name (several when it is ambiguous).
    case found([Division])
    /// No division carries it; the nearest spellings, best first.
    case notFound(suggestions: [Division])
}
