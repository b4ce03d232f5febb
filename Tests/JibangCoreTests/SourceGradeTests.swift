import Foundation
import JibangCore
import Testing

/// Graded sources (issue 14, part 3): state media, the same-day press, secondary material.
@Suite struct SourceGradeTests {
    let gazetteer = try! BundledData.gazetteer()
    let day = Day(year: 2025, month: 1, day: 7)!

    func source(_ url: String, outlet: String? = nil, published: String? = nil) -> Source {
        Source(url: url, outlet: outlet, published: published.flatMap { Day(iso: $0) })
    }

    @Test func gradesFollowTheOutletAndTheDay() {
        #expect(SourceGrade.of(source("https://kcnawatch.org/newstream/1/x"), eventDay: day) == .stateMedia)
        #expect(SourceGrade.of(source("http://vok.rep.kp/index.php/x"), eventDay: day) == .stateMedia)
        #expect(SourceGrade.of(source("https://example.org/a", outlet: "Rodong Sinmun"), eventDay: day) == .stateMedia)
        #expect(SourceGrade.of(source("https://news.sbs.co.kr/x", published: "2025-01-08"), eventDay: day) == .relay)
        #expect(SourceGrade.of(source("https://www.yna.co.kr/x", published: "2025-02-20"), eventDay: day) == .secondary, "weeks later")
        #expect(SourceGrade.of(source("https://www.38north.org/2025/x"), eventDay: day) == .secondary)
        #expect(SourceGrade.secondary < .relay && .relay < .stateMedia)
    }

    @Test func aMilestoneTakesItsBestLiveSourceAndStatusCanCountOnlyStateMedia() {
        func inauguration(_ urls: [String]) -> Milestone {
            Milestone(kind: .inauguration, date: .day(day), sources: urls.map { source($0) })
        }
        var retracted = source("https://kcnawatch.org/newstream/2/y")
        retracted.retraction = .init(at: "2026-01-01T00:00:00Z", reason: "another county")
        let secondaryOnly = Milestone(kind: .inauguration, date: .day(day), sources: [source("https://www.38north.org/a"), retracted])
        #expect(inauguration(["https://www.38north.org/a", "https://kcnawatch.org/newstream/1/x"]).grade == .stateMedia)
        #expect(secondaryOnly.grade == .secondary, "a retracted source does not count")
        let sites = [
            Site(stageID: "2024", divisionID: "KP0717", milestones: [inauguration(["https://kcnawatch.org/newstream/1/x"])]),
            Site(stageID: "2024", divisionID: "KP0912", milestones: [secondaryOnly]),
        ]
        let all = ProgrammeStatus(sites: sites, gazetteer: gazetteer).waves.first { $0.stageId == "2024" }
        let stateMedia = ProgrammeStatus(sites: sites, gazetteer: gazetteer, minGrade: .stateMedia)
        #expect(all?.inaugurations == 2)
        #expect(stateMedia.waves.first { $0.stageId == "2024" }?.inaugurations == 1)
        #expect(stateMedia.minGrade == "state-media")
    }
}
