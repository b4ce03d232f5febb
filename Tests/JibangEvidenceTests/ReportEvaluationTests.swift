import Foundation
import JibangCore
import JibangCorpus
import JibangTestSupport
import Testing

@testable import JibangEvidence

/// The measure of the scanner on labelled reports (issue 13, part 6).
@Suite struct ReportEvaluationTests {
    static let gazetteer = try! BundledData.gazetteer()
    let scanner = EvidenceScanner(gazetteer: gazetteer, sites: [])

    func report(
        _ id: String, _ published: String, _ text: String, _ events: [(String, String, String)], language: String = "en"
    )
        -> LabelledReport
    {
        let json: [String: Any] = [
            "id": id, "url": "https://example.org/\(id)", "outlet": "KCNA", "source": "state", "language": language, "published": published,
            "text": text, "events": events.map { ["place": $0.0, "event": $0.1, "date": $0.2, "true": $0.2] },
        ]
        return try! JSONDecoder().decode(LabelledReport.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test func wilsonIntervalsMatchAReference() {
        // statsmodels.stats.proportion.proportion_confint(k, n, method="wilson")
        let eight = Proportion(hits: 8, of: 10)
        #expect(abs(eight.low! - 0.49016247153664183) < 1e-12 && abs(eight.high! - 0.9433178485456247) < 1e-12)
        let none = Proportion(hits: 0, of: 5)
        #expect(none.low == 0 && abs(none.high! - 0.43448246478317487) < 1e-12)
        let all = Proportion(hits: 41, of: 41)
        #expect(abs(all.low! - 0.9143324298155681) < 1e-12 && abs(all.high! - 1) < 1e-12)
        #expect(Proportion(hits: 0, of: 0).value == nil)
    }

    @Test func foundMissedFalseAndDatesAreCountedByHand() {
        let hamju = try! Self.gazetteer.resolve("Hamju County").id
        let kumya = try! Self.gazetteer.resolve("Kumya County").id
        let reports = [
            // Found, with the text's day: exact and honest.
            report(
                "a", "2025-01-20", "An inauguration ceremony of the regional-industry factories in Hamju County took place on January 18.",
                [(hamju, "inauguration", "2025-01-18")]),
            // Labelled to the month, proposed on or before the publication day: honest (it spans
            // the month), not exact.
            report(
                "b", "2025-02-10", "An inauguration ceremony of the regional-industry factories in Kumya County took place.",
                [(kumya, "inauguration", "2025-01")]),
            // Labelled but named nowhere: missed.
            report("c", "2025-02-10", "The report names no county at all.", [(kumya, "groundbreaking", "2025-02-03")]),
        ]
        let result = ReportEvaluation(reports: reports, scanner: scanner)
        #expect(result.all.reports == 3)
        #expect(result.all.recall.hits == 2 && result.all.recall.n == 3)
        #expect(result.all.precision.hits == 2 && result.all.precision.n == 2)
        #expect(result.all.exactDate.hits == 1 && result.all.exactDate.n == 2)
        #expect(result.all.honestDate.hits == 2 && result.all.honestDate.n == 2)
        #expect(result.recallByKind["groundbreaking"]?.hits == 0)
        #expect(result.findings.map(\.kind).sorted() == ["date", "missed"])
    }

    @Test func aDateContainsAnotherOnlyWhenItSpansIt() {
        func d(_ s: String) -> MilestoneDate { MilestoneDate(s)! }
        #expect(ReportEvaluation.contains(d("../2025-01-11"), d("2025-01-07")))
        #expect(!ReportEvaluation.contains(d("2025-01-07"), d("../2025-01-11")), "a day is more precise than on-or-before")
        #expect(ReportEvaluation.contains(d("2025-01"), d("2025-01-07")))
        #expect(!ReportEvaluation.contains(d("2025-01-08"), d("2025-01-07")))
    }
}
