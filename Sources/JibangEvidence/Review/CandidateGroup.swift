import JibangCore

/// One proposed milestone: the candidates that report the same place and kind of event with
/// dates that overlap, read from every outlet that reported it. An analyst decides a group at
/// once. Its JSON is the contract of `jibang evidence list --group --format json`.
public struct CandidateGroup: Sendable, Equatable, Encodable {
    /// One report in the group, as the JSON lists it.
    public struct Member: Sendable, Equatable, Encodable {
        public let id: Int64
        public let documentID: String
        public let outlet: String
        public let date: String
        public let confidence: Double

        enum CodingKeys: String, CodingKey {
            case id
            case documentID = "document_id"
            case outlet, date, confidence
        }
    }

    /// Stable while the group keeps its place, kind and date span: `PLACE.event.START.END`.
    public let id: String
    public let placeID: String?
    public let provinceID: String?
    public let event: EvidenceEvent
    /// The best-dated report's date: what accepting proposes.
    public let date: String
    /// pending when any member is, else accepted, rejected or mixed.
    public let status: String
    /// Best-dated first (exact day, then narrower spans, then confidence).
    public let candidates: [Candidate]

    public var members: [Member] {
        candidates.map { Member(id: $0.id ?? 0, documentID: $0.documentID, outlet: $0.outlet, date: $0.date, confidence: $0.confidence) }
    }

    /// The ids an analyst saw, in order: what a decision sends back so a changed group is refused.
    public var memberIDs: [Int64] { candidates.compactMap(\.id) }

    /// The best report.
    public var lead: Candidate { candidates[0] }

    /// The highest confidence among the reports.
    public var confidence: Double { candidates.map(\.confidence).max() ?? 0 }

    /// Where the reports disagree: each distinct date with the outlets that support it. One
    /// entry when they all agree.
    public var readings: [(date: String, outlets: [String])] {
        var order: [String] = []
        var outlets: [String: [String]] = [:]
        for candidate in candidates {
            if outlets[candidate.date] == nil { order.append(candidate.date) }
            if !(outlets[candidate.date]?.contains(candidate.outlet) ?? false) { outlets[candidate.date, default: []].append(candidate.outlet) }
        }
        return order.map { ($0, outlets[$0] ?? []) }
    }

    enum CodingKeys: String, CodingKey {
        case id = "group_id"
        case placeID = "place_id"
        case provinceID = "province_id"
        case event, date, members, status
    }

    /// Writes every key, null included (a province-level group has no place).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(placeID, forKey: .placeID)
        try c.encode(provinceID, forKey: .provinceID)
        try c.encode(event, forKey: .event)
        try c.encode(date, forKey: .date)
        try c.encode(members, forKey: .members)
        try c.encode(status, forKey: .status)
    }

    init(candidates: [Candidate], span: (start: Day?, end: Day)) {
        let sorted = candidates.sorted(by: Self.betterDated)
        let lead = sorted[0]
        let place = lead.placeID ?? lead.provinceID ?? "unknown"
        self.id = [place, lead.event.rawValue, span.start?.description ?? "open", span.end.description].joined(separator: ".")
        self.placeID = lead.placeID
        self.provinceID = lead.provinceID
        self.event = lead.event
        self.date = lead.date
        let statuses = Set(sorted.map(\.status))
        self.status =
            statuses.contains(.pending) ? "pending" : statuses.count == 1 ? statuses.first!.rawValue : "mixed"
        self.candidates = sorted
    }

    /// Exact days first, then the narrowest span, open-ended dates last; then confidence, then id.
    static func betterDated(_ a: Candidate, _ b: Candidate) -> Bool {
        let (wa, wb) = (width(a.milestoneDate), width(b.milestoneDate))
        if wa != wb { return wa < wb }
        if a.confidence != b.confidence { return a.confidence > b.confidence }
        return (a.id ?? 0) < (b.id ?? 0)
    }

    /// Days a date spans; an open-ended or unreadable date counts as the widest.
    static func width(_ date: MilestoneDate?) -> Int {
        guard let date, let earliest = date.earliest else { return Int.max }
        return earliest.days(to: date.latest)
    }
}

/// Groups candidates into proposed milestones. Reports of the same place (or, for
/// province-level ones, province) and kind join when their dates overlap; an "on or before"
/// date joins a group only if the group has a dated report within `openWindowDays` before it,
/// so open-ended dates never chain separate events together. Open-ended reports with no such
/// group stand alone, except that identical ones share a card.
public enum CandidateGrouping {
    /// How far before an "on or before" date a dated report may be and still be the same event.
    public static let openWindowDays = 31

    public static func groups(_ candidates: [Candidate]) -> [CandidateGroup] {
        var partitions: [String: [Candidate]] = [:]
        var order: [String] = []
        for candidate in candidates {
            let key = (candidate.placeID ?? "province:" + (candidate.provinceID ?? "?")) + "|" + candidate.event.rawValue
            if partitions[key] == nil { order.append(key) }
            partitions[key, default: []].append(candidate)
        }
        return order.flatMap { groups(ofOnePlaceAndKind: partitions[$0] ?? []) }.sorted { a, b in
            if (a.status == "pending") != (b.status == "pending") { return a.status == "pending" }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            return a.id < b.id
        }
    }

    /// A dated report's span, or nil for an open-ended (or unreadable) one.
    static func span(_ candidate: Candidate) -> (start: Day, end: Day)? {
        guard let date = candidate.milestoneDate, let start = date.earliest else { return nil }
        return (start, date.latest)
    }

    static func groups(ofOnePlaceAndKind candidates: [Candidate]) -> [CandidateGroup] {
        // Dated reports: sweep by start, joining while the spans overlap.
        let dated = candidates.compactMap { c in span(c).map { (c, $0) } }.sorted { ($0.1.start, $0.0.id ?? 0) < ($1.1.start, $1.0.id ?? 0) }
        var clusters: [(members: [Candidate], start: Day, end: Day)] = []
        for (candidate, span) in dated {
            if let last = clusters.last, span.start <= last.end {
                clusters[clusters.count - 1].members.append(candidate)
                clusters[clusters.count - 1].end = max(last.end, span.end)
            } else {
                clusters.append(([candidate], span.start, span.end))
            }
        }
        // Open-ended reports: the latest dated group with a report within the window before.
        var open: [(members: [Candidate], end: Day)] = []
        for candidate in candidates where span(candidate) == nil {
            let end = candidate.milestoneDate?.latest
            let home = end.flatMap { end in
                clusters.indices.last(where: { index in
                    clusters[index].members.contains { member in
                        guard let s = span(member) else { return false }
                        return s.start <= end && s.end >= end.adding(days: -openWindowDays)
                    }
                })
            }
            if let home {
                clusters[home].members.append(candidate)
            } else if let end, let same = open.firstIndex(where: { $0.end == end }) {
                open[same].members.append(candidate)
            } else {
                open.append(([candidate], end ?? Day(year: 1, month: 1, day: 1)!))
            }
        }
        return clusters.map { CandidateGroup(candidates: $0.members, span: ($0.start, $0.end)) }
            + open.map { CandidateGroup(candidates: $0.members, span: (nil, $0.end)) }
    }
}
