import Foundation
import JibangCore
import Testing

/// Disagreement between sources (issue 14, part 3): both readings kept with their sources,
/// shown rather than settled; status names the dates in dispute and those on secondary sources only.
@Suite struct DateReadingsTests {
    let gazetteer = try! BundledData.gazetteer()
    let day = Day(year: 2025, month: 2, day: 6)!

    func source(_ url: String, reading: String? = nil) -> Source {
        Source(url: url, reading: reading.flatMap { MilestoneDate($0) })
    }

    @Test func readingsThatCanBeTheSameDayAgree() {
        let m = Milestone(
            kind: .groundbreaking, date: .day(day),
            sources: [
                source("https://kcnawatch.org/a"), source("https://a.example/m", reading: "2025-02"),
                source("https://b.example/o", reading: "../2025-02-10"),
            ])
        #expect(!m.datesDisagree, "a month or an on-or-before that contains the day is not a disagreement")
        #expect(m.dateReadings.isEmpty)
    }

    @Test func aDifferentDayIsKeptBesideTheMilestonesOwn() {
        var retracted = source("https://c.example/r", reading: "2025-03-01")
        retracted.retraction = .init(at: "2026-01-01T00:00:00Z", reason: "another county")
        let m = Milestone(
            kind: .groundbreaking, date: .day(day),
            sources: [
                source("https://kcnawatch.org/a"), source("https://a.example/x", reading: "2025-02-08"), source("https://b.example/y"),
                source("https://d.example/z", reading: "2025-02-08"), retracted,
            ])
        #expect(m.datesDisagree)
        #expect(
            m.dateReadings.map(\.date.description) == ["2025-02-06", "2025-02-08"], "the milestone's own date first; a retracted source adds none")
        #expect(m.dateReadings[0].sources.map(\.url) == ["https://kcnawatch.org/a", "https://b.example/y"])
        #expect(m.dateReadings[1].sources.map(\.url) == ["https://a.example/x", "https://d.example/z"])
        #expect(m.disagreementText == "2025-02-06 (kcnawatch.org, b.example) · 2025-02-08 (a.example, d.example)")
    }

    @Test func statusNamesDisputedAndSecondaryOnlyDates() throws {
        let disputed = Milestone(
            id: 1, kind: .inauguration, date: .day(day),
            sources: [source("https://kcnawatch.org/a"), source("https://x.example/b", reading: "2025-02-20")])
        let secondary = Milestone(id: 2, kind: .inauguration, date: .day(day), sources: [source("https://www.38north.org/t")])
        let secondaryVisit = Milestone(id: 3, kind: .leaderVisit, date: .day(day), sources: [source("https://www.38north.org/t")])
        let sites = [
            Site(stageID: "2024", divisionID: "KP0717", milestones: [disputed]),
            Site(stageID: "2024", divisionID: "KP0912", milestones: [secondary, secondaryVisit]),
        ]
        let status = ProgrammeStatus(sites: sites, gazetteer: gazetteer)
        #expect(status.disputedDates.map(\.milestoneId) == [1])
        #expect(status.disputedDates.first?.readings?.map(\.date.description) == ["2025-02-06", "2025-02-20"])
        #expect(status.secondaryOnlyDates.map(\.milestoneId) == [2], "only the counted kinds: a visit is not a counted date")
        #expect(ProgrammeStatus(sites: sites, gazetteer: gazetteer, year: 2025).disputedDates.isEmpty, "limited to the stages shown")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(disputed), as: UTF8.self)
        #expect(json.contains(#""date_readings":[{"date":"2025-02-06","sources":["https:\/\/kcnawatch.org\/a"]}"#))
        #expect(json.contains(#""date":"2025-02-20""#), "the source's own date")
        #expect(json.contains(#""grade":"state-media""#))
    }
}
