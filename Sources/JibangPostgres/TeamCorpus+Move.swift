public import JibangBase
public import JibangCore
import JibangCorpus
public import JibangStore
import PostgresNIO

/// Moving a corpus between engines, row ids kept: what `jibang migrate` does after the record.
extension TeamCorpus {
    /// What a move compares: documents and their fingerprint, listings, ingest runs.
    public struct Census: Sendable, Equatable, CustomStringConvertible {
        public var documents: Int
        public var fingerprint: String
        public var listings: Int
        public var runs: Int

        public init(documents: Int, fingerprint: String, listings: Int, runs: Int) {
            self.documents = documents
            self.fingerprint = fingerprint
            self.listings = listings
            self.runs = runs
        }

        public var description: String {
            "\(documents) documents (fingerprint \(fingerprint)), \(listings) snapshot listings, \(runs) ingest runs"
        }
    }

    /// Documents per page read from the source.
    static let movePage = 5000

    static func connect(_ address: PostgresAddress) async throws(JibangError) -> PostgresCorpus {
        let store = try await PostgresStore.open(address)
        store.close()
        return PostgresCorpus(line: try PostgresLine.connect(address))
    }

    /// Copies the embedded corpus `source` into the empty corpus of the store at `address`,
    /// in one transaction. Nodes index it when they first open the store. Returns the documents copied.
    public static func moveIn(from source: CorpusStore, to address: PostgresAddress, progress: (String) -> Void) async throws(JibangError) -> Int {
        let target = try await connect(address)
        guard try target.isEmpty() else {
            throw JibangError(.conflict, "the target database already holds a corpus; move into an empty database")
        }
        var after: Int64 = 0
        var done = false
        var copied = 0
        return try target.load { () throws(JibangError) -> CorpusChanges? in
            guard !done else { return nil }
            let page = try source.storedRows(after: after, limit: movePage)
            after = page.through
            done = !page.more
            copied += page.documents.count
            if page.more { progress("corpus: \(copied) documents copied…") }
            return page
        }
    }

    /// Copies the corpus of the store at `address` into `target` (a new embedded store),
    /// indexing it as it goes. Returns the documents copied.
    public static func moveOut(from address: PostgresAddress, to target: CorpusStore, progress: (String) -> Void) async throws(JibangError) -> Int {
        let source = try await connect(address)
        let storeID = try source.storeID()
        var copied = 0
        while true {
            let from = try target.copyPosition().through
            let changes = try source.changes(since: from, limit: movePage)
            if changes.isEmpty && changes.through == from { break }
            guard try target.apply(changes, from: from, of: storeID) else {
                throw JibangError(.conflict, "another process is writing the new store \(target.folder); move into a file no one else uses")
            }
            copied += changes.documents.count
            if changes.more { progress("corpus: \(copied) documents copied and indexed…") }
            if !changes.more { break }
        }
        try target.forgetCopy()
        return copied
    }

    /// What the corpus of the store at `address` holds, computed from its rows.
    public static func census(of address: PostgresAddress) async throws(JibangError) -> Census {
        let corpus = try await connect(address)
        let fingerprint = try corpus.fingerprint()
        let counts = try corpus.bookkeepingCounts()
        return Census(documents: fingerprint.documents, fingerprint: fingerprint.hash, listings: counts.listings, runs: counts.runs)
    }

    /// What the embedded corpus `corpus` holds.
    public static func census(of corpus: CorpusStore) throws(JibangError) -> Census {
        let fingerprint = try corpus.fingerprint()
        let counts = try corpus.bookkeepingCounts()
        return Census(documents: fingerprint.documents, fingerprint: fingerprint.hash, listings: counts.listings, runs: counts.runs)
    }
}

extension PostgresCorpus {
    func bookkeepingCounts() throws(JibangError) -> (listings: Int, runs: Int) {
        guard let row = try line.rows("SELECT (SELECT count(*) FROM snapshot_listing), (SELECT count(*) FROM ingest_run)").first else {
            return (0, 0)
        }
        let (listings, runs) = try PostgresStore.decode(row, as: (Int, Int).self)
        return (listings, runs)
    }
}
