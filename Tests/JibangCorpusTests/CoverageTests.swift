import Foundation
import JibangTestSupport
import Testing

@testable import JibangCorpus

/// Periods holding under a quarter of the documents of the 12 periods around them are flagged
/// as likely holes in the corpus, in the trend's JSON and for the figures.
@Suite struct CoverageTests {
    /// By hand: the median of the neighbours, then a quarter of it.
    @Test func lowPeriodsMatchAHandComputation() {
        // Index 3: its neighbours are the five 8s (median 8); 1 < 2. Every other period has
        // four 8s and the 1 around it (median 8); 8 is not under 2.
        #expect(Coverage.lowPeriods([8, 8, 8, 1, 8, 8]) == [false, false, false, true, false, false])
        // 20 periods, one of 4 among 20s: its 12 neighbours are all 20 (a quarter: 5), so 4 is
        // low; 5 would not be (not under a quarter).
        var totals = Array(repeating: 20, count: 20)
        totals[10] = 4
        #expect(Coverage.lowPeriods(totals) == totals.indices.map { $0 == 10 })
        totals[10] = 5
        #expect(Coverage.lowPeriods(totals) == Array(repeating: false, count: 20))
        // At the start the window takes 12 periods after it: 2 against twelve 10s is low.
        #expect(Coverage.lowPeriods([2] + Array(repeating: 10, count: 14)).first == true)
        // Too short a series to judge, and a run of empty periods among empty ones.
        #expect(Coverage.lowPeriods([1, 100, 1, 100]) == [false, false, false, false])
        #expect(Coverage.lowPeriods([0, 0, 0, 0, 0, 0]) == Array(repeating: false, count: 6))
    }

    /// A corpus of 24 months with a month the scraper missed (one article instead of ten): the
    /// trend's coverage flags that month, for "all" and for its outlet, and nothing else.
    @Test func aHoleInTheCorpusIsFlagged() throws {
        var documents: [Document] = []
        for month in 0..<24 {
            let date = String(format: "%04d-%02d-15", 2018 + month / 12, month % 12 + 1)
            for n in 0..<(month == 13 ? 1 : 10) {
                documents.append(doc("d\(month)-\(n)", date, n % 3 == 0 ? "지방공업 공장이 준공되였다" : "날씨가 맑았다"))
            }
        }
        let result = try engine(documents).run(TrendQuery(groups: [try TermGroup(name: "r", query: "지방공업")], by: .month))
        let low = result.coverage.filter(\.low)
        #expect(low.map(\.period) == ["2019-02"])
        #expect(result.lowPeriods() == ["2019-02"])
        #expect(result.coverage.count == result.rows.count)
        #expect(result.coverage.map(\.total) == result.rows.map(\.total))
        // In the JSON contract: coverage: [{period, outlet, total, low}].
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        let cells = try #require(json["coverage"] as? [[String: Any]])
        #expect(Set(cells[0].keys) == ["period", "outlet", "total", "low"])
        #expect(cells.filter { $0["low"] as? Bool == true }.map { $0["period"] as? String } == ["2019-02"])
    }
}
