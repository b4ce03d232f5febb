public import JibangBase
public import JibangCorpus

/// Two groups' series compared: correlation on levels and on first differences, the
/// cross-correlation over lags, and the peaks of each. Its JSON is the contract of
/// `jibang compare --format json`.
public struct Comparison: Sendable, Codable, Equatable {
    /// How to build and test the series.
    public struct Options: Sendable, Codable, Equatable {
        public var value: Series.Value
        /// Odd window of a centred moving average applied before everything else, or nil.
        public var smoothing: Int?
        /// Lags −maxLag…maxLag are scanned.
        public var maxLag: Int
        public var confidence: Double
        public var peaks: PeakFinder
        /// The outlet whose series are compared ("all": the total over outlets); the first
        /// series' outlet when `outletB` is given.
        public var outlet: String
        /// The second series' outlet, when the two series come from different outlets (each
        /// series is then counted, and its rate taken, within its own outlet).
        public var outletB: String?

        public init(
            value: Series.Value = .count, smoothing: Int? = nil, maxLag: Int = 3, confidence: Double = 0.95, peaks: PeakFinder = PeakFinder(),
            outlet: String = "all", outletB: String? = nil
        ) {
            self.value = value
            self.smoothing = smoothing
            self.maxLag = maxLag
            self.confidence = confidence
            self.peaks = peaks
            self.outlet = outlet
            self.outletB = outletB
        }

        enum CodingKeys: String, CodingKey {
            case value, smoothing
            case maxLag = "max_lag"
            case confidence, peaks, outlet
            case outletB = "outlet_b"
        }
    }

    public struct Differences: Sendable, Codable, Equatable {
        public let pearson: Correlation
        public let spearman: Correlation
    }

    public let by: PeriodUnit
    public let measure: Measure
    public let options: Options
    public let series: [Series]
    public let pearson: Correlation
    public let spearman: Correlation
    /// The same tests on period-to-period changes, so a shared trend does not fake a correlation.
    public let differences: Differences
    public let lags: [LaggedCorrelation]
    public let bestLag: LaggedCorrelation?
    /// Group name → the periods where it peaks.
    public let peaks: [String: [String]]
    /// Group name → each peak in full.
    public let peakDetails: [String: [Peak]]
    /// Periods left out because one series or both have no documents there (missing, not zero).
    public let droppedPeriods: [String]
    /// Where the outlets the documents come from change: the series compare different sources there.
    public let outletChanges: [MixChange]
    /// Where the languages of the documents change (Korean and English reporting counted
    /// together from some period on): the series compare different texts there.
    public let languageChanges: [MixChange]
    /// Periods where the outlet (or outlets) compared hold under a quarter of the documents of
    /// the periods around them: likely holes in the corpus, shaded in the figures.
    public let lowCoverage: [String]
    /// r and ρ with each term of either group left out (when the trend carries term detail and
    /// the group has more than one term): whether the correlation survives a change of dictionary.
    public let leaveOneOut: [TermLeftOut]

    /// The correlation with one term of one group left out; r and ρ are nil where undefined
    /// (a series left constant).
    public struct TermLeftOut: Sendable, Codable, Equatable {
        public let group: String
        public let term: String
        public let pearson: Double?
        public let spearman: Double?
        public let n: Int
    }

    enum CodingKeys: String, CodingKey {
        case by, measure, options, series, pearson, spearman, differences, lags
        case bestLag = "best_lag"
        case peaks
        case peakDetails = "peak_details"
        case droppedPeriods = "dropped_periods"
        case outletChanges = "outlet_changes"
        case languageChanges = "language_changes"
        case lowCoverage = "low_coverage"
        case leaveOneOut = "leave_one_out"
    }

    /// Compares groups `a` and `b` of `result` (a trend of both). `languages` is the language mix
    /// of each period (`CorpusDocumentStore.languagesByPeriod`), when known. Throws when a series
    /// is too short or constant, or an option is out of range.
    public init(
        _ result: TrendResult, a: String, b: String, options: Options = Options(), languages: [(period: String, members: Set<String>)] = []
    ) throws(JibangError) {
        for name in [a, b] where !result.groups.contains(where: { $0.name == name }) {
            throw JibangError.analysis("the trend has no group named \(name)")
        }
        guard options.maxLag >= 0 else {
            throw JibangError.analysis("the largest lag must be 0 or more; got \(options.maxLag)", hint: .init(field: "lag", suggestion: "0"))
        }
        guard options.confidence > 0, options.confidence < 1 else {
            throw JibangError.analysis("the confidence level must be between 0 and 1; got \(options.confidence)")
        }
        var first = Series(result, group: a, outlet: Self.rowOutlet(options.outlet, in: result), value: options.value)
        var second = Series(result, group: b, outlet: Self.rowOutlet(options.outletB ?? options.outlet, in: result), value: options.value)
        if let window = options.smoothing {
            first = try first.movingAverage(window: window)
            second = try second.movingAverage(window: window)
        }
        let names = (first.name, second.name)
        by = result.by
        measure = result.measure
        self.options = options
        series = [first, second]
        // Missing periods (no documents) are left out of every statistic, never counted as zeros.
        let (x, y) = Self.paired(first, second)
        outletChanges = MixChange.outletChanges(in: result)
        languageChanges = MixChange.changes(languages)
        let thin = Set([options.outlet, options.outletB ?? options.outlet].flatMap { result.lowPeriods(outlet: Self.rowOutlet($0, in: result)) })
        lowCoverage = first.periods.filter(thin.contains)
        droppedPeriods = zip(first.periods, zip(first.present, second.present)).filter { !($1.0 && $1.1) }.map(\.0)
        pearson = try Correlation.pearson(x, y, names: names, confidence: options.confidence)
        spearman = try Correlation.spearman(x, y, names: names, confidence: options.confidence)
        let (dx, dy) = Self.paired(first.differences, second.differences)
        let differenceNames = ("the changes in \(first.name)", "the changes in \(second.name)")
        differences = Differences(
            pearson: try Correlation.pearson(dx, dy, names: differenceNames, confidence: options.confidence),
            spearman: try Correlation.spearman(dx, dy, names: differenceNames, confidence: options.confidence))
        lags = LaggedCorrelation.scan(first.values, second.values, maxLag: options.maxLag, present: (first.present, second.present))
        bestLag = LaggedCorrelation.strongest(lags)
        leaveOneOut = try Self.leavingOneOut(result, a: a, b: b, series: (first, second), options: options)
        var details: [String: [Peak]] = [:]
        for s in series { details[s.name] = try options.peaks.peaks(s) }
        peakDetails = details
        peaks = details.mapValues { $0.map(\.period) }
    }

    /// r and ρ of the two series with each term of each group (of more than one term) left out.
    static func leavingOneOut(
        _ result: TrendResult, a: String, b: String, series: (Series, Series), options: Options
    ) throws(JibangError) -> [TermLeftOut] {
        var rows: [TermLeftOut] = []
        for (group, outlet, other) in [(a, options.outlet, series.1), (b, options.outletB ?? options.outlet, series.0)] {
            guard let terms = result.groups.first(where: { $0.name == group })?.terms, terms.count > 1 else { continue }
            for term in terms {
                guard var without = Series(result, group: group, leavingOut: term.term, outlet: rowOutlet(outlet, in: result), value: options.value)
                else { continue }
                if let window = options.smoothing { without = try without.movingAverage(window: window) }
                let (x, y) = group == a ? paired(without, other) : paired(other, without)
                let names = (group == a ? without.name : other.name, group == a ? other.name : without.name)
                rows.append(
                    TermLeftOut(
                        group: group, term: term.term, pearson: try? Correlation.pearson(x, y, names: names, confidence: options.confidence).r,
                        spearman: try? Correlation.spearman(x, y, names: names, confidence: options.confidence).r, n: x.count))
            }
        }
        return rows
    }

    /// The values of the periods where both series have data.
    static func paired(_ a: Series, _ b: Series) -> ([Double], [Double]) {
        let keep = zip(a.present, b.present).map { $0 && $1 }
        let both = a.values.indices.filter { keep[$0] }
        return (both.map { a.values[$0] }, both.map { b.values[$0] })
    }

    /// The rows that hold `outlet`'s counts: its own, or "all" when the trend has only that outlet.
    static func rowOutlet(_ outlet: String, in result: TrendResult) -> String {
        result.rows.contains { $0.outlet == outlet } ? outlet : "all"
    }
}
