import Foundation
import JibangCore
import Testing

@Suite struct MilestoneDateTests {
    @Test(arguments: [
        ("2024-03-07", MilestoneDate.Precision.day), ("2024-03", .month), ("2024", .year),
        ("2024-03-06/2024-03-10", .range), ("../2024-03-07", .onOrBefore), ("on or before 2024-03-07", .onOrBefore),
    ])
    func precisionIsKept(text: String, precision: MilestoneDate.Precision) throws {
        let date = try #require(MilestoneDate(text))
        #expect(date.precision == precision)
        #expect(MilestoneDate(date.description) == date)
    }

    @Test(arguments: ["2024-13", "2024-02-30", "2023-02-29", "2024-03-10/2024-03-06", "24-03-07", "March 2024", "", "../2024-03", "2024-3-7"])
    func invalidTextsAreRefused(text: String) {
        #expect(MilestoneDate(text) == nil)
    }

    @Test func leapDayIsAccepted() {
        #expect(MilestoneDate("2024-02-29") != nil)
    }

    @Test func boundsFollowPrecision() throws {
        let month = try #require(MilestoneDate("2024-02"))
        #expect(month.earliest?.description == "2024-02-01")
        #expect(month.latest.description == "2024-02-29")
        let before = try #require(MilestoneDate("../2024-03-07"))
        #expect(before.earliest == nil)
        #expect(before.latest.description == "2024-03-07")
        #expect(before.exactDay == nil)
        #expect(month.exactDay == nil)
    }

    @Test func timelineOrder() throws {
        let texts = ["2024-03", "2024-03-06/2024-03-10", "../2024-03-07", "2024-03-06", "2024", "2024-02-28"]
        let sorted = texts.compactMap(MilestoneDate.init).sorted().map(\.description)
        #expect(sorted == ["2024-02-28", "2024-03-06", "../2024-03-07", "2024-03-06/2024-03-10", "2024-03", "2024"])
    }

    @Test func dayDifferencesMatchFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for (a, b) in [("2024-02-28", "2024-12-20"), ("1999-12-31", "2000-03-01"), ("2025-02-27", "2025-12-20")] {
            let x = try #require(Day(iso: a))
            let y = try #require(Day(iso: b))
            let fx = calendar.date(from: DateComponents(year: x.year, month: x.month, day: x.day))!
            let fy = calendar.date(from: DateComponents(year: y.year, month: y.month, day: y.day))!
            #expect(x.days(to: y) == calendar.dateComponents([.day], from: fx, to: fy).day)
        }
    }
}
