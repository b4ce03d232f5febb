/// A document whose record changed after it was first stored: republished with edits (two
/// or more versions), or withdrawn from its source's listing. The JSON form is the contract
/// of `jibang corpus changes --format json`.
public struct DocumentChange: Sendable, Codable, Equatable {
    /// One stored version, in the order versions were observed.
    public struct Version: Sendable, Codable, Equatable {
        public let version: Int
        /// When this wording was seen (ISO 8601, UTC); nil for versions stored before Jibang
        /// kept the time.
        public let observedAt: String?
        public let ingestedAt: String?
        public let date: String
        public let title: String

        enum CodingKeys: String, CodingKey { case version, observedAt, ingestedAt, date, title }

        /// Every field of the contract is written: the times as null for versions stored
        /// before they were kept.
        public func encode(to encoder: any Encoder) throws {
            var out = encoder.container(keyedBy: CodingKeys.self)
            try out.encode(version, forKey: .version)
            try out.encode(observedAt, forKey: .observedAt)
            try out.encode(ingestedAt, forKey: .ingestedAt)
            try out.encode(date, forKey: .date)
            try out.encode(title, forKey: .title)
        }

        public init(version: Int, observedAt: String?, ingestedAt: String?, date: String, title: String) {
            self.version = version
            self.observedAt = observedAt
            self.ingestedAt = ingestedAt
            self.date = date
            self.title = title
        }
    }

    /// A document a snapshot of its source no longer listed.
    public struct Withdrawal: Sendable, Codable, Equatable {
        public let source: String
        /// The last snapshot that listed it.
        public let lastSeen: String
        /// The first snapshot that did not.
        public let noticedAt: String

        public init(source: String, lastSeen: String, noticedAt: String) {
            self.source = source
            self.lastSeen = lastSeen
            self.noticedAt = noticedAt
        }
    }

    public let documentId: String
    public let outlet: String
    public let versions: [Version]
    /// The two versions compared: the two observed last unless others were asked for.
    public let fromVersion: Int?
    public let toVersion: Int?
    /// Word by word (Korean: eojeol by eojeol), `fromVersion`'s text to `toVersion`'s.
    public let diff: [WordDiff.Piece]
    /// Set when the document was withdrawn from a source's listing.
    public let withdrawn: Withdrawal?

    public init(
        documentId: String, outlet: String, versions: [Version], fromVersion: Int?, toVersion: Int?, diff: [WordDiff.Piece],
        withdrawn: Withdrawal? = nil
    ) {
        self.documentId = documentId
        self.outlet = outlet
        self.versions = versions
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.diff = diff
        self.withdrawn = withdrawn
    }
}

/// What `corpus changes` lists.
public struct ChangeFilter: Sendable, Equatable {
    /// Only changes observed on or after this time (ISO 8601; a date means its midnight, UTC).
    public var since: String?
    public var outlet: String?
    public var documentId: String?
    /// The versions to compare (by number); nil: the two observed last.
    public var fromVersion: Int?
    public var toVersion: Int?
    public var limit = 100

    public init(
        since: String? = nil, outlet: String? = nil, documentId: String? = nil, fromVersion: Int? = nil, toVersion: Int? = nil, limit: Int = 100
    ) {
        self.since = since
        self.outlet = outlet
        self.documentId = documentId
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.limit = limit
    }
}
