public import JibangCore
import KoreanText

/// The review desk's filters over grouped cards: wave (the year the event is dated in),
/// province, kind, lowest confidence, outlet, language and a date span; and the sort. Unset
/// fields do not filter. `counts` says how many cards each choice of one filter would leave,
/// the other filters applied, so the desk can show them beside each option.
public struct DeskFilter: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case confidence, date
    }

    public var wave: Int?
    public var provinceID: String?
    public var event: EvidenceEvent?
    public var minConfidence: Double?
    public var outlet: String?
    /// "ko" or "en": a card qualifies when any of its reports is in that language.
    public var language: String?
    /// ISO days, inclusive: a card qualifies when its date can fall in the span.
    public var from: Day?
    public var to: Day?
    public var sort: Sort = .confidence

    public init() {}

    /// The language of a report, from its snippet's script.
    public static func language(of candidate: Candidate) -> String { Hangul.containsHangul(candidate.snippet) ? "ko" : "en" }

    /// The year a card's event is dated in: the wave it would count toward.
    public static func wave(of group: CandidateGroup) -> Int? { group.lead.milestoneDate?.latest.year }

    public func matches(_ group: CandidateGroup, ignoring field: String? = nil) -> Bool {
        if field != "wave", let wave, Self.wave(of: group) != wave { return false }
        if field != "province", let provinceID, group.provinceID != provinceID { return false }
        if field != "event", let event, group.event != event { return false }
        if field != "confidence", let minConfidence, group.confidence < minConfidence { return false }
        if field != "outlet", let outlet, !group.candidates.contains(where: { $0.outlet == outlet }) { return false }
        if field != "language", let language, !group.candidates.contains(where: { Self.language(of: $0) == language }) { return false }
        if field != "date", from != nil || to != nil {
            guard let date = group.lead.milestoneDate else { return false }
            if let from, date.latest < from { return false }
            if let to, let earliest = date.earliest, earliest > to { return false }
        }
        return true
    }

    /// The cards that pass, sorted.
    public func apply(_ groups: [CandidateGroup]) -> [CandidateGroup] {
        let kept = groups.filter { matches($0) }
        switch sort {
        case .confidence:
            return kept.sorted { ($0.confidence, $1.id) > ($1.confidence, $0.id) }
        case .date:
            return kept.sorted { a, b in
                let (da, db) = (a.lead.milestoneDate?.latest, b.lead.milestoneDate?.latest)
                switch (da, db) {
                case let (x?, y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.id < b.id
                }
            }
        }
    }

    /// For each filter, each value seen among `groups` and how many cards it would leave (the
    /// other filters applied): [field: [(value, count)]], values in a stable order.
    public func counts(_ groups: [CandidateGroup]) -> [String: [(value: String, count: Int)]] {
        func tally(_ field: String, _ values: (CandidateGroup) -> [String]) -> [(value: String, count: Int)] {
            var counts: [String: Int] = [:]
            for group in groups where matches(group, ignoring: field) {
                for value in Set(values(group)) { counts[value, default: 0] += 1 }
            }
            return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return [
            "wave": tally("wave") { Self.wave(of: $0).map { [String($0)] } ?? [] },
            "province": tally("province") { $0.provinceID.map { [$0] } ?? [] },
            "event": tally("event") { [$0.event.rawValue] },
            "outlet": tally("outlet") { $0.candidates.map(\.outlet) },
            "language": tally("language") { $0.candidates.map(Self.language(of:)) },
        ]
    }
}
