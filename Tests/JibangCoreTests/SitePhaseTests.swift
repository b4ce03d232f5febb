import JibangCore
import Testing

/// Issue 15: the phase rules on hand-made timelines. Expectations are written from the rules
/// in the README, not computed with the code under test.
@Suite struct SitePhaseTests {
    static func milestone(_ id: Int64, _ kind: Milestone.Kind, _ date: String, published: String? = nil) -> Milestone {
        Milestone(
            id: id, kind: kind, date: MilestoneDate(date)!, status: .claimed, detail: nil, facilities: "", note: nil, actors: [],
            sources: [Source(url: "https://example.org/\(id)", outlet: "example.org", published: published.flatMap { Day(iso: $0) })])
    }

    static func site(_ milestones: [Milestone], stage: String = "2025", role: Site.Role = .wave) -> Site {
        Site(stageID: stage, divisionID: "KP0101", milestones: milestones, role: role)
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func theFurthestPhaseReachedIsKept() {
        let site = Self.site([
            Self.milestone(1, .groundbreaking, "2025-02-27"),
            Self.milestone(2, .frameworkCompleted, "../2025-05-21"),
            // A visit after the framework never moves the site back to "works reported".
            Self.milestone(3, .leaderVisit, "2025-09-08"),
        ])
        let phase = SitePhase(site, asOf: Self.day("2025-10-01"))
        #expect(phase.phase == .frameworkCompleted)
        #expect(phase.reached == .frameworkCompleted)
        #expect(phase.decidingMilestone == 2)
        #expect(phase.lastReport == Self.day("2025-09-08"))
    }

    @Test func eachStepInOrder() {
        let timeline = [
            Self.milestone(1, .groundbreaking, "2025-02-27"), Self.milestone(2, .leaderVisit, "2025-06-02"),
            Self.milestone(3, .frameworkCompleted, "2025-08-01"), Self.milestone(4, .inauguration, "2025-12-15"),
            Self.milestone(5, .inOperation, "2026-03-01"),
        ]
        let expected: [(String, SitePhase.Phase)] = [
            ("2025-01-10", .selected), ("2025-03-01", .groundBroken), ("2025-06-02", .worksReported), ("2025-08-31", .frameworkCompleted),
            ("2025-12-15", .inaugurated), ("2026-03-02", .inOperation),
        ]
        for (day, phase) in expected {
            #expect(SitePhase(Self.site(timeline), asOf: Self.day(day)).phase == phase, "\(day)")
        }
    }

    @Test func aSiteSilentForMoreThanTheStallPeriodIsStalled() {
        let site = Self.site([Self.milestone(1, .groundbreaking, "2025-02-27")])
        // 12 months after 2025-02-27 is 2026-02-27: the day after it, the site is stalled.
        #expect(SitePhase(site, asOf: Self.day("2026-02-27")).phase == .groundBroken)
        let stalled = SitePhase(site, asOf: Self.day("2026-02-28"))
        #expect(stalled.phase == .stalled)
        #expect(stalled.reached == .groundBroken)
        // A shorter stall period makes it stalled sooner.
        #expect(SitePhase(site, asOf: Self.day("2025-09-01"), stallMonths: 6).phase == .stalled)
        // A later report (a source published then) keeps it alive.
        let reported = Self.site([Self.milestone(1, .groundbreaking, "2025-02-27", published: "2025-11-30")])
        #expect(SitePhase(reported, asOf: Self.day("2026-06-01")).phase == .groundBroken)
    }

    @Test func anInauguratedSiteNeverStalls() {
        let site = Self.site([Self.milestone(1, .inauguration, "2024-12-20")])
        #expect(SitePhase(site, asOf: Self.day("2030-01-01")).phase == .inaugurated)
    }

    @Test func anOnOrBeforeDateCountsFromItsLatestDay() {
        // Reported on 2025-02-26: known from then, and the stall clock runs from that day.
        let site = Self.site([Self.milestone(1, .groundbreaking, "../2025-02-26")])
        #expect(SitePhase(site, asOf: Self.day("2025-02-25")).phase == .selected)
        #expect(SitePhase(site, asOf: Self.day("2025-02-26")).phase == .groundBroken)
        #expect(SitePhase(site, asOf: Self.day("2026-02-26")).phase == .groundBroken)
        #expect(SitePhase(site, asOf: Self.day("2026-02-27")).phase == .stalled)
        // A month-precise inauguration counts only once the month is over.
        let month = Self.site([Self.milestone(1, .groundbreaking, "2025-02-27"), Self.milestone(2, .inauguration, "2025-12")])
        #expect(SitePhase(month, asOf: Self.day("2025-12-20")).phase == .groundBroken)
        #expect(SitePhase(month, asOf: Self.day("2025-12-31")).phase == .inaugurated)
    }

    @Test func aVisitBeforeTheGroundbreakingIsNoWorksReport() {
        let site = Self.site([Self.milestone(1, .leaderVisit, "2024-07-15"), Self.milestone(2, .groundbreaking, "2024-08-01")])
        #expect(SitePhase(site, asOf: Self.day("2024-09-01")).phase == .groundBroken)
    }

    @Test func plannedAndRetractedMilestonesDoNotCount() {
        var planned = Self.milestone(1, .inauguration, "2025-12-01")
        planned.status = .planned
        var retracted = Self.milestone(2, .groundbreaking, "2025-03-01")
        retracted.retraction = .init(at: "2025-04-01T00:00:00Z", reason: "another county")
        #expect(SitePhase(Self.site([planned, retracted]), asOf: Self.day("2025-12-31")).phase == .selected)
    }

    @Test func aSiteWithNothingReportedStallsFromItsWavesFirstDay() {
        let site = Self.site([], stage: "2026")
        #expect(SitePhase(site, asOf: Self.day("2026-12-31")).phase == .selected)
        #expect(SitePhase(site, asOf: Self.day("2027-01-02")).phase == .stalled)
    }

    @Test func associatedProjectsHaveAPhaseButAreNotCounted() throws {
        let gazetteer = try BundledData.gazetteer()
        let wave = Site(stageID: "2025", divisionID: "KP0319", milestones: [Self.milestone(1, .groundbreaking, "2025-02-14")])
        var farm = Site(stageID: "2025", divisionID: "KP0101", milestones: [Self.milestone(2, .inauguration, "2025-08-27")], role: .associated)
        farm.roleReadings = [.init(role: .associated, source: "https://a.example"), .init(role: .wave, source: "https://b.example")]
        let status = ProgrammeStatus(sites: [wave, farm], gazetteer: gazetteer, asOf: Self.day("2025-09-01"))
        let w2025 = try #require(status.waves.first { $0.stageId == "2025" })
        #expect(w2025.sites == 1)
        #expect(w2025.inaugurations == 0)
        #expect(w2025.associatedProjects.count == 1)
        #expect(w2025.phases == ["ground-broken": 1])
        #expect(status.covered == 1)
        #expect(status.roleDisputes.count == 1)
        #expect(status.roleDisputes.first?.countedAs == "associated")
        #expect(SitePhase(farm, asOf: Self.day("2025-09-01")).phase == .inaugurated)
        #expect(SiteFilter(phase: .inaugurated, asOf: Self.day("2025-09-01")).apply([wave, farm], gazetteer: gazetteer).count == 1)
        #expect(SiteFilter(role: .wave).apply([wave, farm], gazetteer: gazetteer).map(\.divisionID) == ["KP0319"])
    }
}
