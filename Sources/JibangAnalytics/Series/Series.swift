public import JibangBase
public import JibangCorpus

/// One value per period, every period from first to last. A period in which the outlet has no
/// documents at all is *missing*: its value is 0 only as a placeholder, and correlations, lags,
/// peaks and charts leave it out (a gap), never treat it as a zero.
public struct Series: Sendable, Codable, Equatable {
    /// What each value is: the trend's measure, or that measure per 1,000 documents.
    public enum Value: String, Sendable, Codable, CaseIterable {
        case count, share
    }

    public let name: String
    public let by: PeriodUnit
    /// Period labels ("2011", "2011-03").
    public let periods: [String]
    public let values: [Double]
    /// Set when the values are a centred moving average, so every figure and table can say so.
    public let smoothing: Int?
    /// The periods with no documents at all, in period order.
    public let missing: [String]

    public init(name: String, by: PeriodUnit, periods: [String], values: [Double], smoothing: Int? = nil, missing: [String] = []) {
        precondition(periods.count == values.count, "one value per period")
        self.name = name
        self.by = by
        self.periods = periods
        self.values = values
        self.smoothing = smoothing
        self.missing = missing
    }

    /// For each period, whether it has data (is not missing).
    public var present: [Bool] {
        let gaps = Set(missing)
        return periods.map { !gaps.contains($0) }
    }

    /// The series without its missing periods (for statistics that need consecutive values).
    public var withoutGaps: Series {
        let keep = present
        return Series(
            name: name, by: by, periods: periods.indices.filter { keep[$0] }.map { periods[$0] },
            values: values.indices.filter { keep[$0] }.map { values[$0] }, smoothing: smoothing)
    }

    /// `group`'s series in `result`, for one outlet ("all" for the total over outlets).
    /// Every period of the result appears; those where that outlet has no documents are missing.
    public init(_ result: TrendResult, group: String, outlet: String = "all", value: Value = .count, name: String? = nil) {
        var byPeriod: [String: Double] = [:]
        var withData = Set<String>()
        var order: [String] = []
        for row in result.rows {
            if byPeriod[row.period] == nil {
                order.append(row.period)
                byPeriod[row.period] = 0
            }
            guard row.outlet == outlet else { continue }
            if row.total > 0 { withData.insert(row.period) }
            byPeriod[row.period] = value == .count ? Double(row.counts[group] ?? 0) : row.rate(group) ?? 0
        }
        self.init(
            name: name ?? group, by: result.by, periods: order, values: order.map { byPeriod[$0]! },
            missing: order.filter { !withData.contains($0) })
    }

    /// `group`'s series in `result` with `term` left out (the trend must carry term detail):
    /// what the series would be had the dictionary lacked the term. Nil without term detail.
    public init?(_ result: TrendResult, group: String, leavingOut term: String, outlet: String = "all", value: Value = .count) {
        guard let share = result.groups.first(where: { $0.name == group })?.terms?.first(where: { $0.term == term }),
            let counts = outlet == "all" ? share.without : share.withoutByOutlet?[outlet]
        else { return nil }
        let full = Series(result, group: group, outlet: outlet, value: value)
        let byPeriod = Dictionary(counts.map { ($0.period, $0.count) }, uniquingKeysWith: { a, _ in a })
        var totals: [String: Int] = [:]
        for row in result.rows where row.outlet == outlet { totals[row.period] = row.total }
        self.init(
            name: "\(full.name) without \(term)", by: full.by, periods: full.periods,
            values: full.periods.map { period in
                let n = Double(byPeriod[period] ?? 0)
                guard value != .count else { return n }
                let total = totals[period] ?? 0
                return total == 0 ? 0 : (n * 1000 / Double(total) * 100).rounded() / 100
            },
            missing: full.missing)
    }

    /// A label for legends and tables: the name, with the smoothing when there is one.
    public var label: String {
        guard let smoothing else { return name }
        return "\(name) (\(smoothing)-\(by.rawValue) centred moving average)"
    }

    /// The centred moving average over `window` periods (odd, ≥ 3) of the periods with data;
    /// near the ends the window shrinks symmetrically so every period keeps a value, and a
    /// missing period stays missing. O(n·window).
    public func movingAverage(window: Int) throws(JibangError) -> Series {
        guard window >= 3, window % 2 == 1 else {
            throw JibangError.analysis("a centred moving average needs an odd window of 3 or more periods; got \(window)")
        }
        let half = window / 2
        let keep = present
        let smoothed = values.indices.map { i -> Double in
            guard keep[i] else { return 0 }
            let reach = min(half, i, values.count - 1 - i)
            let slice = ((i - reach)...(i + reach)).filter { keep[$0] }.map { values[$0] }
            return slice.reduce(0, +) / Double(slice.count)
        }
        return Series(name: name, by: by, periods: periods, values: smoothed, smoothing: window, missing: missing)
    }

    /// Period-to-period changes, labelled by the later period; a change next to a missing period is missing.
    public var differences: Series {
        guard values.count > 1 else { return Series(name: name, by: by, periods: [], values: [], smoothing: smoothing) }
        let keep = present
        let changed = Array(1..<values.count)
        return Series(
            name: name, by: by, periods: changed.map { periods[$0] }, values: changed.map { values[$0] - values[$0 - 1] }, smoothing: smoothing,
            missing: changed.filter { !(keep[$0] && keep[$0 - 1]) }.map { periods[$0] })
    }
}
