import Foundation
import JibangBase
import JibangTestSupport
import Testing

@testable import JibangAnalytics

/// Values computed once with SciPy (Fixtures/make-reference.py) and committed.
struct Reference: Decodable {
    struct Pair: Decodable {
        let r, p: Double
        let ci_low, ci_high: Double
    }

    struct Correlations: Decodable {
        let pearson, spearman: Pair
    }

    struct Lag: Decodable {
        let lag: Int
        let r: Double
        let n: Int
    }

    struct Case: Decodable {
        let name: String
        let x, y: [Double]
        let confidence: Double
        let max_lag: Int
        let levels: Correlations
        let differences: Correlations?
        let lags: [Lag]
        let ranks_x: [Double]
    }

    struct TValue: Decodable {
        let t, df, p: Double
    }

    struct ZValue: Decodable {
        let p, z: Double
    }

    let cases: [Case]
    let student_t_two_sided: [TValue]
    let normal_quantile: [ZValue]

    static let loaded: Reference = {
        let data = Data(Fixtures.text("reference-statistics.json").utf8)
        return try! JSONDecoder().decode(Reference.self, from: data)
    }()
}

@Suite struct StatisticsTests {
    static let tolerance = 1e-9

    func expectClose(_ a: Double, _ b: Double, _ what: String) {
        #expect(abs(a - b) <= Self.tolerance, "\(what): \(a) vs SciPy \(b)")
    }

    func expectMatches(_ c: Correlation, _ reference: Reference.Pair, _ what: String) {
        expectClose(c.r, reference.r, "\(what) r")
        expectClose(c.p, reference.p, "\(what) p")
        expectClose(c.ciLow, reference.ci_low, "\(what) ci_low")
        expectClose(c.ciHigh, reference.ci_high, "\(what) ci_high")
    }

    @Test(arguments: Reference.loaded.cases.map(\.name))
    func correlationsMatchSciPy(_ name: String) throws {
        let c = try #require(Reference.loaded.cases.first { $0.name == name })
        expectMatches(try Correlation.pearson(c.x, c.y, confidence: c.confidence), c.levels.pearson, "\(name) pearson")
        expectMatches(try Correlation.spearman(c.x, c.y, confidence: c.confidence), c.levels.spearman, "\(name) spearman")
        #expect(Correlation.ranks(c.x) == c.ranks_x)
        let dx = zip(c.x.dropFirst(), c.x).map { $0 - $1 }
        let dy = zip(c.y.dropFirst(), c.y).map { $0 - $1 }
        if let differences = c.differences {
            expectMatches(try Correlation.pearson(dx, dy, confidence: c.confidence), differences.pearson, "\(name) Δ pearson")
            expectMatches(try Correlation.spearman(dx, dy, confidence: c.confidence), differences.spearman, "\(name) Δ spearman")
        } else {
            #expect(throws: JibangError.self) { try Correlation.pearson(dx, dy) }
        }
        let lags = LaggedCorrelation.scan(c.x, c.y, maxLag: c.max_lag)
        #expect(lags.map(\.lag) == c.lags.map(\.lag))
        #expect(lags.map(\.n) == c.lags.map(\.n))
        for (mine, theirs) in zip(lags, c.lags) { expectClose(mine.r, theirs.r, "\(name) lag \(theirs.lag)") }
        let strongest = try #require(LaggedCorrelation.strongest(lags))
        let expected = c.lags.max { abs($0.r) < abs($1.r) }!
        #expect(abs(strongest.r) == abs(lags.first { $0.lag == expected.lag }!.r))
    }

    @Test func studentAndNormalMatchSciPy() {
        for t in Reference.loaded.student_t_two_sided {
            expectClose(Distributions.studentTwoSided(t.t, df: t.df), t.p, "t=\(t.t) df=\(t.df)")
        }
        for z in Reference.loaded.normal_quantile {
            expectClose(Distributions.normalQuantile(z.p), z.z, "Φ⁻¹(\(z.p))")
        }
    }

    @Test func shortAndConstantSeriesAreClearErrors() throws {
        let short = #expect(throws: JibangError.self) { try Correlation.pearson([1, 2, 3], [3, 2, 1]) }
        #expect(short?.code == .analysisFailed)
        #expect(short?.message.contains("at least 4") == true)
        let constant = #expect(throws: JibangError.self) {
            try Correlation.spearman([1, 2, 3, 4, 5], [2, 2, 2, 2, 2], names: ("regional-economy", "defence-science"))
        }
        #expect(constant?.message.contains("is constant") == true)
        #expect(constant?.message.contains("defence-science") == true)
        let mismatched = #expect(throws: JibangError.self) { try Correlation.pearson([1, 2, 3, 4, 5], [1, 2, 3, 4]) }
        #expect(mismatched?.message.contains("has 5 periods but") == true)
    }

    @Test func perfectCorrelationHasZeroPAndADegenerateInterval() throws {
        let c = try Correlation.pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
        #expect(c.r == 1)
        #expect(c.p == 0)
        #expect(c.ciLow == 1 && c.ciHigh == 1)
    }

    @Test func laggedCorrelationFindsAKnownShift() {
        // b repeats a two periods later, so a leads b by 2.
        let a: [Double] = [0, 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7]
        let b: [Double] = [7, 7] + a.dropLast(2)
        let best = LaggedCorrelation.strongest(LaggedCorrelation.scan(a, b, maxLag: 3))
        #expect(best?.lag == 2)
        #expect(abs((best?.r ?? 0) - 1) < 1e-12)
    }
}
