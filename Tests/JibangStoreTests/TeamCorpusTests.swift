import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangPostgres
import JibangStore
import JibangTestSupport
import Testing

/// Issue 21: the team's corpus is in PostgreSQL; each node keeps its own copy and index in its
/// index folder, brought up to date from the store. What one node writes, another reads after
/// catching up; a batch is stored whole or not at all; a folder is only a cache.
@Suite(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
struct TeamCorpusTests {
    typealias Record = DocumentVersionTests.Record

    /// What a node answers: trend counts (latest and first wording), the edits and
    /// withdrawals, the reprint clusters, the fingerprint: as JSON, to compare nodes by.
    static func answers(_ corpus: any CorpusDocumentStore) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let group = try TermGroup(name: "r", query: DocumentVersionTests.term)
        return [
            try json(corpus.trend(TrendQuery(groups: [group], by: .day, options: MatchOptions(versions: .latest)))),
            try json(corpus.trend(TrendQuery(groups: [group], by: .day, options: MatchOptions(versions: .first)))),
            try json(corpus.changes(ChangeFilter())),
            try json(corpus.reprintClusters(limit: 100, outlet: nil, documentId: nil)),
            "\(try corpus.fingerprint())",
        ]
    }

    static func node(_ address: PostgresAddress, _ dir: TemporaryDirectory, _ name: String) async throws -> TeamCorpus {
        try await TeamCorpus.open(address, indexFolder: dir.file(name))
    }

    /// A fresh database and two nodes on it, each with its own index folder in `dir`.
    static func twoNodes(_ dir: TemporaryDirectory) async throws -> (address: PostgresAddress, a: TeamCorpus, b: TeamCorpus) {
        let address = try await TestPostgres.freshDatabase()
        return (address, try await node(address, dir, "a"), try await node(address, dir, "b"))
    }

    @Test func aSecondNodeCopiesWhatTheFirstWroteAndAFolderIsOnlyACache() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (address, a, b) = try await Self.twoNodes(dir)
        _ = try DocumentVersionTests.ingest(DocumentVersionTests.first, into: a, dir: dir, name: "1.jsonl", at: "2024-10-06T10:00:00Z")
        #expect(try b.segments().isEmpty, "b has not caught up yet")
        #expect(try b.catchUp() == 3)
        #expect(try Self.answers(b) == (try Self.answers(a)))
        // A new version written through a: b's latest count drops once it catches up.
        _ = try DocumentVersionTests.ingest([DocumentVersionTests.edited], into: a, dir: dir, name: "2.jsonl", at: "2024-10-08T10:00:00Z")
        let before = try DocumentVersionTests.count(b, .latest).hits
        #expect(try b.catchUp() >= 1)
        #expect(try DocumentVersionTests.count(b, .latest).hits == before - 1)
        #expect(try DocumentVersionTests.count(b, .first).hits == before)
        #expect(try Self.answers(b) == (try Self.answers(a)))
        #expect(try b.catchUp() == 0, "nothing new: nothing copied")
        // Deleting b's folder costs a rebuild, nothing else.
        try FileManager.default.removeItem(atPath: dir.file("b"))
        let rebuilt = try await Self.node(address, dir, "b")
        #expect(try rebuilt.stats().versions == 4)
        #expect(try Self.answers(rebuilt) == (try Self.answers(a)))
    }

    @Test func writersOnTwoNodesAtOnceLoseNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (address, a, b) = try await Self.twoNodes(dir)
        func records(_ prefix: String) -> [Record] {
            (0..<60).map { Record(id: "\(prefix)\($0)", date: "2024-10-0\(1 + $0 % 9)", body: "\(prefix) report \($0) on regional industry.") }
        }
        async let first: IngestSummary = Task {
            try DocumentVersionTests.ingest(records("a"), into: a, dir: dir, name: "a.jsonl", at: "2024-10-06T10:00:00Z")
        }.value
        async let second: IngestSummary = Task {
            try DocumentVersionTests.ingest(records("b"), into: b, dir: dir, name: "b.jsonl", at: "2024-10-06T10:00:00Z")
        }.value
        let (one, two) = try await (first, second)
        #expect(one.ingested == 60 && two.ingested == 60)
        // A third node, and each writer, copies all 120, each once.
        let c = try await Self.node(address, dir, "c")
        for node in [a, b, c] {
            #expect(try node.stats().documents == 120)
            #expect(try node.segments().reduce(0) { $0 + $1.count } == 120)
            #expect(try DocumentVersionTests.count(node, .latest).hits == 120)
        }
    }

    @Test func aBatchIsStoredWholeOrNotAtAll() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let address = try await TestPostgres.freshDatabase()
        let a = try await Self.node(address, dir, "a")
        // One batch of 1,500 documents takes two INSERT statements; a rule the database
        // enforces fails the second one, after the first has run.
        let records = (0..<1500).map { Record(id: "d\($0)", date: "2024-10-06", body: "Report \($0) on regional industry.") }
        let path = dir.write("batch.jsonl", records.map(\.json).joined(separator: "\n") + "\n")
        func ingest() throws -> IngestSummary {
            var ingest = CorpusIngest(corpus: a, options: ReadOptions())
            ingest.batchDocuments = 5000
            return try ingest.ingest(path, format: .jsonl)
        }
        try await TestPostgres.execute("ALTER TABLE document ADD CONSTRAINT no_d1200 CHECK (doc_id <> 'd1200')", on: address)
        #expect(throws: JibangError.self) { try ingest() }
        #expect(try await TestPostgres.execute("SELECT count(*)::text FROM document", on: address) == ["0"], "nothing of the batch")
        // Running it again once the cause is gone completes it.
        try await TestPostgres.execute("ALTER TABLE document DROP CONSTRAINT no_d1200", on: address)
        #expect(try ingest().ingested == 1500)
        #expect(try await TestPostgres.execute("SELECT count(*)::text FROM document", on: address) == ["1500"])
        #expect(try a.stats().documents == 1500)
    }

    @Test func aNodeCarriesOnAfterTheServerEndsItsConnection() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (address, a, b) = try await Self.twoNodes(dir)
        // What an administrator's restart does to a node's connection.
        var server = address
        server.database = TestPostgres.server?.database ?? "postgres"
        try await TestPostgres.execute(
            "SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE datname = '\(address.database)'", on: server)
        _ = try DocumentVersionTests.ingest(DocumentVersionTests.first, into: a, dir: dir, name: "1.jsonl", at: "2024-10-06T10:00:00Z")
        #expect(try b.catchUp() == 3)
    }

    @Test func aFolderHoldingAnotherStoresCopyIsRebuilt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let one = try await TestPostgres.freshDatabase()
        let two = try await TestPostgres.freshDatabase()
        let a = try await Self.node(one, dir, "shared")
        _ = try DocumentVersionTests.ingest(DocumentVersionTests.first, into: a, dir: dir, name: "1.jsonl", at: "2024-10-06T10:00:00Z")
        #expect(try a.stats().documents == 3)
        var notes: [String] = []
        let b = try await TeamCorpus.open(two, indexFolder: dir.file("shared"), progress: { notes.append($0) })
        #expect(try b.stats().documents == 0, "the other store's documents are not mixed in")
        #expect(try b.segments().isEmpty)
        #expect(notes.contains { $0.contains("another store") })
    }
}
