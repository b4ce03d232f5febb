public import JibangBase

/// Where the corpus lives: the documents with their original text, and the index segments
/// derived from them. The SQLite store implements it now; every query (trend, KWIC, examples)
/// is written once, below, over any implementation.
public protocol CorpusDocumentStore: Sendable {
    /// Every index segment, memory-mapped.
    func segments() throws(JibangError) -> [Segment]
    /// Changes whenever a segment is added or rebuilt: a cheap check that cached segments are current.
    func segmentsKey() throws(JibangError) -> String
    /// The stored (NFC) text of a document.
    func body(rowID: Int64) -> String?
    /// Title, outlet, date and id of documents, by row id.
    func headers(rowIDs: [Int64]) throws(JibangError) -> [Int64: DocumentHeader]
    /// The articles dated to the day that match `group` (with its filters), oldest first.
    func dayDatedArticles(matching group: TermGroup, versions: VersionChoice) throws(JibangError) -> [StoredArticle]
    /// The articles with these document ids that are dated to the day, by id (others left out).
    func articles(documentIDs: [String]) throws(JibangError) -> [String: StoredArticle]
    /// The document count and a hash of every document's id and content, in id order.
    func fingerprint() throws(JibangError) -> (documents: Int, hash: String)
    /// What the corpus holds.
    func stats() throws(JibangError) -> CorpusStats
    /// Documents by first day, precision, outlet and language, for the language mix of periods.
    func languageTallies() throws(JibangError) -> [LanguageTally]

    /// Documents republished with edits or withdrawn from a snapshot's source, newest change
    /// first, with a word diff of the versions compared.
    func changes(_ filter: ChangeFilter) throws(JibangError) -> [DocumentChange]

    /// Clusters the corpus's near-copies (signing documents stored before signatures were
    /// kept) at `threshold` (nil: the last one used, else 0.8).
    func clusterReprints(threshold: Double?, progress: (String) -> Void) throws(JibangError) -> ReprintSummary
    /// The clusters of near-copies, largest first; one cluster, with word diffs, by a member's id.
    func reprintClusters(limit: Int, outlet: String?, documentId: String?) throws(JibangError) -> [ReprintCluster]

    // MARK: Ingest bookkeeping

    /// Records that a snapshot of `source` taken at `time` listed exactly `ids`; when it is
    /// `complete`, the source's other documents are withdrawn. Returns how many were newly withdrawn.
    func recordSnapshot(source: String, ids: Set<String>, at time: String, complete: Bool) throws(JibangError) -> Int

    /// Whether storing indexes too (see the default in the extension).
    var indexesWhenStoring: Bool { get }
    /// Stores one batch and its segment in one transaction; documents already stored are
    /// skipped and counted. `prebuilt` is the batch's segment when every document is new.
    func store(_ batch: [PreparedDocument], prebuilt: BuiltSegment?) throws(JibangError) -> BatchResult
    /// Records one file's ingest for the statistics.
    func record(_ summary: IngestSummary) throws(JibangError)
    /// Ids of the segments written in an older format.
    func outdatedSegments() throws(JibangError) -> [Int64]
    /// Rebuilds one segment from its stored documents, in the current format (packing texts
    /// stored before packing).
    func reindex(segment id: Int64) throws(JibangError)
    /// Returns the space that converted texts left free to the file system.
    func compact() throws(JibangError)
    /// Bytes of the store file that are free (left by converted or deleted rows) and that
    /// `compact` would return.
    func reclaimableBytes() throws(JibangError) -> Int
}

extension CorpusDocumentStore {
    /// Whether `store` indexes what it stores (and so can use a segment the ingest built
    /// ahead); a store whose nodes index later says no, and ingest builds none.
    public var indexesWhenStoring: Bool { true }
}

extension CorpusDocumentStore {
    /// The articles dated to the day that match `group`, in their latest wording, oldest first.
    public func dayDatedArticles(matching group: TermGroup) throws(JibangError) -> [StoredArticle] {
        try dayDatedArticles(matching: group, versions: .latest)
    }
}

extension CorpusDocumentStore {
    /// Runs a trend query over every segment (the original texts are read only when an option needs them).
    public func trend(_ query: TrendQuery) throws -> TrendResult {
        try TrendEngine(segments: try segments(), rawText: { self.body(rowID: $0) }).run(query)
    }
}

extension CorpusDocumentStore {
    /// The languages of the documents `query` counts (its outlets and dates), period by period in
    /// the query's unit, oldest first. Periods whose documents name no language are left out:
    /// an unknown language is not a change. What `compare` and `report` check for a mix change.
    public func languagesByPeriod(_ query: TrendQuery) throws(JibangError) -> [(period: String, members: Set<String>)] {
        let outlets = Set(query.outlets.map { $0.lowercased() })
        var byPeriod: [Int: Set<String>] = [:]
        for tally in try languageTallies() {
            guard let language = tally.language, !language.isEmpty, outlets.isEmpty || outlets.contains(tally.outlet.lowercased()),
                query.from.map({ tally.day >= $0 }) ?? true, query.to.map({ tally.day <= $0 }) ?? true,
                let period = query.by.period(day: tally.day, precision: tally.precision)
            else { continue }
            byPeriod[period, default: []].insert(language)
        }
        return byPeriod.keys.sorted().map { (query.by.label($0), byPeriod[$0]!) }
    }
}

extension CorpusDocumentStore {
    /// Documents of one period that match `group` (newest first, at most `limit`), for drilling
    /// down from a peak to the articles behind it.
    public func documents(
        matching group: TermGroup, period: Int, by unit: PeriodUnit, options: MatchOptions, outlets: [String] = [], limit: Int = 3
    ) throws(JibangError) -> [DocumentHeader] {
        let segments = try segments()
        var group = group
        group.outlets += outlets
        group = try group.checked(against: segments)
        let days = unit.days(of: period)
        group.from = max(group.from ?? days.lowerBound, days.lowerBound)
        group.to = min(group.to ?? days.upperBound, days.upperBound)
        let found = KWIC.documents(group, options: options, in: segments, limit: limit)
        let headers = try headers(rowIDs: found.map(\.rowID))
        return found.compactMap { headers[$0.rowID] }
    }
}

extension CorpusDocumentStore {
    /// Every occurrence of `group` in the newest `limit` documents that contain it, with `width`
    /// characters of context. `segments` (when the caller keeps them open) saves reopening the index.
    public func keywordInContext(
        _ group: TermGroup, options: MatchOptions, segments: [Segment]? = nil, limit: Int, width: Int
    ) throws(JibangError) -> (hits: [KWICHit], documents: Int) {
        let searched: [Segment]
        if let segments { searched = segments } else { searched = try self.segments() }
        let group = try group.checked(against: searched)
        let documents = KWIC.documents(group, options: options, in: searched, limit: limit)
        let headers = try headers(rowIDs: documents.map(\.rowID))
        var hits: [KWICHit] = []
        let lines = KWIC.Lines(group, options: options)
        for document in documents {
            guard let text = body(rowID: document.rowID), let header = headers[document.rowID] else { continue }
            for line in lines.lines(rowID: document.rowID, text: text, width: width) {
                hits.append(
                    KWICHit(
                        documentId: header.id, date: header.date, outlet: header.outlet, title: header.title, left: line.left, match: line.match,
                        right: line.right, version: header.version))
            }
        }
        return (hits, documents.count)
    }
}

extension CorpusDocumentStore {
    /// Documents per period and outlet (and "all"), with likely holes in the collection
    /// flagged: a trend of no terms.
    public func coverage(by unit: PeriodUnit, outlets: [String] = [], from: Int? = nil, to: Int? = nil) throws -> [CoverageCell] {
        try trend(TrendQuery(groups: [], by: unit, outlets: outlets, from: from, to: to)).coverage
    }
}
