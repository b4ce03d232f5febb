import Foundation
import JibangBase
import JibangCore
import JibangPostgres
import JibangStore
import JibangTestSupport
import Testing

/// Issue 21: moving the record between engines keeps every row and every id; the moved store
/// goes on working (tokens, sessions, new ids after the copied ones).
@Suite struct StoreMoveTests {
    /// A store with something in every table: the bundled record, a correction, a release,
    /// decided and pending evidence, an indicator, tokens (one revoked), a session.
    static func richStore(_ dir: TemporaryDirectory) async throws -> (store: SQLiteStore, token: String, session: String) {
        let (store, _) = try await StoreBootstrap.open(path: dir.file("source.sqlite"))
        let token = try await store.createToken(role: .editor, label: "kim")
        let revoked = try await store.createToken(role: .viewer)
        try await store.revokeToken(id: try #require(try await store.tokens().first { $0.role == .viewer }?.id))
        _ = revoked
        let session = try #require(try await store.startSession(tokenSecret: token, lifetime: 3600)).secret
        try await store.addIndicator(Indicator(name: "곡물 생산", unit: "Mt", period: "2020", value: 5.5, source: "FAO", note: "추정"))
        let milestone = try #require(try await store.sites().first?.milestones.first?.id)
        try await store.setRetracted(milestone: milestone, true, reason: "misread")
        let records = try await store.insertCandidates([
            StoreConformanceTests.record("moved-1", confidence: 0.9), StoreConformanceTests.record("moved-2", confidence: 0.4),
        ])
        _ = try await store.acceptCandidate(
            id: records[0].record.id!, placeID: "KP0409", note: "ok",
            write: .addMilestone(StoreConformanceTests.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/moved")))
        var visit = StoreConformanceTests.entry("KP0409", .leaderVisit, "2024-11-02", url: "https://example.org/visit")
        visit.milestone.actors = [Actor(name: "김정은", kind: .person), Actor(name: "Cabinet", kind: .body)]
        _ = try await store.importEntries([visit], file: "visit.csv")
        _ = try await store.createRelease(name: "before-move", notes: "frozen", jibangVersion: "test")
        return (store, token, session)
    }

    @Test func aRecordMovesBetweenSQLiteFilesWhole() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (source, token, session) = try await Self.richStore(dir)
        let target = try SQLiteStore.open(path: dir.file("target.sqlite"))
        let report = try await StoreMove.copy(from: source, to: target)
        try await Self.expectWhole(report, source: source, target: target, token: token, session: session)
    }

    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func aRecordMovesToPostgreSQLAndBackWhole() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (source, token, session) = try await Self.richStore(dir)
        let original = try await source.dumpRecord()
        let team = try await TestPostgres.freshStore()
        try await Self.expectWhole(
            try await StoreMove.copy(from: source, to: team), source: source, target: team, token: token, session: session, thenWrite: false)
        let back = try SQLiteStore.open(path: dir.file("back.sqlite"))
        let report = try await StoreMove.copy(from: team, to: back)
        #expect(try await back.dumpRecord() == original, "there and back: the same rows")
        try await Self.expectWhole(report, source: team, target: back, token: token, session: session)
    }

    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func aTargetWithARecordIsRefusedUnchanged() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (source, _, _) = try await Self.richStore(dir)
        let team = try await TestPostgres.freshStore()
        try await StoreSeeding.prepare(team, empty: true)
        let before = try await team.dumpRecord()
        let error = try await #require(throws: JibangError.self) { try await StoreMove.copy(from: source, to: team) }
        #expect(error.code == .conflict && error.message.contains("already holds a record"))
        #expect(try await team.dumpRecord() == before)
    }

    /// What a lossless move means, checked independently of the report: the rows read back
    /// equal, the programme the same, and the target goes on working.
    static func expectWhole(
        _ report: MoveReport, source: some RecordDumping, target: some RecordDumping, token: String, session: String,
        thenWrite: Bool = true
    ) async throws {
        #expect(report.isLossless, "\(report.differingTables)")
        let (a, b) = (try await source.dumpRecord(), try await target.dumpRecord())
        #expect(a == b)
        for table in a.tables { #expect(!table.rows.isEmpty, "\(table.table) had rows to move") }
        #expect(try await source.sites() == target.sites())
        #expect(try await target.role(ofToken: token) == .editor, "a token moves as its hash and keeps working")
        #expect(try await target.session(ofSecret: session)?.token.label == "kim", "so does a session")
        #expect(try await target.releases().map(\.name) == ["before-move"])
        #expect(
            try await target.auditEntries(since: nil, entity: nil, entityID: nil, limit: 1000).count
                == a.tables.first { $0.table == "audit" }?.rows.count)
        guard thenWrite else { return }
        // New rows take ids after the copied ones.
        let maxToken = try await target.tokens().map(\.id).max() ?? 0
        _ = try await target.createToken(role: .admin, label: "after")
        #expect(try await target.tokens().first?.id == maxToken + 1)
    }
}
