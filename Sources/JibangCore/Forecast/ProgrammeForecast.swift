import Foundation
import JibangBase
import KoreanText

/// When the open sites, the waves and the programme are likely to be done, from the record as it
/// stood on the as-of day. A pure function of the sites and the options (seeded Monte Carlo).
///
/// **Model.** The record shows that the calendar, not a duration, sets the day: ground is broken
/// in February–March of the wave's year and the ceremonies fall in the December–February season
/// that ends it, whatever the groundbreaking day. So an inauguration is drawn as an *offset in
/// days from 1 January of its wave's year*, from the offsets observed at inaugurated wave sites;
/// it is not a duration added to a groundbreaking day drawn on its own.
/// - Observed dates are interval-censored: a month, a range or an "on or before" date gives an
///   interval of offsets (an "on or before" inauguration starts at the site's groundbreaking, or
///   at 1 January of the wave year), and each run draws the offset uniformly inside it. No date
///   is replaced by a midpoint or a made-up day.
/// - An open site's inauguration is drawn from the offsets later than the as-of day; when none
///   is, the site has missed its season and moves to the next one (a year later).
/// - Future waves: as many cities and counties per year as the complete waves before the as-of
///   year selected (drawn from their sizes; 20 when there is none yet), each a new place, each
///   inaugurated by the same offsets.
/// - Coverage is the number of distinct cities and counties with an inaugurated *wave* site (an
///   associated project does not count) by 31 December of each year.
public struct ProgrammeForecast: Sendable, Encodable {
    /// What to compute.
    public struct Options: Sendable {
        public var asOf: Day
        public var seed: UInt64
        public var runs: Int
        /// The central interval reported (0.8: the 10th to the 90th percentile).
        public var level: Double
        /// Prior spread (days, one standard deviation) of a wave's season around the observed
        /// seasons, worth one wave: the December–February season is about 90 days wide.
        public var seasonSD: Int
        /// Prior spread (days) of a site around its wave's season, worth one site.
        public var withinSD: Int

        public init(
            asOf: Day, seed: UInt64 = ProgrammeForecast.defaultSeed, runs: Int = 5000, level: Double = 0.8, seasonSD: Int = 30,
            withinSD: Int = 15
        ) {
            self.asOf = asOf
            self.seed = seed
            self.runs = runs
            self.level = level
            self.seasonSD = seasonSD
            self.withinSD = withinSD
        }
    }

    public static let defaultSeed: UInt64 = 20_241_229

    /// One site: observed (its inauguration as the record gives it) or forecast.
    public struct SiteForecast: Sendable, Encodable, Equatable {
        public let id: Int64?
        public let placeId: String
        public let name: String
        public let wave: Int
        /// The site's status (planned, under-construction, completed) on the as-of day.
        public let status: String
        /// True when the inauguration is in the record by the as-of day (then `expected` is its
        /// date as given, and `low`/`high` its earliest and latest possible days).
        public let observed: Bool
        public let expected: String
        public let low: String
        public let high: String
    }

    /// One wave: when all its wave sites will be inaugurated.
    public struct WaveForecast: Sendable, Encodable, Equatable {
        public let year: Int
        /// Median day of the wave's last inauguration, with the interval; the day itself when all
        /// are observed.
        public let expectedComplete: String
        public let low: String
        public let high: String
        public let openSites: Int
        /// Wave sites in the record (recorded waves) or drawn (future waves: the median size).
        public let sites: Int
        /// True for a wave no site of which is in the record by the as-of day.
        public let projected: Bool
    }

    /// Cumulative coverage at the end of a year.
    public struct CoveragePoint: Sendable, Encodable, Equatable {
        public let year: Int
        public let expected: Double
        public let low: Int
        public let high: Int
        /// Covered by the end of the year in the record (only for years that ended by the as-of day).
        public let observed: Int?
    }

    public struct ProgrammeOutlook: Sendable, Encodable, Equatable {
        /// Share of runs in which every targeted city and county is covered by 31 December 2033.
        public let pCompleteBy2033: Double
        public let target: Int
        public let coverage: [CoveragePoint]
        /// Sizes of the complete waves that set the pace of selection.
        public let selectionPace: [Int]

        enum CodingKeys: String, CodingKey {
            case pCompleteBy2033 = "p_complete_by_2033"
            case target, coverage, selectionPace
        }
    }

    /// The forecast checked against the record after the as-of day: of the sites open then that
    /// the record shows inaugurated since, how many fell inside their interval.
    public struct Backtest: Sendable, Encodable, Equatable {
        public let sites: Int
        public let inside: Int
        /// Sites whose actual date lies outside, with it.
        public let outside: [String]
        /// Waves open on the as-of day whose sites (those known then) the record shows all inaugurated since.
        public let waves: [WaveCheck]
    }

    /// A wave's forecast completion against the day its last known site was inaugurated.
    public struct WaveCheck: Sendable, Encodable, Equatable {
        public let year: Int
        public let actual: String
        public let low: String
        public let high: String
        public let inside: Bool
    }

    public let asOf: String
    public let method: String
    public let seed: UInt64
    public let runs: Int
    public let level: Double
    /// Inaugurated wave sites whose offsets the model draws from.
    public let observedInaugurations: Int
    public let sites: [SiteForecast]
    public let waves: [WaveForecast]
    public let programme: ProgrammeOutlook
    public let backtest: Backtest?

    /// The method, with its priors, as the outputs name it.
    public static func methodName(_ options: Options) -> String {
        "wave seasons (offsets from 1 January of the wave year; priors: \(options.seasonSD) days between waves, \(options.withinSD) days within) plus each site's deviation, interval-censored, Monte Carlo (SplitMix64)"
    }

    /// A site as the model sees it on the as-of day.
    struct Known {
        let site: Site
        let wave: Int
        let anchor: Day
        /// The first inauguration known by the as-of day: its offset interval (days from the anchor).
        let inauguration: (low: Int, high: Int, date: MilestoneDate)?
        /// The offset the inauguration must exceed when open (the as-of day).
        let after: Int
    }

    public init(sites allSites: [Site], gazetteer: Gazetteer, options: Options) {
        let asOf = options.asOf
        let level = min(max(options.level, 0.5), 0.99)
        let (lowQ, highQ) = ((1 - level) / 2, 1 - (1 - level) / 2)
        // Wave sites of 20×10 waves known by the as-of day.
        var known: [Known] = []
        for site in ProgrammeRecord.ordered(allSites) where site.isWaveSite {
            guard let stage = Programme.stage(id: site.stageID), stage.kind == .wave, let anchor = Day(year: stage.year, month: 1, day: 1)
            else { continue }
            var visible = site
            visible.milestones = site.happened.filter { $0.date.latest <= asOf }
            guard !visible.milestones.isEmpty else { continue }
            let groundbreaking = visible.milestones.filter { $0.kind == .groundbreaking }.map(\.date.latest).min()
            let inauguration = visible.timeline.first { $0.kind == .inauguration }.map { m in
                let earliest = m.date.earliest ?? groundbreaking ?? anchor
                return (low: anchor.days(to: max(earliest, anchor)), high: anchor.days(to: m.date.latest), date: m.date)
            }
            known.append(Known(site: visible, wave: stage.year, anchor: anchor, inauguration: inauguration, after: anchor.days(to: asOf)))
        }
        let observed = known.compactMap(\.inauguration)
        // The pace of selection: sizes of the waves before the as-of year.
        let recordedWaves = Set(known.map(\.wave))
        let complete = recordedWaves.filter { $0 < asOf.year }.sorted()
        let pace = complete.map { year in known.filter { $0.wave == year }.count }
        let sizes = pace.isEmpty ? [Programme.yearlyTarget] : pace
        let futureWaves = Programme.years.filter { $0 >= asOf.year && !recordedWaves.contains($0) }
        let years = Array(Programme.years)
        var rng = SeededRandom(seed: options.seed)

        // Waves whose every site is inaugurated by the as-of day (at least three): their seasons
        // set the centre and spread of a wave's season, and their sites the spread within a wave.
        let referenceWaves = recordedWaves.sorted().filter { wave in
            let sites = known.filter { $0.wave == wave }
            return sites.count >= 3 && sites.allSatisfy { $0.inauguration != nil }
        }
        let observedByWave = Dictionary(grouping: known.indices.filter { known[$0].inauguration != nil }, by: { known[$0].wave })
        let recordedSize = Dictionary(grouping: known, by: \.wave).mapValues(\.count)
        let betweenPrior = Double(options.seasonSD)
        let withinPrior = Double(options.withinSD)

        // Per run: each open site's day (ordinal), each wave's completion, coverage per year.
        var siteDays = Array(repeating: [Int](), count: known.count)
        var waveDays: [Int: [Int]] = [:]
        var futureSizes: [Int: [Int]] = [:]
        var coverage = Array(repeating: [Int](), count: years.count)
        var complete2033 = 0
        let runs = max(options.runs, 1)
        let yearEnds = years.map { Day(year: $0, month: 12, day: 31)!.ordinal }
        for _ in 0..<runs {
            // Impute every observed offset inside its interval (never a midpoint).
            var imputed = [Int?](repeating: nil, count: known.count)
            for (k, site) in known.enumerated() {
                if let interval = site.inauguration { imputed[k] = Int.random(in: interval.low...max(interval.low, interval.high), using: &rng) }
            }
            var medians: [Int: Double] = [:]
            for (wave, indices) in observedByWave { medians[wave] = Self.median(indices.map { Double(imputed[$0]!) }) }
            let reference = referenceWaves.isEmpty ? Array(observedByWave.keys).sorted() : referenceWaves
            var deviations = reference.flatMap { wave in (observedByWave[wave] ?? []).map { Double(imputed[$0]!) - medians[wave]! } }
            deviations.sort()
            let centres = reference.compactMap { medians[$0] }
            let centre = centres.isEmpty ? 0 : centres.reduce(0, +) / Double(centres.count)
            // Spreads with a prior worth one observation, so one wave does not make them zero.
            let between =
                ((betweenPrior * betweenPrior + centres.map { ($0 - centre) * ($0 - centre) }.reduce(0, +))
                / Double(max(centres.count, 1))).squareRoot()
            let within = ((withinPrior * withinPrior + deviations.map { $0 * $0 }.reduce(0, +)) / Double(deviations.count + 1)).squareRoot()
            /// A wave's season this run: from the reference seasons, moved towards the wave's own
            /// inaugurations when some are observed (normal–normal update).
            func season(_ wave: Int) -> Double {
                let n = Double(observedByWave[wave]?.count ?? 0)
                let precision = 1 / (between * between) + n / (within * within)
                let mean = (centre / (between * between) + n * (medians[wave] ?? 0) / (within * within)) / precision
                return mean + (1 / precision).squareRoot() * Self.normal(&rng)
            }
            /// An offset later than `threshold` in a wave whose season is `shift`: the season plus a
            /// deviation drawn among the observed ones that land later (or from the normal spread
            /// when fewer than five are observed); a site that cannot land later in this season
            /// moves to the next one, a year on.
            func draw(after threshold: Int, season shift: Double) -> Int? {
                guard !centres.isEmpty else { return nil }
                for year in 0..<12 {
                    let base = shift + Double(year * 365)
                    if deviations.count >= 5 {
                        var lo = 0
                        var hi = deviations.count
                        while lo < hi {
                            let mid = (lo + hi) / 2
                            if base + deviations[mid] > Double(threshold) { hi = mid } else { lo = mid + 1 }
                        }
                        if lo < deviations.count { return Int((base + deviations[Int.random(in: lo..<deviations.count, using: &rng)]).rounded()) }
                    } else {
                        for _ in 0..<64 {
                            let offset = base + within * Self.normal(&rng)
                            if offset > Double(threshold) { return Int(offset.rounded()) }
                        }
                    }
                }
                return nil
            }
            // Each wave's inauguration days this run, and each place's first inauguration.
            var byWave: [Int: [Int]] = [:]
            var firstByPlace: [String: Int] = [:]
            var futureDays: [Int] = []
            var seasons: [Int: Double] = [:]
            for (k, site) in known.enumerated() {
                let day: Int
                if let offset = imputed[k] {
                    day = site.anchor.ordinal + offset
                } else {
                    if seasons[site.wave] == nil { seasons[site.wave] = season(site.wave) }
                    guard let offset = draw(after: site.after, season: seasons[site.wave]!) else { continue }
                    day = site.anchor.ordinal + offset
                    siteDays[k].append(day)
                }
                byWave[site.wave, default: []].append(day)
                firstByPlace[site.site.divisionID] = min(firstByPlace[site.site.divisionID] ?? .max, day)
            }
            var sizeThisRun: [Int: Int] = [:]
            for year in futureWaves {
                let size = sizes[Int.random(in: 0..<sizes.count, using: &rng)]
                futureSizes[year, default: []].append(size)
                sizeThisRun[year] = size
                let anchor = Day(year: year, month: 1, day: 1)!
                let threshold = anchor.days(to: asOf)
                let shift = season(year)
                for _ in 0..<size {
                    guard let offset = draw(after: threshold, season: shift) else { continue }
                    byWave[year, default: []].append(anchor.ordinal + offset)
                    futureDays.append(anchor.ordinal + offset)
                }
            }
            for (year, days) in byWave {
                let size = (recordedSize[year] ?? 0) + (sizeThisRun[year] ?? 0)
                if days.count == size, let last = days.max() { waveDays[year, default: []].append(last) }
            }
            let placeDays = Array(firstByPlace.values) + futureDays
            for (i, end) in yearEnds.enumerated() { coverage[i].append(placeDays.filter { $0 <= end }.count) }
            if (coverage[years.count - 1].last ?? 0) >= Programme.totalTarget { complete2033 += 1 }
        }

        func day(_ ordinal: Int) -> String { Day(ordinal: ordinal).description }
        func quantile(_ values: [Int], _ q: Double) -> Int {
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * q).rounded())))]
        }
        var siteRows: [SiteForecast] = []
        for (k, site) in known.enumerated() {
            let division = gazetteer.division(id: site.site.divisionID)
            if let interval = site.inauguration {
                siteRows.append(
                    SiteForecast(
                        id: site.site.id, placeId: site.site.divisionID, name: division?.englishName ?? site.site.divisionID, wave: site.wave,
                        status: site.site.progress.rawValue, observed: true, expected: interval.date.description,
                        low: day(site.anchor.ordinal + interval.low), high: day(site.anchor.ordinal + interval.high)))
            } else if !siteDays[k].isEmpty {
                let days = siteDays[k]
                siteRows.append(
                    SiteForecast(
                        id: site.site.id, placeId: site.site.divisionID, name: division?.englishName ?? site.site.divisionID, wave: site.wave,
                        status: site.site.progress.rawValue, observed: false, expected: day(quantile(days, 0.5)), low: day(quantile(days, lowQ)),
                        high: day(quantile(days, highQ))))
            }
        }
        self.sites = siteRows
        waves = (recordedWaves.union(futureWaves)).sorted().compactMap { year in
            let days = waveDays[year] ?? []
            guard !days.isEmpty else { return nil }
            let recorded = known.filter { $0.wave == year }
            let size = recorded.isEmpty ? quantile(futureSizes[year] ?? [0], 0.5) : recorded.count
            return WaveForecast(
                year: year, expectedComplete: day(quantile(days, 0.5)), low: day(quantile(days, lowQ)), high: day(quantile(days, highQ)),
                openSites: recorded.isEmpty ? size : recorded.filter { $0.inauguration == nil }.count, sites: size, projected: recorded.isEmpty)
        }
        let observedCoverage: (Int) -> Int? = { year in
            guard let end = Day(year: year, month: 12, day: 31), end <= asOf else { return nil }
            return Set(known.filter { $0.inauguration.map { $0.date.latest <= end } ?? false }.map(\.site.divisionID)).count
        }
        programme = ProgrammeOutlook(
            pCompleteBy2033: Double(complete2033) / Double(runs), target: Programme.totalTarget,
            coverage: years.enumerated().map { i, year in
                CoveragePoint(
                    year: year, expected: (Double(coverage[i].reduce(0, +)) / Double(runs) * 10).rounded() / 10, low: quantile(coverage[i], lowQ),
                    high: quantile(coverage[i], highQ), observed: observedCoverage(year))
            }, selectionPace: pace)
        // The backtest: sites open on the as-of day that the full record shows inaugurated.
        var checked = 0
        var inside = 0
        var outside: [String] = []
        for row in siteRows where !row.observed {
            guard let site = allSites.first(where: { $0.divisionID == row.placeId && Programme.stage(id: $0.stageID)?.year == row.wave }),
                let actual = site.happened.filter({ $0.kind == .inauguration }).map(\.date).min(),
                let low = Day(iso: row.low), let high = Day(iso: row.high)
            else { continue }
            checked += 1
            // Inside when the actual date, with its precision, can fall in the interval.
            if actual.overlaps(low == high ? .day(low) : .range(low, high)) {
                inside += 1
            } else {
                outside.append("\(row.name) \(actual) (interval \(row.low) – \(row.high))")
            }
        }
        var waveChecks: [WaveCheck] = []
        for wave in waves where !wave.projected && wave.openSites > 0 {
            let firsts = known.filter { $0.wave == wave.year }.map { k in
                allSites.first { $0.divisionID == k.site.divisionID && $0.stageID == k.site.stageID }?.happened
                    .filter { $0.kind == .inauguration }.map(\.date.latest).min()
            }
            guard !firsts.isEmpty, firsts.allSatisfy({ $0 != nil }), let actual = firsts.compactMap({ $0 }).max(),
                let low = Day(iso: wave.low), let high = Day(iso: wave.high)
            else { continue }
            waveChecks.append(
                WaveCheck(year: wave.year, actual: actual.description, low: wave.low, high: wave.high, inside: low <= actual && actual <= high))
        }
        backtest = checked == 0 ? nil : Backtest(sites: checked, inside: inside, outside: outside, waves: waveChecks)
        self.asOf = asOf.description
        method = Self.methodName(options)
        seed = options.seed
        self.runs = runs
        self.level = level
        observedInaugurations = observed.count
    }
}

extension ProgrammeForecast {
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ rng: inout SeededRandom) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }
}

extension Day {
    /// The day with this ordinal (days since 1970-01-01).
    public init(ordinal: Int) {
        let (y, m, d) = PartialDate.civil(fromDayNumber: ordinal)
        self = Day(year: y, month: m, day: d)!
    }
}
