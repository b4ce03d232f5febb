import Foundation
import JibangBase
import JibangCore
import JibangCorpus
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

    /// Issue 15: an accepted article can be filed as an associated project; never at a place
    /// that already is a wave site in that stage.
    @Test func acceptingAsAnAssociatedProject() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let review = try await queue(at: dir.file("e.sqlite"))
        let store = try await StoreBootstrap.open(path: dir.file("e.sqlite")).store
        let wave = candidate(place: "KP0310", event: .groundbreaking, date: "2026-03-01", document: "wave")
        let farm = candidate(place: "KP0310", event: .inauguration, date: "2026-09-01", document: "farm")
        let mill = candidate(place: "KP0316", event: .groundbreaking, date: "2026-03-02", document: "mill")
        let ids = try await review.queue([wave, farm, mill]).candidates.compactMap(\.id)
        _ = try await review.accept(candidate: ids[0])
        await #expect(throws: JibangError.self, "KP0310 is a wave site of 2026") {
            try await review.accept(candidate: ids[1], role: .associated)
        }
        _ = try await review.accept(candidate: ids[2], role: .associated)
        let sites = try await store.sites()
        #expect(sites.first { $0.divisionID == "KP0310" }?.role == .wave)
        #expect(sites.first { $0.divisionID == "KP0316" && $0.stageID == "2026" }?.role == .associated)
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

    /// Issue 14: the analyst names the milestone an article reports; a date that cannot be the
    /// milestone's is kept beside it as the source's reading, and the milestone shows both.
    @Test func acceptingIntoANamedMilestoneKeepsADifferingDateAsAReading() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await queue(at: dir.file("e.sqlite"))
        let first = try await store.queue([candidate(place: "KP0310", event: .inauguration, date: "2026-05-01", document: "doc-1")]).candidates
        let created = try await store.accept(candidate: first[0].id!)
        // A report of the same ceremony with another day: matched to nothing by date alone.
        let second = try await store.queue([candidate(place: "KP0310", event: .inauguration, date: "2026-05-09", document: "doc-2")])
        #expect(second.candidates[0].corroborates == nil)
        // The wrong kind or place is refused and writes nothing.
        let visit = try await store.queue([candidate(place: "KP0310", event: .leaderVisit, date: "2026-05-09", document: "doc-3")]).candidates
        await #expect(throws: JibangError.self) { try await store.accept(candidate: visit[0].id!, milestone: created.milestoneID) }
        let accepted = try await store.accept(candidate: second.candidates[0].id!, milestone: created.milestoneID)
        #expect(!accepted.created)
        #expect(accepted.milestoneID == created.milestoneID)
        let milestone = try #require(try await store.store.sites().flatMap(\.milestones).first { $0.id == created.milestoneID })
        #expect(milestone.date.description == "2026-05-01", "the milestone's own date is not changed")
        #expect(milestone.sources.map(\.url) == ["https://example.org/doc-1", "https://example.org/doc-2"])
        #expect(milestone.sources[1].reading?.description == "2026-05-09")
        #expect(milestone.datesDisagree)
        #expect(milestone.dateReadings.map(\.date.description) == ["2026-05-01", "2026-05-09"])
        #expect(milestone.dateReadings.map { $0.sources.map(\.url) } == [["https://example.org/doc-1"], ["https://example.org/doc-2"]])
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

    /// Old answers mended (issue 13, part 5): a candidate read by older rules, dated to the
    /// report's day, takes the event's day; an accepted one that now reads otherwise is listed,
    /// and its milestone is left alone.
    @Test func rescanRedatesPendingAndListsAcceptedDisagreements() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("e.sqlite")
        let queue = try await self.queue(at: path)
        let corpus = try CorpusStore.open(path: path)
        let lines = [
            #"{"id": "ko-1", "outlet": "Yonhap", "date": "2025-02-12", "title": "김형직군 공장 준공", "language": "ko", "body": "조선중앙통신은 12일 양강도 김형직군 지방공업공장 준공식이 11일 성대히 진행됐다고 보도했다."}"#,
            #"{"id": "ko-2", "outlet": "Yonhap", "date": "2025-01-16", "title": "재령군 공장 준공", "language": "ko", "body": "조선중앙통신은 16일 황해남도 재령군 지방공업공장 준공식이 지난 7일 진행됐다고 전했다."}"#,
        ]
        let file = dir.write("reports.jsonl", lines.joined(separator: "\n"))
        _ = try CorpusIngest(corpus: corpus, options: ReadOptions()).ingest(file, format: .jsonl)
        // As the rules before issue 13 read them: the report's day taken for the event's.
        let kimhyongjik = try BundledData.gazetteer().resolve("김형직군").id
        let jaeryong = try BundledData.gazetteer().resolve("재령군").id
        let old = try await queue.queue([
            candidate(place: kimhyongjik, province: "KP01", event: .inauguration, date: "2025-02-12", document: "ko-1"),
            candidate(place: jaeryong, province: "KP09", event: .inauguration, date: "2025-01-16", document: "ko-2"),
        ]).candidates
        let accepted = try await queue.accept(candidate: old[1].id!)

        let dry = try await queue.rescan(corpus, apply: false)
        #expect(dry.redated.map(\.after) == ["inauguration 2025-02-11"])
        #expect(try await queue.candidate(id: old[0].id!).date == "2025-02-12", "without --redate nothing is written")

        let result = try await queue.rescan(corpus, apply: true)
        #expect(result.articles == 2)
        #expect(result.redated.map(\.candidate) == [old[0].id!])
        #expect(try await queue.candidate(id: old[0].id!).date == "2025-02-11")
        #expect(try await queue.candidate(id: old[0].id!).status == .pending)
        #expect(result.disagreements.count == 1)
        #expect(result.disagreements.first?.milestone == accepted.milestoneID)
        #expect(result.disagreements.first?.after == "inauguration 2025-01-07")
        let milestone = try await queue.store.sites().flatMap(\.milestones).first { $0.id == accepted.milestoneID }
        #expect(milestone?.date.description == "2025-01-16", "an accepted milestone changes only through the correction commands")
        #expect(try await queue.rescan(corpus, apply: true).redated.isEmpty, "a second rescan finds nothing more")
    }

    /// An acceptance undone (issue 14, part 1): what it wrote is retracted, the candidate rejected.
    @Test func revertRetractsWhatAcceptingWrote() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let queue = try await self.queue(at: dir.file("e.sqlite"))
        let first = try await queue.queue([candidate(place: "KP0310", event: .inauguration, date: "2026-05-01", document: "doc-a")]).candidates
        let created = try await queue.accept(candidate: first[0].id!)
        #expect(created.created)
        // A second report of the same event corroborates it: accepting adds a source.
        let second = try await queue.queue([candidate(place: "KP0310", event: .inauguration, date: "2026-05-01", document: "doc-b")]).candidates
        let added = try await queue.accept(candidate: second[0].id!)
        #expect(!added.created && added.milestoneID == created.milestoneID)

        let sourceRevert = try await queue.revert(candidate: second[0].id!, reason: "the second report is about Hamhung")
        #expect(sourceRevert.milestone == created.milestoneID && !sourceRevert.retracted)
        var milestone = try #require(try await queue.store.sites().flatMap(\.milestones).first { $0.id == created.milestoneID })
        #expect(milestone.retraction == nil)
        #expect(milestone.sources.first { $0.url == "https://example.org/doc-b" }?.retraction != nil)
        #expect(milestone.sources.first { $0.url == "https://example.org/doc-a" }?.retraction == nil)
        #expect(try await queue.candidate(id: second[0].id!).status == .rejected)

        let milestoneRevert = try await queue.revert(candidate: first[0].id!, reason: "misread county")
        #expect(milestoneRevert.retracted)
        milestone = try #require(try await queue.store.sites().flatMap(\.milestones).first { $0.id == created.milestoneID })
        #expect(milestone.retraction?.reason == "reverted: misread county")
        await #expect(throws: JibangError.self) { try await queue.revert(candidate: first[0].id!, reason: "again") }
        await #expect(throws: JibangError.self) { try await queue.revert(candidate: 999_999, reason: "none") }
        let store = try SQLiteStore.open(path: dir.file("e.sqlite"))
        let actions = try await store.auditEntries(since: nil, entity: "candidate", entityID: nil, limit: 10).map(\.action)
        #expect(actions.prefix(2) == ["revert", "revert"])
    }
}
