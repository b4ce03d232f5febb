/// What changed in a team's corpus since a point of its change sequence: what a node needs to
/// bring its own copy (documents and index segments, in its index folder) up to date. Rows
/// come as stored, row ids included, so every node's segments name the same rows.
public struct CorpusChanges: Sendable {
    /// One stored version of a document, every column as the record keeps it.
    public struct StoredDocument: Sendable, Equatable {
        public var rowID: Int64
        public var documentID: String
        public var version: Int
        public var contentKey: String
        public var outlet: String
        public var date: String
        public var day: Int
        public var precision: String
        public var title: String
        public var language: String?
        public var url: String?
        public var metadata: String?
        public var sourceFile: String
        public var packed: PackedText
        /// The text as it arrived, when NFC changed it and the packed text does not keep it.
        public var original: String?
        public var observedAt: String?
        public var ingestedAt: String?
        public var isFirst: Bool
        public var isLatest: Bool
        public var minhash: [UInt8]?
        public var clusterID: Int64?

        public init(
            rowID: Int64, documentID: String, version: Int, contentKey: String, outlet: String, date: String, day: Int, precision: String,
            title: String, language: String?, url: String?, metadata: String?, sourceFile: String, packed: PackedText, original: String?,
            observedAt: String?, ingestedAt: String?, isFirst: Bool, isLatest: Bool, minhash: [UInt8]?, clusterID: Int64?
        ) {
            self.rowID = rowID
            self.documentID = documentID
            self.version = version
            self.contentKey = contentKey
            self.outlet = outlet
            self.date = date
            self.day = day
            self.precision = precision
            self.title = title
            self.language = language
            self.url = url
            self.metadata = metadata
            self.sourceFile = sourceFile
            self.packed = packed
            self.original = original
            self.observedAt = observedAt
            self.ingestedAt = ingestedAt
            self.isFirst = isFirst
            self.isLatest = isLatest
            self.minhash = minhash
            self.clusterID = clusterID
        }
    }

    /// What one snapshot of a source listed about one document.
    public struct Listing: Sendable, Equatable {
        public var source: String
        public var documentID: String
        public var firstSeen: String
        public var lastSeen: String
        public var withdrawnAt: String?

        public init(source: String, documentID: String, firstSeen: String, lastSeen: String, withdrawnAt: String?) {
            self.source = source
            self.documentID = documentID
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.withdrawnAt = withdrawnAt
        }
    }

    /// One file's ingest, as recorded.
    public struct Run: Sendable, Equatable {
        public var id: Int64
        /// When it finished, "yyyy-MM-dd HH:mm:ss.SSS" UTC.
        public var finished: String
        public var summary: IngestSummary

        public init(id: Int64, finished: String, summary: IngestSummary) {
            self.id = id
            self.finished = finished
            self.summary = summary
        }
    }

    /// Documents added or changed (new versions mark older ones; clustering sets cluster ids).
    public var documents: [StoredDocument] = []
    public var listings: [Listing] = []
    public var runs: [Run] = []
    /// Corpus settings (the reprint threshold, the clustering's mark).
    public var settings: [String: String] = [:]
    /// The change sequence these changes bring a copy up to.
    public var through: Int64
    /// Whether more changes follow `through`.
    public var more: Bool

    public init(through: Int64, more: Bool = false) {
        self.through = through
        self.more = more
    }

    public var isEmpty: Bool { documents.isEmpty && listings.isEmpty && runs.isEmpty && settings.isEmpty }
}
