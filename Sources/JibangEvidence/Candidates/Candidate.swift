public import JibangCore

/// A proposed milestone: a place (or only a province), an event and its date, read from one
/// article, waiting for an analyst to accept or reject it. Its JSON is the contract of
/// `jibang evidence scan|list --format json`.
public struct Candidate: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, accepted, rejected
    }

    /// Store id; nil until stored.
    public var id: Int64?
    /// Gazetteer id of the city or county; nil when the article names only a province.
    public var placeID: String?
    public var placeName: String?
    public var provinceID: String?
    public var event: EvidenceEvent
    public var facilities: [String]
    /// ISO day, month, range (start/end) or on-or-before (../day).
    public var date: String
    public var datePrecision: String
    public var documentID: String
    public var documentTitle: String
    public var documentDate: String
    public var outlet: String
    public var url: String?
    /// The sentence that reports it.
    public var snippet: String
    /// 0–1: the rule's strength, weighed by how the place was settled and whether the text gave the date.
    public var confidence: Double
    /// Which rule matched, how the place was settled, where the date came from.
    public var why: String
    public var status: Status
    /// An existing milestone this candidate corroborates (same site, kind and overlapping date).
    public var corroborates: Int64?
    /// For a province-only candidate: the programme sites in that province, to choose from.
    public var provinceSites: [String]

    enum CodingKeys: String, CodingKey {
        case id
        case placeID = "place_id"
        case placeName = "place_name"
        case provinceID = "province_id"
        case event, facilities, date
        case datePrecision = "date_precision"
        case documentID = "document_id"
        case documentTitle = "document_title"
        case documentDate = "document_date"
        case outlet, url, snippet, confidence, why, status, corroborates
        case provinceSites = "province_sites"
    }

    /// Writes every key, null included: `place_id` is null for a province-level candidate.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(placeID, forKey: .placeID)
        try c.encode(placeName, forKey: .placeName)
        try c.encode(provinceID, forKey: .provinceID)
        try c.encode(event, forKey: .event)
        try c.encode(facilities, forKey: .facilities)
        try c.encode(date, forKey: .date)
        try c.encode(datePrecision, forKey: .datePrecision)
        try c.encode(documentID, forKey: .documentID)
        try c.encode(documentTitle, forKey: .documentTitle)
        try c.encode(documentDate, forKey: .documentDate)
        try c.encode(outlet, forKey: .outlet)
        try c.encode(url, forKey: .url)
        try c.encode(snippet, forKey: .snippet)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(why, forKey: .why)
        try c.encode(status, forKey: .status)
        try c.encode(corroborates, forKey: .corroborates)
        try c.encode(provinceSites, forKey: .provinceSites)
    }

    public init(
        id: Int64? = nil, placeID: String?, placeName: String?, provinceID: String?, event: EvidenceEvent, facilities: [String], date: MilestoneDate,
        documentID: String, documentTitle: String, documentDate: String, outlet: String, url: String?, snippet: String, confidence: Double,
        why: String, status: Status = .pending, corroborates: Int64? = nil, provinceSites: [String] = []
    ) {
        self.id = id
        self.placeID = placeID
        self.placeName = placeName
        self.provinceID = provinceID
        self.event = event
        self.facilities = facilities
        self.date = date.description
        self.datePrecision = date.precision.rawValue
        self.documentID = documentID
        self.documentTitle = documentTitle
        self.documentDate = documentDate
        self.outlet = outlet
        self.url = url
        self.snippet = snippet
        self.confidence = confidence
        self.why = why
        self.status = status
        self.corroborates = corroborates
        self.provinceSites = provinceSites
    }

    /// The parsed date.
    public var milestoneDate: MilestoneDate? { MilestoneDate(date) }

    /// What makes two candidates the same proposal: document, place (or province), event, date.
    /// A rescan inserts only keys not seen before, so a rejected candidate never returns.
    public var key: String { [documentID, placeID ?? "province:" + (provinceID ?? "?"), event.rawValue, date].joined(separator: "|") }
}
