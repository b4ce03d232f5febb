import Foundation

/// A dated event at a site — selection, groundbreaking, a visit, completion — with the sources
/// that report it.
public struct Milestone: Sendable, Hashable, Codable {
    /// The kinds of event the tracker records. Raw values are the `event` column of the CSV.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case selection
        case groundbreaking
        case leaderVisit = "leader_visit"
        case officialVisit = "official_visit"
        case frameworkCompleted = "framework_completed"
        case inauguration
        case inOperation = "in_operation"
    }

    /// Whether the event rests on state media's word, was confirmed independently (imagery, a
    /// visit by outsiders), or is announced for a date still to come.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case claimed
        case confirmed
        /// Announced, not yet happened: kept in the record but never counted as done (no
        /// progress, no tally, no "record as of"). May carry a date after today.
        case planned
    }

    /// The store's id; nil until stored.
    public var id: Int64?
    public var kind: Kind
    public var date: MilestoneDate
    public var status: Status
    /// A qualifier of the event as reported, e.g. "modernization model units".
    public var detail: String?
    /// The facilities the report names, as written ("foodstuff; garment factory"); parsed
    /// into `Facility` values by `FacilityParser`.
    public var facilities: String
    /// The analyst's note.
    public var note: String?
    /// Bodies and people named as taking part.
    public var actors: [Actor]
    /// The reports the milestone rests on; never empty once validated.
    public var sources: [Source]
    /// Set when an analyst withdrew the milestone: it stays in the record, shown as retracted,
    /// and nothing counts it.
    public var retraction: Retraction?

    enum CodingKeys: String, CodingKey {
        case id, kind, date, status, detail, facilities, note, actors, sources, retraction
    }

    /// Read-only facts written beside the stored fields (ignored when read back).
    enum DerivedKeys: String, CodingKey {
        case grade
        case secondaryOnly = "secondary_only"
        case dateReadings = "date_readings"
    }

    /// The stored fields, then `grade`, `secondary_only` and, when the sources disagree on the
    /// date, `date_readings` (`[{date, sources: [url]}]`, the milestone's own date first).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(date, forKey: .date)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(detail, forKey: .detail)
        try c.encode(facilities, forKey: .facilities)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(actors, forKey: .actors)
        try c.encode(sources, forKey: .sources)
        try c.encodeIfPresent(retraction, forKey: .retraction)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(grade, forKey: .grade)
        try derived.encode(restsOnSecondaryOnly, forKey: .secondaryOnly)
        let readings = dateReadings
        if !readings.isEmpty { try derived.encode(readings, forKey: .dateReadings) }
    }

    /// When and why a milestone was withdrawn.
    public struct Retraction: Sendable, Hashable, Codable {
        /// ISO 8601 UTC time.
        public var at: String
        public var reason: String

        public init(at: String, reason: String) {
            self.at = at
            self.reason = reason
        }
    }

    public init(
        id: Int64? = nil, kind: Kind, date: MilestoneDate, status: Status = .claimed, detail: String? = nil,
        facilities: String = "", note: String? = nil, actors: [Actor] = [], sources: [Source], retraction: Retraction? = nil
    ) {
        self.id = id
        self.kind = kind
        self.date = date
        self.status = status
        self.detail = detail
        self.facilities = facilities
        self.note = note
        self.actors = actors
        self.sources = sources
        self.retraction = retraction
    }

    /// False for a planned or a retracted milestone: what the record counts leaves it out.
    public var hasHappened: Bool { status != .planned && retraction == nil }

    /// "inauguration", or "selection (modernization model units)" when there is a detail.
    public var eventLabel: String {
        detail.map { "\(kind.rawValue) (\($0))" } ?? kind.rawValue
    }

    /// The same milestone without its store id, for comparing content across stores.
    public var content: Milestone {
        var copy = self
        copy.id = nil
        return copy
    }
}

/// A report a fact rests on.
public struct Source: Sendable, Hashable, Codable {
    /// Where the report can be read. Required.
    public var url: String
    /// Who published it: an outlet name, or the web host when no better name was given.
    public var outlet: String?
    public var title: String?
    public var published: Day?
    /// BCP 47 language tag of the report ("ko", "en").
    public var language: String?
    /// The words of the report the fact rests on.
    public var quote: String?
    /// Set when an analyst withdrew the source: kept and shown, but the milestone no longer rests on it.
    public var retraction: Milestone.Retraction?
    /// The date this source gives for the event when it differs from the milestone's: kept beside
    /// the milestone's date so that a disagreement between sources shows instead of being settled
    /// silently. Nil when the source gives the milestone's date (or none).
    public var reading: MilestoneDate?

    enum CodingKeys: String, CodingKey {
        case url, outlet, title, published, language, quote, retraction
        case reading = "date"
    }

    public init(
        url: String, outlet: String? = nil, title: String? = nil, published: Day? = nil, language: String? = nil, quote: String? = nil,
        retraction: Milestone.Retraction? = nil, reading: MilestoneDate? = nil
    ) {
        self.url = url
        self.outlet = outlet
        self.title = title
        self.published = published
        self.language = language
        self.quote = quote
        self.retraction = retraction
        self.reading = reading
    }

    /// The web host of `url` without "www.", the default outlet.
    public static func host(of url: String) -> String? {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// What a source address must look like, as one regular expression that reads the same in
    /// ICU (the server), ECMA-262 (the OpenAPI document, which quotes it) and Python (API
    /// fuzzers): `http://` or `https://` (any case), an optional user part, a host (letters of
    /// any script, digits, RFC 3986's marks and `%HH`, or a bracketed IP literal), an optional
    /// port, then a path, query or fragment of any characters but spaces and control
    /// characters. Spaces and line breaks around it are allowed (and trimmed on storing).
    public static let webAddressPattern: String = {
        let space = #"[\t-\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"#
        let hostCharacter = #"(?:[^\x00-\x20\x7F-\x9F/?#@\[\]"<>\\^`{|}%:\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]|%[0-9A-Fa-f]{2})"#
        let authority = #"(?:(?:\#(hostCharacter)|:)*@)?(?:\#(hostCharacter)+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?"#
        return #"^\#(space)*[Hh][Tt][Tt][Pp][Ss]?://\#(authority)(?:[/?#][^\x00-\x20\x7F-\x9F]*)?\#(space)*$"#
    }()

    private static let webAddress = try! NSRegularExpression(pattern: webAddressPattern)

    /// True when `url` is an absolute http(s) address (`webAddressPattern`).
    public static func isWebAddress(_ url: String) -> Bool {
        webAddress.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) != nil
    }
}

/// A body or person named as taking part in a milestone.
public struct Actor: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An organisation: a committee, a Party department, an army unit.
        case body
        /// A named official.
        case person
    }

    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
