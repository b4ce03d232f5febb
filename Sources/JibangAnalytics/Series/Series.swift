public import JibangBase
public import JibangCorpus

/// One value per period, every period from first to last (a trend's zero-filled rows).
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

    public init(name: String, by: PeriodUnit, periods: [String], values: [Double], smoothing: Int? = nil) {
        precondition(periods.count == values.count, "one value per period")
        self.name = name
        self.by = by
        self.periods = periods
        self.values = values
        self.smoothing = smoothing
    }

    /// `group`'s series in `result`, for one outlet ("all" for the total over outlets).
    /// Every period of the result appears, zero-filled, even where that outlet has no documents.
    public init(_ result: TrendResult, group: String, outlet: String = "all", value: Value = .count, name: String? = nil) {
        var byPeriod: [String: Double] = [:]
        var order: [String] = []
        for row in result.rows {
            if byPeriod[row.period] == nil {
                order.append(row.period)
                byPeriod[row.period] = 0
            }
            guard row.outlet == outlet else { continue }
            byPeriod[row.period] = value == .count ? Double(row.counts[group] ?? 0) : row.per1000[group] ?? 0
        }
        self.init(name: name ?? group, by: result.by, periods: order, values: order.map { byPeriod[$0]! })
    }

    /// A label for legends and tables: the name, with the smoothing when there is one.
    public var label: String {
        guard let smoothing else { return name }
        return "\(name) (\(smoothing)-\(by.rawValue) centred moving average)"
    }

    /// The centred moving average over `window` periods (odd, ≥ 3); near the ends the window
    /// shrinks symmetrically so every period keeps a value. O(n·window).
    public func movingAverage(window: Int) throws(JibangError) -> Series {
        guard window >= 3, window % 2 == 1 else {
            throw JibangError.analysis("a centred moving average needs an odd window of 3 or more periods; got \(window)")
        }
        let half = window / 2
        let smoothed = values.indices.map { i in
            let reach = min(half, i, values.count - 1 - i)
            let slice = values[(i - reach)...(i + reach)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        return Series(name: name, by: by, periods: periods, values: smoothed, smoothing: window)
    }

    /// Period-to-period changes, labelled by the later period.
    public var differences: Series {
        guard values.count > 1 else { return Series(name: name, by: by, periods: [], values: [], smoothing: smoothing) }
        return Series(
            name: name, by: by, periods: Array(periods.dropFirst()), values: (1..<values.count).map { values[$0] - values[$0 - 1] },
            smoothing: smoothing)
    }
}
