import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangPostgres
import JibangStore
import JibangTestSupport
import Testing

/// What every store behind `RecordStore` must do, whatever keeps the data. Each test runs
/// against every implementation in `StoreConformanceTests.stores`: SQLite on a file and in
/// memory, and PostgreSQL when `JIBANG_TEST_POSTGRES` names a server (`.ci/run` always does).
@Suite struct StoreConformanceTests {
    /// A named way to make a new, empty store (gazetteer and stages loaded, no programme).
    struct Implementation: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable (TemporaryDirectory) async throws -> any RecordStore
        var testDescription: String { name }
    }

    static let stores =
        [
            Implementation(name: "SQLite file") { dir in
                BackendTally.record("conformance", "SQLite")
                return try await StoreBootstrap.open(path: dir.file("c.sqlite"), empty: true).store
            },
            // The same engine in memory: not counted again in the tally.
            Implementation(name: "SQLite in memory") { _ in
                let store = try SQLiteStore.inMemory()
                try await StoreBootstrap.prepare(store, empty: true)
                return store
            },
        ] + (TestPostgres.server == nil ? [] : [postgres])

    /// The team store, in a database of its own on the cluster `.ci/run` starts.
    static let postgres = Implementation(name: "PostgreSQL") { _ in
        BackendTally.record("conformance", "PostgreSQL")
        let store = try await TestPostgres.freshStore()
        try await StoreSeeding.prepare(store, empty: true)
        return store
    }

    static func entry(_ division: String, _ kind: Milestone.Kind, _ date: String, url: String, line: Int = 1) -> ProgrammeEntry {
        ProgrammeEntry(
            stageID: "2024", divisionID: division,
            milestone: Milestone(kind: kind, date: MilestoneDate(date)!, sources: [Source(url: url, outlet: "KCNA")]),
            origin: InputLocation(file: "t.csv", line: line))
    }

    // MARK: - Programme

    /// Issue 15: a release freezes the record; a changelog after an import lists exactly the
    /// imported rows; a retraction since shows as a change; names are unique.
    @Test(arguments: stores)
    func releasesFreezeTheRecordAndDiff(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let gazetteer = try BundledData.gazetteer()
        _ = try await store.importEntries([Self.entry("KP0310", .groundbreaking, "2024-03-01", url: "https://example.org/a")], file: "a.csv")
        let first = try await store.createRelease(name: "r1", notes: "first", jibangVersion: "test")
        let new = [
            Self.entry("KP0316", .groundbreaking, "2024-03-02", url: "https://example.org/b", line: 2),
            Self.entry("KP0310", .inauguration, "2024-12-20", url: "https://example.org/c", line: 3),
        ]
        _ = try await store.importEntries(new, file: "b.csv")
        let stored = try #require(try await store.sites().flatMap(\.milestones).first { $0.sources.first?.url == "https://example.org/a" })
        try await store.setRetracted(milestone: stored.id!, true, reason: "not a programme site")
        _ = try await store.createRelease(name: "r2", notes: nil, jibangVersion: "test")
        await #expect(throws: JibangError.self) { try await store.createRelease(name: "r2", notes: nil, jibangVersion: "test") }
        await #expect(throws: JibangError.self) { try await store.createRelease(name: "../x", notes: nil, jibangVersion: "test") }
        await #expect(throws: JibangError.self) { try await store.release(named: "r9") }
        #expect(try await store.releases().map(\.name) == ["r1", "r2"])
        #expect(try await store.release(named: "r1") == first, "a release reads back as it was frozen")

        let diff = ReleaseDiff(
            from: "r1", try await store.release(named: "r1").sites, to: "r2", try await store.release(named: "r2").sites, gazetteer: gazetteer)
        let expected = Set(new.map { "\($0.stageID)|\($0.divisionID)|\($0.milestone.kind.rawValue)|\($0.milestone.date)" })
        #expect(Set(diff.added.map { "\($0.stage)|\($0.divisionId)|\($0.event)|\($0.date)" }) == expected)
        #expect(diff.removed.isEmpty)
        #expect(diff.changed.map(\.id) == [stored.id!])
        #expect(diff.changed.first?.after.retracted == "not a programme site")
        #expect(diff.markdown.contains("- added #") && diff.markdown.contains("retracted: not a programme site"))
    }

    /// Issue 15: a site's role and its sources' readings are kept; an analyst's role change is
    /// audited, and an import that states a role sets it.
    @Test(arguments: stores)
    func rolesAreKeptAndChangedWithAReason(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        var farm = Self.entry("KP0319", .groundbreaking, "2024-02-14", url: "https://example.org/farm")
        farm.role = .associated
        farm.roleReadings = [.init(role: .associated, source: "https://a.example"), .init(role: .wave, source: "https://b.example")]
        _ = try await store.importEntries([farm, Self.entry("KP0310", .groundbreaking, "2024-03-01", url: "https://example.org/w")], file: "t.csv")
        let sites = try await store.sites()
        let stored = try #require(sites.first { $0.divisionID == "KP0319" })
        #expect(stored.role == .associated && stored.roleReadings == farm.roleReadings)
        #expect(sites.first { $0.divisionID == "KP0310" }?.role == .wave)
        try await store.setRole(site: stored.id!, .wave, reason: "the analyst's list")
        await #expect(throws: JibangError.self) { try await store.setRole(site: stored.id!, .wave, reason: "twice") }
        await #expect(throws: JibangError.self) { try await store.setRole(site: 99_999, .wave, reason: "none") }
        #expect(try await store.sites().first { $0.id == stored.id }?.role == .wave)
        let audit = try await store.auditEntries(since: nil, entity: "site", entityID: String(stored.id!), limit: 5)
        #expect(audit.map(\.action) == ["role"] && audit.first?.reason == "the analyst's list")
        var again = Self.entry("KP0319", .inauguration, "2024-12-28", url: "https://example.org/farm2")
        again.role = .associated
        _ = try await store.importEntries([again], file: "u.csv")
        #expect(try await store.sites().first { $0.id == stored.id }?.role == .associated, "an import that states a role sets it")
    }

    @Test(arguments: stores)
    func importsAllOrNothingAndReadsBack(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let entries = [
            Self.entry("KP0409", .groundbreaking, "2024-02-28", url: "https://example.org/a"),
            Self.entry("KP0409", .inauguration, "2024-12", url: "https://example.org/b", line: 2),
        ]
        let summary = try await store.importEntries(entries, file: "t.csv")
        #expect(summary == ImportSummary(file: "t.csv", milestones: 2, sitesCreated: 1, sources: 2))
        let sites = try await store.sites()
        #expect(sites.map(\.divisionID) == ["KP0409"])
        #expect(sites[0].milestones.map(\.date.description) == ["2024-02-28", "2024-12"])
        #expect(sites[0].milestones.allSatisfy { $0.id != nil })

        let late = [Self.entry("KP0310", .groundbreaking, "2024-03-01", url: "https://example.org/c"), entries[1]]
        let error = try await #require(throws: JibangError.self) { try await store.importEntries(late, file: "late.csv") }
        #expect(error.code == .duplicate)
        #expect(try await store.sites().map(\.divisionID) == ["KP0409"], "the first, new entry was not kept either")
    }

    @Test(arguments: stores)
    func sourcesAreAppendedOnceAndOnlyToKnownMilestones(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        _ = try await store.importEntries([Self.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/a")], file: "t.csv")
        let id = try #require(try await store.sites().first?.milestones.first?.id)
        try await store.addSource(Source(url: "https://example.org/second"), toMilestone: id)
        #expect(try await store.sites().first?.milestones.first?.sources.map(\.url) == ["https://example.org/a", "https://example.org/second"])
        let again = try await #require(throws: JibangError.self) {
            try await store.addSource(Source(url: "https://example.org/second"), toMilestone: id)
        }
        #expect(again.code == .duplicate)
        let unknown = try await #require(throws: JibangError.self) {
            try await store.addSource(Source(url: "https://example.org/x"), toMilestone: id + 1000)
        }
        #expect(unknown.code == .notFound)
    }

    /// Issue 14: a source's own date survives the store; a correction is audited with its
    /// snapshot; a newer record adds only what is missing and respects the correction.
    @Test(arguments: stores)
    func readingsCorrectionsAndNewerRecords(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let groundbreaking = Self.entry("KP0409", .groundbreaking, "2024-02-28", url: "https://example.org/a")
        let inauguration = Self.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/b", line: 2)
        _ = try await store.importEntries([groundbreaking, inauguration], file: "t.csv", sha256: "00ff")
        let imported = try await store.auditEntries(since: nil, entity: "import", entityID: nil, limit: 5)
        #expect(imported.first.flatMap { entry in if case let .object(after)? = entry.after { after["sha256"] } else { nil } } == .string("00ff"))
        let ids = try await store.sites().flatMap(\.milestones).reduce(into: [Milestone.Kind: Int64]()) { $0[$1.kind] = $1.id }
        try await store.addSource(Source(url: "https://example.org/late", reading: MilestoneDate("2024-03-02")), toMilestone: ids[.groundbreaking]!)
        let read = try #require(try await store.sites().flatMap(\.milestones).first { $0.kind == .groundbreaking })
        #expect(read.sources.last?.reading == MilestoneDate("2024-03-02"))
        #expect(read.datesDisagree)

        // The analyst moves the inauguration to the 21st.
        var moved = inauguration.milestone
        moved.date = MilestoneDate("2024-12-21")!
        _ = try await store.editMilestone(id: ids[.inauguration]!, to: moved, divisionID: nil, reason: "KCNA gives the 21st")
        let edit = try #require(try await store.auditEntries(since: nil, entity: "milestone", entityID: String(ids[.inauguration]!), limit: 1).first)
        #expect(MilestoneSnapshot(edit.before)?.milestone.date == MilestoneDate("2024-12-20"))

        // A newer record: the old inauguration row (edited away), a new source for the
        // groundbreaking, and a new milestone.
        var withSource = groundbreaking
        withSource.milestone.sources.append(Source(url: "https://example.org/new"))
        let record = [withSource, inauguration, Self.entry("KP0409", .leaderVisit, "2024-06-01", url: "https://example.org/v")]
        let update = try await store.applyBundled(record, bundleID: "new.csv@1", sha256: nil, isBundle: false)
        #expect(update.milestonesAdded == 1)
        #expect(update.sourcesAdded == 1)
        #expect(update.leftForAnalysts == 1)
        let after = try await store.sites().flatMap(\.milestones)
        #expect(after.filter { $0.kind == .inauguration }.map(\.date.description) == ["2024-12-21"], "the edit stands")
        #expect(
            after.first { $0.kind == .groundbreaking }?.sources.map(\.url) == [
                "https://example.org/a", "https://example.org/late", "https://example.org/new",
            ])
        let again = try await store.applyBundled(record, bundleID: "new.csv@1", sha256: nil, isBundle: false)
        #expect(again.milestonesAdded == 0 && again.sourcesAdded == 0)
    }

    // MARK: - Evidence records

    static func record(_ key: String, confidence: Double, place: String? = "KP0409") -> CandidateRecord {
        CandidateRecord(
            key: key, documentID: "doc-\(key)", placeID: place, provinceID: "KP04", event: "inauguration", date: "2024-12-20",
            confidence: confidence, status: "pending", payload: #"{"k":"\#(key)"}"#, corroborates: nil)
    }

    @Test(arguments: stores)
    func candidateRecordsAreKeptOnceAndDecidedOnce(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let first = try await store.insertCandidates([Self.record("a", confidence: 0.5), Self.record("b", confidence: 0.9)])
        #expect(first.map(\.isNew) == [true, true])
        let again = try await store.insertCandidates([Self.record("b", confidence: 0.1), Self.record("c", confidence: 0.7)])
        #expect(again.map(\.isNew) == [false, true])
        #expect(again[0].record.confidence == 0.9, "a known key keeps what was stored")
        #expect(again[0].record.payload == #"{"k":"b"}"#)
        let ids = first.compactMap(\.record.id) + again.compactMap(\.record.id)
        #expect(Set(ids).count == 3, "the repeated key has the first id: \(ids)")

        let byConfidence = try await store.candidateRecords(status: nil, event: nil, limit: 10).map(\.key)
        #expect(byConfidence == ["b", "c", "a"])
        #expect(try await store.rejectCandidate(id: first[0].record.id!, note: "elsewhere"))
        #expect(try await store.candidateRecords(status: "pending", event: nil, limit: 10).map(\.key) == ["b", "c"])
        #expect(try await store.candidateRecords(status: nil, event: nil, limit: 10).map(\.key) == ["b", "c", "a"], "pending first")
        #expect(try await store.candidateRecords(status: nil, event: "leader_visit", limit: 10).isEmpty)

        let b = first[1].record.id!
        let milestone = try await store.acceptCandidate(
            id: b, placeID: "KP0409", note: "checked",
            write: .addMilestone(Self.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/b")))
        let stored = try await store.candidateRecord(id: b)
        #expect(stored?.status == "accepted")
        #expect(stored?.milestoneID == milestone)
        #expect(try await store.sites().flatMap(\.milestones).map(\.id) == [milestone])
        #expect(try await store.rejectCandidate(id: b, note: nil) == false, "an accepted record stays accepted")
        let twice = try await #require(throws: JibangError.self) {
            try await store.acceptCandidate(
                id: b, placeID: "KP0409", note: nil, write: .addSource(Source(url: "https://example.org/z"), toMilestone: milestone))
        }
        // A decided candidate conflicts with a second decision (409 through the API).
        #expect(twice.code == .conflict)
        #expect(try await store.sites().flatMap(\.milestones).first?.sources.count == 1, "the refused acceptance wrote nothing")

        let c = again[1].record.id!
        #expect(
            try await store.acceptCandidate(
                id: c, placeID: "KP0409", note: nil, write: .addSource(Source(url: "https://example.org/c"), toMilestone: milestone)) == milestone)
        #expect(try await store.sites().flatMap(\.milestones).first?.sources.map(\.url) == ["https://example.org/b", "https://example.org/c"])
        #expect(try await store.candidateRecord(id: 999_999) == nil)
    }

    // MARK: - Indicators and tokens

    @Test(arguments: stores)
    func indicatorsAreNotOverwrittenUnlessAsked(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let before = try await store.indicators()
        let value = Indicator(name: "Grain output", unit: "Mt", period: "2020", value: 5.5, source: "FAO")
        try await store.addIndicator(value)
        let error = try await #require(throws: JibangError.self) { try await store.addIndicator(value) }
        #expect(error.code == .duplicate)
        #expect(error.hint == JibangError.Hint(field: "replace", suggestion: "true"))
        try await store.addIndicator(Indicator(name: "Grain output", unit: "Mt", period: "2020", value: 5.8, source: "FAO 2021"), replace: true)
        let after = try await store.indicators()
        #expect(after.count == before.count + 1)
        #expect(after.filter { $0.name == "Grain output" }.map(\.value) == [5.8])
    }

    /// Every write is audited in its transaction under the task's actor, with what it changed;
    /// the trail is read newest first, by entity, id and time.
    @Test(arguments: stores)
    func writesAreAuditedUnderTheirActor(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        try await AuditActor.$current.withValue(.cli(user: "kim")) {
            _ = try await store.createToken(role: .editor, label: "desk")
            try await store.addIndicator(Indicator(name: "Grain output", unit: "Mt", period: "2020", value: 5.5, source: "FAO"))
            try await store.addIndicator(Indicator(name: "Grain output", unit: "Mt", period: "2020", value: 5.8, source: "FAO 2021"), replace: true)
        }
        let id = try #require(try await store.tokens().first?.id)
        try await store.revokeToken(id: id)
        let ours: @Sendable ([AuditEntry]) -> [AuditEntry] = { $0.filter { ["token", "indicator"].contains($0.entity) } }
        let all = ours(try await store.auditEntries(since: nil, entity: nil, entityID: nil, limit: 1000))
        #expect(all.map(\.action) == ["token-revoke", "edit", "add", "token-create"])
        #expect(all.map(\.actor.label) == [nil, "kim", "kim", "kim"])
        #expect(all.first?.actor.kind == "system")
        #expect(all[1].before == .object(["value": .number(5.5)]) && all[1].entityID == "Grain output|2020")
        #expect(all[3].after == .object(["role": .string("editor"), "label": .string("desk")]) && all[3].entityID == String(id))
        #expect(
            try await store.auditEntries(since: nil, entity: "token", entityID: nil, limit: 100).map(\.action) == ["token-revoke", "token-create"])
        #expect(try await store.auditEntries(since: nil, entity: "token", entityID: String(id), limit: 1).map(\.action) == ["token-revoke"])
        #expect(try await store.auditEntries(since: "2999-01-01", entity: nil, entityID: nil, limit: 100).isEmpty)
        #expect(ours(try await store.auditEntries(since: "2000-01-01", entity: nil, entityID: nil, limit: 100)).count == 4)
    }

    /// Issue 21: the store sorts text in byte order (UTF-8), whatever the engine: Hangul after
    /// Latin, upper case before lower case, as SQLite compares.
    @Test(arguments: stores)
    func textSortsInByteOrder(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let names = ["곡물 생산", "grain", "Grain", "Ärzte", "강냉이", "GRAIN", "_x", "z", "10", "9"]
        for name in names { try await store.addIndicator(Indicator(name: name, unit: "t", period: "2020", value: 1, source: "test")) }
        let expected = (names + ["GDP per capita"]).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(try await store.indicators().map(\.name) == expected)
    }

    /// Issue 21: twenty writers adding the same milestone at once store it once; the other
    /// nineteen are told it is a duplicate (the database's constraint decides, not a check first).
    @Test(arguments: stores)
    func concurrentWritersOfOneMilestoneStoreItOnce(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let entry = Self.entry("KP0409", .groundbreaking, "2024-03-01", url: "https://example.org/same")
        let outcomes = await withTaskGroup(of: JibangError.Code?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        _ = try await store.importEntries([entry], file: "writer")
                        return nil
                    } catch let error as JibangError { return error.code } catch { return .storage }
                }
            }
            return await group.reduce(into: [JibangError.Code?]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 1, "one writer stored it")
        #expect(outcomes.filter { $0 == JibangError.Code.duplicate }.count == 19, "\(outcomes)")
        #expect(try await store.sites().flatMap(\.milestones).count == 1)
        #expect(try await store.sites().count == 1, "one site")
    }

    @Test(arguments: stores)
    func tokensWorkUntilRevoked(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let editor = try await store.createToken(role: .editor, label: "desk")
        let admin = try await store.createToken(role: .admin)
        #expect(editor != admin)
        #expect(try await store.role(ofToken: editor) == .editor)
        #expect(try await store.role(ofToken: admin) == .admin)
        #expect(try await store.role(ofToken: "jb_unknown") == nil)
        let listed = try await store.tokens()
        #expect(listed.map(\.role) == [.admin, .editor], "newest first")
        #expect(listed.last?.label == "desk")
        try await store.revokeToken(id: listed.last!.id)
        #expect(try await store.role(ofToken: editor) == nil)
        #expect(try await store.tokens().last?.revoked != nil)
        let twice = try await #require(throws: JibangError.self) { try await store.revokeToken(id: listed.last!.id) }
        #expect(twice.code == .notFound)
    }

    // MARK: - Sessions and undo (issue 20)

    @Test(arguments: stores)
    func sessionsLiveUntilSignOutExpiryOrRevocation(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let secret = try await store.createToken(role: .editor, label: "desk")
        #expect(try await store.startSession(tokenSecret: "jb_unknown", lifetime: 60) == nil, "an unknown token starts nothing")
        let (cookie, session) = try #require(try await store.startSession(tokenSecret: secret, lifetime: 60))
        #expect(cookie != secret && cookie != session.csrf)
        let found = try #require(try await store.session(ofSecret: cookie))
        #expect(found.token.label == "desk" && found.token.role == .editor && found.csrf == session.csrf)
        try await store.setLastDecision(session: found.id, #"{"label":"x","candidates":[1]}"#)
        #expect(try await store.session(ofSecret: cookie)?.lastDecision == #"{"label":"x","candidates":[1]}"#)
        try await store.endSession(ofSecret: cookie)
        #expect(try await store.session(ofSecret: cookie) == nil, "signed out")
        // Expiry, without racing a clock: a session whose lifetime is over is refused at once.
        let (short, _) = try #require(try await store.startSession(tokenSecret: secret, lifetime: 0))
        #expect(try await store.session(ofSecret: short) == nil, "expired")
        // Revocation ends every session of the token.
        let (other, _) = try #require(try await store.startSession(tokenSecret: secret, lifetime: 60))
        try await store.revokeToken(id: try #require(try await store.tokens().first?.id))
        #expect(try await store.session(ofSecret: other) == nil, "revoked")
    }

    @Test(arguments: stores)
    func undoTakesBackExactlyWhatADecisionWrote(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await implementation.make(dir)
        let stored = try await store.insertCandidates([
            Self.record("new", confidence: 0.9), Self.record("more", confidence: 0.8), Self.record("known", confidence: 0.7),
            Self.record("no", confidence: 0.6),
        ]).map { $0.record.id! }
        // A new milestone at a new site, and a second report as its source.
        let milestone = try await store.acceptCandidate(
            id: stored[0], placeID: "KP0409", note: nil,
            write: .addMilestone(Self.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/new")))
        _ = try await store.acceptCandidate(
            id: stored[1], placeID: "KP0409", note: nil, write: .addSource(Source(url: "https://example.org/more"), toMilestone: milestone))
        // The first cannot be undone while the milestone cites the second report.
        let blocked = try await #require(throws: JibangError.self) {
            try await store.undoDecision(id: stored[0], sourceURL: "https://example.org/new", reason: "test")
        }
        #expect(blocked.code == .conflict)
        try await store.undoDecision(id: stored[1], sourceURL: "https://example.org/more", reason: "test")
        #expect(try await store.sites().flatMap(\.milestones).first?.sources.map(\.url) == ["https://example.org/new"])
        try await store.undoDecision(id: stored[0], sourceURL: "https://example.org/new", reason: "test")
        #expect(try await store.sites().isEmpty, "the milestone and the site it created are gone")
        #expect(try await store.candidateRecord(id: stored[0])?.status == "pending")
        #expect(try await store.candidateRecord(id: stored[1])?.status == "pending")
        // A source the milestone cited before the acceptance stays when the acceptance is undone.
        let again = try await store.acceptCandidate(
            id: stored[0], placeID: "KP0409", note: nil,
            write: .addMilestone(Self.entry("KP0409", .inauguration, "2024-12-20", url: "https://example.org/new")))
        _ = try await store.acceptCandidate(
            id: stored[2], placeID: "KP0409", note: nil, write: .addSource(Source(url: "https://example.org/new"), toMilestone: again))
        try await store.undoDecision(id: stored[2], sourceURL: "https://example.org/new", reason: "test")
        #expect(try await store.sites().flatMap(\.milestones).first?.sources.map(\.url) == ["https://example.org/new"])
        // A rejection undone is pending again; a pending one has nothing to undo.
        #expect(try await store.rejectCandidate(id: stored[3], note: "no"))
        try await store.undoDecision(id: stored[3], sourceURL: "x", reason: "test")
        #expect(try await store.candidateRecord(id: stored[3])?.status == "pending")
        let nothing = try await #require(throws: JibangError.self) { try await store.undoDecision(id: stored[3], sourceURL: "x", reason: "test") }
        #expect(nothing.code == .conflict)
        let audit = try await store.auditEntries(since: nil, entity: "candidate", entityID: nil, limit: 100).filter { $0.action == "undo" }
        #expect(audit.count == 4)
    }
}

/// What every corpus store behind `CorpusDocumentStore` must do. Each test runs against
/// every implementation in `corpora`.
@Suite struct CorpusStoreConformanceTests {
    struct Implementation: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable (TemporaryDirectory) async throws -> any CorpusDocumentStore
        var testDescription: String { name }
    }

    static let corpora =
        [
            Implementation(name: "SQLite file") { dir in
                BackendTally.record("conformance", "SQLite")
                return try CorpusStore.open(path: dir.file("c.sqlite"))
            }
        ] + (TestPostgres.server == nil ? [] : [postgres])

    /// The team's corpus: documents in a database of its own, this node's copy and index in
    /// the test's folder.
    static let postgres = Implementation(name: "PostgreSQL") { dir in
        BackendTally.record("conformance", "PostgreSQL")
        return try await TeamCorpus.open(try await TestPostgres.freshDatabase(), indexFolder: dir.file("index"))
    }

    /// Counts from a plain scan of the file: documents per year that contain `term` once spaces are removed.
    static func plainCounts(_ term: String, in file: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let body = object?["body"] as? String, let date = object?["date"] as? String else { continue }
            if body.replacingOccurrences(of: " ", with: "").contains(term) { counts[String(date.prefix(4)), default: 0] += 1 }
        }
        return counts
    }

    @Test(arguments: corpora)
    func storesOnceCountsAndReadsBack(_ implementation: Implementation) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = try await implementation.make(dir)
        let file = Fixtures.path("new-year-addresses-1995-2019.jsonl")
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.batchDocuments = 7
        #expect(try ingest.ingest(file, format: .jsonl).ingested == 25)
        #expect(try ingest.ingest(file, format: .jsonl).alreadyStored == 25, "a second ingest stores nothing again")
        let stats = try corpus.stats()
        #expect(stats.documents == 25)
        #expect(stats.ingestRuns == 2)
        #expect(try corpus.fingerprint().documents == 25)

        let result = try corpus.trend(TrendQuery(groups: [try TermGroup(name: "g", query: "지방공업")]))
        let counted = Dictionary(
            uniqueKeysWithValues: result.rows.filter { $0.outlet == "all" && ($0.counts["g"] ?? 0) > 0 }.map { ($0.period, $0.counts["g"] ?? 0) })
        #expect(counted == (try Self.plainCounts("지방공업", in: file)))

        let segments = try corpus.segments()
        let rowID = segments[0].rowID(0)
        #expect(corpus.body(rowID: rowID)?.isEmpty == false)
        #expect(try corpus.headers(rowIDs: [rowID])[rowID]?.outlet.isEmpty == false)
        let articles = try corpus.dayDatedArticles(matching: try TermGroup(name: "g", query: "지방공업"))
        #expect(!articles.isEmpty)
        #expect(articles.map(\.published) == articles.map(\.published).sorted(), "oldest first")
        #expect(articles.allSatisfy { $0.published.count == 10 }, "dated to the day")
        #expect(try corpus.outdatedSegments().isEmpty)
    }
}
