import Foundation
import JibangBase
import JibangCore
import JibangEvidence
import JibangStore
import JibangTestSupport
import Testing

/// The review queue: queueing, corroboration, accept, reject and rescans.
@Suite struct EvidenceStoreTests {
    func candidate(place: String?, province: String = "KP03", event: EvidenceEvent, date: String, document: String = "doc-1") -> Candidate {
        Candidate(
            placeID: place, placeName: nil, provinceID: province, event: event, facilities: ["regional-industry factories"],
            date: MilestoneDate(date)!,
            documentID: document, documentTitle: "A report", documentDate: "2026-05-02", outlet: "KCNA", url: "https://example.org/\(document)",
            snippet: "the sentence", confidence: 0.9, why: "test")
    }

    /// The review queue over a new, unseeded SQLite store.
    func queue(at path: String) async throws -> ReviewQueue {
        ReviewQueue(store: try await StoreBootstrap.open(path: path, empty: true).store, gazetteer: try BundledData.gazetteer())
    }

    @Test func rejectedCandidatesAreNeverProposedAgain() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await queue(at: dir.file("e.sqlite"))
        let proposals = [
            candidate(place: "KP0310", event: .leaderVisit, date: "2026-04-30"), candidate(place: "KP0316", event: .inauguration, date: "2026-05-01"),
        ]
        let first = try await store.queue(proposals)
        #expect(first.summary.added == 2)
        let ids = first.candidates.compactMap(\.id)
        try await store.reject(candidate: ids[0], note: "a different county")
        let again = try await store.queue(proposals)
        #expect(again.summary.added == 0)
        #expect(again.summary.known == 2)
        #expect(try await store.candidates(status: .pending).map(\.id) == [ids[1]])
        #expect(try await store.candidates(status: .rejected).map(\.id) == [ids[0]])
    }

    @Test func acceptingCreatesAMilestoneWithTheArticleAsSource() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await queue(at: dir.file("e.sqlite"))
        // Another milestone first, so that ids of milestones and sources differ.
        let earlier = try await store.queue([candidate(place: "KP0316", event: .groundbreaking, date: "2026-02-01", document: "doc-0")]).candidates
        let earlierMilestone = try await store.accept(candidate: earlier[0].id!).milestoneID
        try await store.store.addSource(Source(url: "https://example.org/extra"), toMilestone: earlierMilestone)
        let queued = try await store.queue([candidate(place: "KP0310", event: .inauguration, date: "2026-05-01")]).candidates
        let result = try await store.accept(candidate: queued[0].id!)
        #expect(result.created)
        let sites = try await store.store.sites().filter { $0.divisionID == "KP0310" }
        #expect(sites.count == 1)
        #expect(sites[0].stageID == "2026")
        let milestone = try #require(sites[0].milestones.first)
        #expect(milestone.kind == .inauguration)
        #expect(result.milestoneID == milestone.id)
        #expect(milestone.date.description == "2026-05-01")
        #expect(milestone.status == .claimed)
        #expect(milestone.sources.map(\.url) == ["https://example.org/doc-1"])
        #expect(milestone.sources.first?.quote == "the sentence")
        #expect(try await store.candidate(id: queued[0].id!).status == .accepted)
        // Decided candidates stay decided.
        await #expect(throws: JibangError.self) { try await store.accept(candidate: queued[0].id!) }
        await #expect(throws: JibangError.self) { try await store.reject(candidate: queued[0].id!, note: nil) }
    }

    @Test func aMatchingMilestoneIsCorroboratedNotDuplicated() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await queue(at: dir.file("e.sqlite"))
        let first = try await store.queue([candidate(place: "KP0310", event: .leaderVisit, date: "2026-04-30", document: "doc-1")]).candidates
        let created = try await store.accept(candidate: first[0].id!)
        // A second article, undated, about the same visit.
        let second = try await store.queue([candidate(place: "KP0310", event: .leaderVisit, date: "../2026-05-02", document: "doc-2")])
        #expect(second.summary.corroborating == 1)
        #expect(second.candidates[0].corroborates == created.milestoneID)
        let confirmed = try await store.accept(candidate: second.candidates[0].id!)
        #expect(!confirmed.created)
        #expect(confirmed.milestoneID == created.milestoneID)
        let milestones = try await store.store.sites().flatMap(\.milestones)
        #expect(milestones.count == 1)
        #expect(milestones[0].sources.map(\.url) == ["https://example.org/doc-1", "https://example.org/doc-2"])
    }

    @Test func workUnderWayBecomesAGroundbreakingOnOrBeforeAndProvinceCandidatesNeedAPlace() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await queue(at: dir.file("e.sqlite"))
        let queued = try await store.queue([
            candidate(place: "KP0316", event: .constructionProgress, date: "../2026-09-21"),
            candidate(place: nil, province: "KP03", event: .constructionProgress, date: "../2026-09-02", document: "doc-3"),
        ]).candidates
        _ = try await store.accept(candidate: queued[0].id!)
        let milestone = try #require(try await store.store.sites().first?.milestones.first)
        #expect(milestone.kind == .groundbreaking)
        #expect(milestone.date.description == "../2026-09-21")
        let provinceOnly = await #expect(throws: JibangError.self) { try await store.accept(candidate: queued[1].id!) }
        #expect(provinceOnly?.hint?.field == "place")
        #expect("\(provinceOnly!)".contains("names only a province; choose the site"))
        let placed = try await store.accept(candidate: queued[1].id!, placeID: "KP0310")
        #expect(placed.created)
    }
}
