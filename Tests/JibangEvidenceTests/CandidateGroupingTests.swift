import Foundation
import JibangCore
import JibangEvidence
import Testing

/// Issue 20: one card per event. Reports of one inauguration from three outlets with slightly
/// different dates become one group; open-ended dates join only a group with a dated report
/// within 31 days before them, so they never chain separate events.
@Suite struct CandidateGroupingTests {
    static func report(
        _ id: Int64, _ outlet: String, _ date: MilestoneDate, place: String? = "KP0310", event: EvidenceEvent = .inauguration,
        confidence: Double = 0.8
    ) -> Candidate {
        var c = Candidate(
            placeID: place, placeName: "Hamju County", provinceID: "KP03", event: event, facilities: [], date: date, documentID: "doc-\(id)",
            documentTitle: "report \(id)", documentDate: date.latest.description, outlet: outlet, url: nil, snippet: "…", confidence: confidence,
            why: "test")
        c.id = id
        return c
    }

    static func day(_ text: String) -> Day { Day(iso: text)! }

    @Test func threeOutletsReportingOneEventWithSlightlyDifferentDatesMakeOneCard() throws {
        let reports = [
            Self.report(1, "Rodong Sinmun", .month(year: 2025, month: 12), confidence: 0.9),
            Self.report(2, "KCNA", .day(Self.day("2025-12-20")), confidence: 0.7),
            Self.report(3, "Minju Joson", .onOrBefore(Self.day("2025-12-22")), confidence: 0.95),
        ]
        let groups = CandidateGrouping.groups(reports)
        #expect(groups.count == 1)
        let group = try #require(groups.first)
        // Best-dated first: the exact day, then the month, then the open-ended date.
        #expect(group.memberIDs == [2, 1, 3])
        #expect(group.date == "2025-12-20")
        // The id comes from place, kind and the dated reports' span (the month 2025-12-01..31).
        #expect(group.id == "KP0310.inauguration.2025-12-01.2025-12-31")
        #expect(group.readings.count == 3, "the three readings of the date are all shown")
        #expect(Set(group.members.map(\.outlet)) == ["Rodong Sinmun", "KCNA", "Minju Joson"])
        // The same reports in another order give the same card.
        #expect(CandidateGrouping.groups(reports.reversed()).map(\.id) == [group.id])
    }

    @Test func openEndedDatesNeverChainSeparateEvents() {
        let reports = [
            Self.report(1, "KCNA", .day(Self.day("2025-10-01"))),
            Self.report(2, "KCNA", .onOrBefore(Self.day("2025-10-25"))),  // 24 days after report 1: joins it
            Self.report(3, "KCNA", .onOrBefore(Self.day("2025-11-25"))),  // 55 days after report 1, 5 after report 4
            Self.report(4, "KCNA", .day(Self.day("2025-11-20"))),
            Self.report(5, "KCNA", .onOrBefore(Self.day("2026-03-01"))),  // no dated report within 31 days: alone
            Self.report(6, "KCNA", .onOrBefore(Self.day("2026-03-01"))),  // the same open date: the same card
        ]
        let groups = CandidateGrouping.groups(reports)
        let byMembers = Set(groups.map { Set($0.memberIDs) })
        #expect(byMembers == [[1, 2], [3, 4], [5, 6]])
        #expect(groups.first { Set($0.memberIDs) == [5, 6] }?.id == "KP0310.inauguration.open.2026-03-01")
    }

    @Test func theWindowIsThirtyOneDaysInclusive() {
        let at31 = CandidateGrouping.groups([
            Self.report(1, "KCNA", .day(Self.day("2025-01-01"))), Self.report(2, "KCNA", .onOrBefore(Self.day("2025-02-01"))),
        ])
        #expect(at31.count == 1, "31 days before: the same event")
        let at32 = CandidateGrouping.groups([
            Self.report(1, "KCNA", .day(Self.day("2025-01-01"))), Self.report(2, "KCNA", .onOrBefore(Self.day("2025-02-02"))),
        ])
        #expect(at32.count == 2, "32 days before: separate")
        // An open date before the dated report does not join it either.
        let before = CandidateGrouping.groups([
            Self.report(1, "KCNA", .day(Self.day("2025-01-10"))), Self.report(2, "KCNA", .onOrBefore(Self.day("2025-01-05"))),
        ])
        #expect(before.count == 2)
    }

    @Test func otherPlacesAndKindsStayApart() {
        let groups = CandidateGrouping.groups([
            Self.report(1, "KCNA", .day(Self.day("2025-12-20"))),
            Self.report(2, "KCNA", .day(Self.day("2025-12-20")), place: "KP0316"),
            Self.report(3, "KCNA", .day(Self.day("2025-12-20")), event: .groundbreaking),
            Self.report(4, "KCNA", .day(Self.day("2025-12-20")), place: nil),
        ])
        #expect(groups.count == 4)
        #expect(groups.contains { $0.id == "KP03.inauguration.2025-12-20.2025-12-20" && $0.placeID == nil })
    }

    @Test func theJSONHasTheContractsFields() throws {
        let group = try #require(CandidateGrouping.groups([Self.report(1, "KCNA", .day(Self.day("2025-12-20")))]).first)
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(group)) as? [String: Any])
        #expect(Set(object.keys) == ["group_id", "place_id", "province_id", "event", "date", "members", "status"])
        let member = try #require((object["members"] as? [[String: Any]])?.first)
        #expect(Set(member.keys) == ["id", "document_id", "outlet", "date", "confidence"])
        #expect(object["status"] as? String == "pending")
    }

    @Test func theDeskFiltersAndCountsCards() {
        var english = Self.report(1, "KCNA", .day(Self.day("2025-12-20")), confidence: 0.9)
        english.snippet = "The inauguration took place"
        var korean = Self.report(2, "Rodong Sinmun", .day(Self.day("2024-05-01")), place: "KP0316", confidence: 0.5)
        korean.snippet = "준공식이 진행되였다"
        let groups = CandidateGrouping.groups([english, korean])
        var filter = DeskFilter()
        filter.language = "ko"
        #expect(filter.apply(groups).map(\.memberIDs) == [[2]])
        filter.language = nil
        filter.minConfidence = 0.7
        #expect(filter.apply(groups).map(\.memberIDs) == [[1]])
        // Counts per outlet with the confidence filter applied: only KCNA's card is left.
        #expect(filter.counts(groups)["outlet"]?.map(\.value) == ["KCNA"])
        filter.minConfidence = nil
        filter.wave = 2024
        #expect(filter.apply(groups).map(\.memberIDs) == [[2]])
        #expect(filter.counts(groups)["wave"]?.map(\.count) == [1, 1], "the wave's own count ignores the wave filter")
    }
}
