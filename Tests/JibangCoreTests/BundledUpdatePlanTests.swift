import Foundation
import JibangBase
import JibangCore
import Testing

/// The rules of a newer bundled record (issue 14, part 4), without a store: what is added, and
/// what an analyst's edit or retraction keeps out.
@Suite struct BundledUpdatePlanTests {
    func milestone(_ id: Int64?, _ kind: Milestone.Kind, _ date: String, _ urls: [String]) -> Milestone {
        Milestone(id: id, kind: kind, date: MilestoneDate(date)!, sources: urls.map { Source(url: $0) })
    }

    func entry(_ division: String, _ kind: Milestone.Kind, _ date: String, _ urls: [String]) -> ProgrammeEntry {
        ProgrammeEntry(stageID: "2025", divisionID: division, milestone: milestone(nil, kind, date, urls), origin: InputLocation(file: "new.csv"))
    }

    func correction(_ action: String, _ id: Int64, before: MilestoneSnapshot?) -> AuditEntry {
        AuditEntry(
            id: id, at: "2026-01-01T00:00:00Z", actor: AuditActor(kind: "cli", id: "cli:analyst", label: nil, role: nil), action: action,
            entity: "milestone", entityID: String(id), reason: "checked", before: before?.json, after: nil)
    }

    @Test func addsWhatIsMissingAndLeavesAnalystsWorkAlone() {
        let stored = Site(
            stageID: "2025", divisionID: "KP0310",
            milestones: [
                milestone(1, .groundbreaking, "2025-02-06", ["https://a.example/1"]),
                milestone(2, .inauguration, "2025-11-19", ["https://a.example/2"]),
                milestone(3, .leaderVisit, "2025-06-04", ["https://a.example/3"]),
            ])
        // The analyst moved the visit from 06-02 to 06-04 and retracted the inauguration.
        let movedFrom = MilestoneSnapshot(milestone(3, .leaderVisit, "2025-06-02", ["https://a.example/3"]), site: stored)
        let corrections = [
            correction("edit", 3, before: movedFrom), correction("retract", 2, before: MilestoneSnapshot(stored.milestones[1], site: stored)),
        ]
        let record = [
            entry("KP0310", .groundbreaking, "2025-02-06", ["https://a.example/1", "https://b.example/1"]),  // gains one source
            entry("KP0310", .inauguration, "2025-11-19", ["https://b.example/2"]),  // retracted: left alone
            entry("KP0310", .leaderVisit, "2025-06-02", ["https://a.example/3"]),  // edited away: a tombstone
            entry("KP0311", .groundbreaking, "2025-02-28", ["https://c.example/1"]),  // new
        ]
        let plan = BundledUpdatePlan(record, sites: [stored], corrections: corrections)
        #expect(plan.sources == [.init(milestoneID: 1, source: Source(url: "https://b.example/1"))])
        #expect(plan.entries.map(\.divisionID) == ["KP0311"])
        #expect(plan.leftForAnalysts == 2)
        // Without the corrections the same record would add the visit and the inauguration's source.
        let naive = BundledUpdatePlan(record, sites: [stored], corrections: [])
        #expect(naive.entries.count == 2)
        #expect(naive.sources.count == 2)
        #expect(naive.leftForAnalysts == 0)
    }

    @Test func aSnapshotReadsBackFromTheAuditJSON() throws {
        let site = Site(stageID: "2024", divisionID: "KP0717", milestones: [])
        let m = Milestone(
            id: 9, kind: .inauguration, date: .onOrBefore(Day(year: 2025, month: 1, day: 29)!),
            sources: [Source(url: "https://kcnawatch.org/x", reading: .day(Day(year: 2025, month: 1, day: 20)!))])
        let text = try #require(MilestoneSnapshot(m, site: site).json).text
        #expect(text.contains(#""division_id":"KP0717""#))
        let back = try #require(MilestoneSnapshot(JSONValue.parse(text)))
        #expect(back.milestone == m)
        #expect(back.stage == "2024")
        #expect(MilestoneSnapshot(JSONValue.parse(#"{"file": "x.csv"}"#)) == nil, "an import's entry is no snapshot")
    }
}
