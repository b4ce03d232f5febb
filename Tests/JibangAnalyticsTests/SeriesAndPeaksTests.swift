import Foundation
import JibangBase
import JibangCorpus
import Testing

@testable import JibangAnalytics

@Suite struct SeriesAndPeaksTests {
    func series(_ values: [Double], start: Int = 2000) -> Series {
        Series(name: "s", by: .year, periods: values.indices.map { String(start + $0) }, values: values)
    }

    @Test func movingAverageIsCentredAndLabelled() throws {
        let smoothed = try series([0, 3, 6, 3, 0]).movingAverage(window: 3)
        // Ends shrink to a window of one; inside: plain means of three.
        #expect(smoothed.values == [0, 3, 4, 3, 0])
        #expect(smoothed.label == "s (3-year centred moving average)")
        #expect(throws: JibangError.self) { try series([1, 2, 3]).movingAverage(window: 4) }
    }

    @Test func differencesAreLabelledByTheLaterPeriod() {
        let d = series([5, 7, 4]).differences
        #expect(d.periods == ["2001", "2002"])
        #expect(d.values == [2, -3])
    }

    @Test func seriesFromATrendIsZeroFilledPerOutlet() throws {
        let json = """
            {"by": "year", "measure": "documents", "options": {"folding": true, "spacing": true, "substring": true}, "groups": [],
             "documents": 5, "tooCoarse": 0, "rows": [
              {"period": "2010", "outlet": "A", "total": 3, "counts": {"g": 1}, "per1000": {"g": 333.33}},
              {"period": "2010", "outlet": "all", "total": 3, "counts": {"g": 1}, "per1000": {"g": 333.33}},
              {"period": "2011", "outlet": "B", "total": 2, "counts": {"g": 2}, "per1000": {"g": 1000}},
              {"period": "2011", "outlet": "all", "total": 2, "counts": {"g": 2}, "per1000": {"g": 1000}}]}
            """
        let result = try JSONDecoder().decode(TrendResult.self, from: Data(json.utf8))
        #expect(Series(result, group: "g", outlet: "A").values == [1, 0])
        #expect(Series(result, group: "g").values == [1, 2])
        #expect(Series(result, group: "g", value: .share).values == [333.33, 1000])
    }

    @Test func outliersAboveTheRollingMedianAreFound() throws {
        var values = [Double](repeating: 10, count: 15)
        values[7] = 30
        values[3] = 11
        let peaks = try PeakFinder().peaks(series(values))
        #expect(peaks.map(\.period) == ["2007"])
        #expect(peaks[0].outlier)
        #expect(peaks[0].baseline == 10)
        #expect(peaks[0].prominence == 20)
    }

    @Test func prominentLocalMaximaCountOncePerPlateau() throws {
        // Two humps: a plateau (2003–2005) of 8, and a lower hump of 5 at 2010; a ripple of 1 at 2012.
        let values: [Double] = [0, 2, 5, 8, 8, 8, 4, 2, 1, 3, 5, 2, 3, 2, 1]
        let finder = PeakFinder(window: 3, k: 100, minProminence: 0.25)
        let peaks = try finder.peaks(series(values))
        #expect(peaks.map(\.period) == ["2004", "2010"])
        // Prominence: 8 − max(0 (left edge), 1 (lowest point right of it, nothing taller follows)) = 7; 5 − max(1, 1) = 4.
        #expect(peaks.map(\.prominence) == [7, 4])
        // The ripple's prominence is 1, under a quarter of the range (2).
        #expect(PeakFinder.prominences(values)[12] == 1)
    }

    @Test func flatSeriesHasNoPeaks() throws {
        #expect(try PeakFinder().peaks(series([4, 4, 4, 4])).isEmpty)
        #expect(throws: JibangError.self) { try PeakFinder(window: 2).peaks(series([1, 2, 3])) }
    }

    @Test func bundledEventsCarryTheirSources() {
        let events = EventFile.bundled()
        #expect(events.map(\.date) == ["2010-01-01", "2013-03", "2017", "2018-04", "2021-01", "2024-01-15"])
        #expect(events.allSatisfy { !$0.source.isEmpty })
    }

    @Test func eventFileErrorsNameTheLineAndField() {
        let error = #expect(throws: JibangError.self) {
            try EventFile.parse("date,label,source\n2020-01-01,ok,somewhere\nJanuary,bad,somewhere\n", file: "my-events.csv")
        }
        #expect(error?.message.contains("my-events.csv:3") == true)
        #expect(error?.message.contains("January") == true)
    }

    @Test(arguments: [PeriodUnit.year, .month, .week, .day])
    func periodLabelsParseBack(_ unit: PeriodUnit) {
        for day in stride(from: -4000, to: 25_000, by: 37) {
            guard let period = unit.period(day: day, precision: 0) else { continue }
            #expect(unit.period(label: unit.label(period)) == period)
            #expect(unit.days(of: period).contains(day))
        }
    }
}
