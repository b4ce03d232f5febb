import Foundation
public import JibangBase
public import JibangCore
public import JibangCorpus
public import JibangStore
import Synchronization

/// A team's corpus as one node sees it. The documents of record are in PostgreSQL; this node
/// keeps a copy of them with its own index segments in its index folder, brought up to date
/// from the store's change sequence when opened and on `catchUp`. Writes (ingest, snapshots,
/// clusters) go to PostgreSQL; reads (trend, kwic, articles, changes) are answered from the
/// copy, so they are as fast as on the embedded store. Deleting the folder only costs a rebuild.
public final class TeamCorpus: CorpusDocumentStore {
    let record: PostgresCorpus
    /// This node's copy: documents and segments in the index folder.
    public let copy: CorpusStore
    let storeID: String
    /// Where the copy is kept.
    public let indexFolder: String
    /// Set by this process's writes: the next read brings the copy up to date first, so a
    /// process reads what it wrote.
    private let written = Mutex(false)

    /// Documents read per round when bringing the copy up to date (one segment each).
    static let documentsPerRound = 5000

    private init(record: PostgresCorpus, copy: CorpusStore, storeID: String, indexFolder: String) {
        self.record = record
        self.copy = copy
        self.storeID = storeID
        self.indexFolder = indexFolder
    }

    /// Opens the corpus of the PostgreSQL store at `address` (migrating it on first use) with
    /// this node's copy in `indexFolder`, and brings the copy up to date. A folder holding a
    /// copy of another store is emptied and rebuilt.
    public static func open(
        _ address: PostgresAddress, indexFolder: String, progress: (String) -> Void = { _ in }
    ) async throws(JibangError)
        -> TeamCorpus
    {
        let store = try await PostgresStore.open(address)
        store.close()
        let record = PostgresCorpus(line: try PostgresLine.connect(address))
        let storeID = try record.storeID()
        var copy = try openCopy(in: indexFolder)
        if let of = try copy.copyPosition().of, of != storeID {
            progress("the index folder \(indexFolder) held a copy of another store: rebuilding it")
            for name in ["corpus.sqlite", "corpus.sqlite-wal", "corpus.sqlite-shm", "corpus.sqlite.corpus"] {
                try? FileManager.default.removeItem(atPath: indexFolder + "/" + name)
            }
            copy = try openCopy(in: indexFolder)
        }
        let corpus = TeamCorpus(record: record, copy: copy, storeID: storeID, indexFolder: indexFolder)
        try corpus.catchUp(progress: progress)
        return corpus
    }

    /// Where a node keeps its copy when not told: `JIBANG_INDEX_DIR` (resolved by `resolve`),
    /// else a folder named after the server and database under the user's cache folder
    /// (XDG_CACHE_HOME, else ~/.cache).
    public static func defaultIndexFolder(
        for address: PostgresAddress, environment: [String: String], resolve: (String) -> String = { $0 }
    ) -> String {
        if let folder = environment["JIBANG_INDEX_DIR"], !folder.isEmpty { return resolve(folder) }
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + "/.cache"
        let name = "\(address.socketDirectory ?? address.host ?? "localhost")-\(address.port)-\(address.database)"
            .map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" ? $0 : "_" }
        return cache + "/jibang/index/" + String(name)
    }

    static func openCopy(in folder: String) throws(JibangError) -> CorpusStore {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .storage("cannot create the index folder \(folder): \(error.localizedDescription); name a writable one")
        }
        return try CorpusStore.open(path: folder + "/corpus.sqlite")
    }

    /// Copies what changed in the store since the copy was last brought up to date: new
    /// documents (indexed in new segments), versions marked, clusters, listings, ingest runs.
    /// Returns the documents copied. Reports progress on rounds after the first.
    @discardableResult
    public func catchUp(progress: (String) -> Void = { _ in }) throws(JibangError) -> Int {
        var copied = 0
        while true {
            let from = try copy.copyPosition().through
            let changes = try record.changes(since: from, limit: Self.documentsPerRound)
            if changes.isEmpty && changes.through == from { return copied }
            if try copy.apply(changes, from: from, of: storeID) {
                copied += changes.documents.count
                if changes.more || copied > Self.documentsPerRound { progress("index folder: \(copied) documents copied and indexed") }
                if !changes.more { return copied }
            }
        }
    }

    /// The copy, brought up to date first when this process wrote since it was last.
    func current() throws(JibangError) -> CorpusStore {
        let pending = written.withLock { was in
            defer { was = false }
            return was
        }
        if pending {
            do { try catchUp() } catch {
                written.withLock { $0 = true }
                throw error
            }
        }
        return copy
    }

    /// Catches up on a thread of its own (not the caller's, not Swift concurrency's): what a
    /// server does when another node wrote. Requests made while one runs are folded into one more.
    public func catchUpInBackground(failed: @escaping @Sendable (JibangError) -> Void = { _ in }) {
        let start = background.withLock { state in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        Self.catchUpQueue.async { [self] in
            while true {
                do throws(JibangError) { try catchUp() } catch { failed(error) }
                let more = background.withLock { state in
                    defer { state.again = false }
                    if !state.again { state.running = false }
                    return state.again
                }
                if !more { return }
            }
        }
    }

    private let background = Mutex((running: false, again: false))
    static let catchUpQueue = DispatchQueue(label: "jibang.team-corpus.catch-up")

    // MARK: - Reads: from the copy

    public func segments() throws(JibangError) -> [Segment] { try current().segments() }
    public func segmentsKey() throws(JibangError) -> String { try current().segmentsKey() }
    public func body(rowID: Int64) -> String? { (try? current())?.body(rowID: rowID) }
    public func headers(rowIDs: [Int64]) throws(JibangError) -> [Int64: DocumentHeader] { try current().headers(rowIDs: rowIDs) }
    public func dayDatedArticles(matching group: TermGroup, versions: VersionChoice) throws(JibangError) -> [StoredArticle] {
        try current().dayDatedArticles(matching: group, versions: versions)
    }
    public func articles(documentIDs: [String]) throws(JibangError) -> [String: StoredArticle] {
        try current().articles(documentIDs: documentIDs)
    }
    public func languageTallies() throws(JibangError) -> [LanguageTally] { try current().languageTallies() }
    public func changes(_ filter: ChangeFilter) throws(JibangError) -> [DocumentChange] { try current().changes(filter) }
    public func reprintClusters(limit: Int, outlet: String?, documentId: String?) throws(JibangError) -> [ReprintCluster] {
        try current().reprintClusters(limit: limit, outlet: outlet, documentId: documentId)
    }
    public func outdatedSegments() throws(JibangError) -> [Int64] { try current().outdatedSegments() }
    public func reindex(segment id: Int64) throws(JibangError) { try copy.reindex(segment: id) }
    public func compact() throws(JibangError) { try copy.compact() }
    public func reclaimableBytes() throws(JibangError) -> Int { try copy.reclaimableBytes() }

    /// Computed from the documents of record, not the copy: what `jibang migrate` compares.
    public func fingerprint() throws(JibangError) -> (documents: Int, hash: String) { try record.fingerprint() }

    /// The copy's counts; the store's bytes are the database's size plus this node's segments.
    public func stats() throws(JibangError) -> CorpusStats {
        let stats = try current().stats()
        return CorpusStats(
            documents: stats.documents, byOutletYear: stats.byOutletYear, languages: stats.languages, duplicatesSkipped: stats.duplicatesSkipped,
            badRecordsSkipped: stats.badRecordsSkipped, ingestRuns: stats.ingestRuns, segments: stats.segments,
            outdatedSegments: stats.outdatedSegments, textBytes: stats.textBytes, indexBytes: stats.indexBytes, segmentBytes: stats.segmentBytes,
            documentBytes: stats.documentBytes, storeBytes: try record.databaseBytes() + stats.segmentBytes, versions: stats.versions,
            editedDocuments: stats.editedDocuments)
    }

    // MARK: - Writes: to the store of record

    public func recordSnapshot(source: String, ids: Set<String>, at time: String, complete: Bool) throws(JibangError) -> Int {
        defer { written.withLock { $0 = true } }
        return try record.recordSnapshot(source: source, ids: ids, at: time, complete: complete)
    }

    /// Stores the batch in PostgreSQL (one transaction). The prebuilt segment is not used:
    /// nodes index the documents when they copy them.
    public func store(_ batch: [PreparedDocument], prebuilt: BuiltSegment?) throws(JibangError) -> BatchResult {
        defer { written.withLock { $0 = true } }
        return try record.store(batch)
    }

    /// Nodes index documents when they copy them: ingest builds no segment ahead.
    public var indexesWhenStoring: Bool { false }

    public func record(_ summary: IngestSummary) throws(JibangError) {
        defer { written.withLock { $0 = true } }
        try record.record(summary)
    }

    /// Clusters on this node's up-to-date copy, then writes the clusters to the store (one
    /// transaction), where every other node copies them from.
    public func clusterReprints(threshold: Double?, progress: (String) -> Void) throws(JibangError) -> ReprintSummary {
        try catchUp(progress: progress)
        let summary = try copy.clusterReprints(threshold: threshold, progress: progress)
        let (clusters, settings) = try copy.clusterMarks()
        try record.storeClusters(clusters, settings: settings)
        try catchUp(progress: progress)
        return summary
    }
}
