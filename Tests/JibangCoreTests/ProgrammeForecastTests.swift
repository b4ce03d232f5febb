import Foundation
import JibangCSV
import JibangCore
import Testing

/// Issue 15: the forecast against simulations with a known answer, interval censoring, the
/// backtest on the bundled record, and reproducibility by seed.
@Suite struct ProgrammeForecastTests {
    /// A generator of the test's own (a 64-bit LCG), so the truth does not come from the code under test.
    struct TruthRandom {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            let u1 = max(uniform(), 1e-12)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * uniform())
        }
    }

    static let gazetteer = try! BundledData.gazetteer()
    static let places = gazetteer.localUnits.map(\.id)

    static func source(_ n: Int) -> [Source] { [Source(url: "https://example.org/\(n)", outlet: "KCNA")] }

    /// A wave of `count` sites whose inaugurations fall at 1 January + season + deviation (days).
    static func wave(_ year: Int, count: Int, first: Int, season: Double, within: Double, rng: inout TruthRandom) -> (sites: [Site], truth: [Day]) {
        var sites: [Site] = []
        var truth: [Day] = []
        let anchor = Day(year: year, month: 1, day: 1)!
        for i in 0..<count {
            let day = anchor.adding(days: Int((season + within * rng.normal()).rounded()))
            truth.append(day)
            let groundbreaking = Milestone(kind: .groundbreaking, date: .day(Day(year: year, month: 2, day: 27)!), sources: source(first + i))
            let inauguration = Milestone(kind: .inauguration, date: .day(day), sources: source(10_000 + first + i))
            sites.append(
                Site(id: Int64(first + i), stageID: String(year), divisionID: places[first + i], milestones: [groundbreaking, inauguration]))
        }
        return (sites, truth)
    }

    /// Over many simulated records drawn from a model with known seasons, the 80 % intervals of
    /// the open wave's sites hold the truth about 80 % of the time.
    @Test func intervalsCoverTheTruthAboutEightyPercentOfTheTime() throws {
        var rng = TruthRandom(state: 42)
        var inside = 0
        var total = 0
        for replicate in 0..<40 {
            let a = Self.wave(2024, count: 20, first: 0, season: 370 + 30 * rng.normal(), within: 15, rng: &rng)
            let b = Self.wave(2025, count: 20, first: 20, season: 370 + 30 * rng.normal(), within: 15, rng: &rng)
            let c = Self.wave(2026, count: 20, first: 40, season: 370 + 30 * rng.normal(), within: 15, rng: &rng)
            // On 2026-06-30 the third wave has broken ground and nothing more.
            let open = c.sites.map { site in
                var site = site
                site.milestones = site.milestones.filter { $0.kind == .groundbreaking }
                return site
            }
            let forecast = ProgrammeForecast(
                sites: a.sites + b.sites + open, gazetteer: Self.gazetteer,
                options: .init(asOf: Day(iso: "2026-06-30")!, seed: UInt64(replicate + 1), runs: 300))
            for (site, truth) in zip(c.sites, c.truth) {
                let row = try #require(forecast.sites.first { $0.placeId == site.divisionID })
                #expect(!row.observed)
                total += 1
                if Day(iso: row.low)! <= truth && truth <= Day(iso: row.high)! { inside += 1 }
            }
        }
        let share = Double(inside) / Double(total)
        #expect(share > 0.7 && share < 0.9, "coverage \(share) over \(total) sites")
    }

    /// A month-precision inauguration stays a month: the observed row keeps it, and the
    /// imputed offsets spread over the month (an open site's interval is not a single day).
    @Test func aMonthNeverBecomesADay() throws {
        var sites: [Site] = []
        for i in 0..<10 {
            sites.append(
                Site(
                    id: Int64(i), stageID: "2024", divisionID: Self.places[i],
                    milestones: [Milestone(kind: .inauguration, date: .month(year: 2024, month: 12), sources: Self.source(i))]))
        }
        sites.append(
            Site(
                id: 99, stageID: "2025", divisionID: Self.places[50],
                milestones: [Milestone(kind: .groundbreaking, date: .day(Day(iso: "2025-02-27")!), sources: Self.source(99))]))
        let forecast = ProgrammeForecast(sites: sites, gazetteer: Self.gazetteer, options: .init(asOf: Day(iso: "2025-06-30")!, runs: 2000))
        let observed = forecast.sites.filter(\.observed)
        #expect(observed.count == 10)
        #expect(observed.allSatisfy { $0.expected == "2024-12" && $0.low == "2024-12-01" && $0.high == "2024-12-31" })
        let open = try #require(forecast.sites.first { !$0.observed })
        #expect(open.low != open.high)
        // With every observed day inside December, the imputed seasons are December's: the open
        // site's median falls within a month of it a year on.
        let median = try #require(Day(iso: open.expected))
        #expect(median >= Day(iso: "2025-11-01")! && median <= Day(iso: "2026-01-31")!, "\(open.expected)")
    }

    @Test func theSameSeedGivesTheSameForecast() throws {
        let sites = try BundledProgramme.entries().sites()
        let options = ProgrammeForecast.Options(asOf: Day(iso: "2026-11-29")!, seed: 7, runs: 500)
        let a = ProgrammeForecast(sites: sites, gazetteer: Self.gazetteer, options: options)
        let b = ProgrammeForecast(sites: sites, gazetteer: Self.gazetteer, options: options)
        #expect(ProgrammeJSON.encode(a) == ProgrammeJSON.encode(b))
        #expect(a.seed == 7)
    }

    /// The backtest on the bundled record as of 2025-06-30 checks every 2025 wave site known then
    /// and inaugurated since, counted here from the CSV text.
    @Test func theBacktestChecksTheSitesOpenThen() throws {
        let text = try BundledData.programmeCSV()
        let table = try CSVTable(parsing: text)
        func col(_ name: String) -> Int { table.column(name)! }
        var knownBy = Set<String>()
        var inaugurated = Set<String>()
        for row in table.rows where row.fields[col("year_wave")] == "2025" && row.fields[col("role")] == "wave" {
            let place = row.fields[col("city_county")]
            let date = row.fields[col("date")].replacingOccurrences(of: "../", with: "")
            // A day, a month or "on or before": its last possible day, as text, compares as ISO.
            let last = date.count == 7 ? date + "-31" : String(date.suffix(10))
            if last <= "2025-06-30" { knownBy.insert(place) }
            if row.fields[col("event")] == "inauguration" && last > "2025-06-30" { inaugurated.insert(place) }
        }
        let expected = knownBy.intersection(inaugurated).count
        let forecast = ProgrammeForecast(
            sites: try BundledProgramme.entries().sites(), gazetteer: Self.gazetteer, options: .init(asOf: Day(iso: "2025-06-30")!, runs: 2000))
        let backtest = try #require(forecast.backtest)
        #expect(backtest.sites == expected)
        #expect(backtest.inside + backtest.outside.count == backtest.sites)
        #expect(forecast.programme.selectionPace == [20], "only the 2024 wave was complete on 2025-06-30")
        #expect(forecast.programme.coverage.first { $0.year == 2024 }?.observed != nil)
        #expect(forecast.programme.coverage.first { $0.year == 2025 }?.observed == nil)
    }
}
