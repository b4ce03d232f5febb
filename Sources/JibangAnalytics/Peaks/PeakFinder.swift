public import JibangBase

/// A period that stands out in a series.
public struct Peak: Sendable, Codable, Equatable {
    public let period: String
    /// Position in the series.
    public let index: Int
    public let value: Double
    /// The rolling median around the period (the baseline it stands above).
    public let baseline: Double
    /// Above the rolling median by more than k robust standard deviations.
    public let outlier: Bool
    /// Height above the higher of the two lowest points separating it from taller values
    /// (SciPy's `peak_prominences`); nil when the period is not a local maximum.
    public let prominence: Double?
}

/// Finds peaks two ways and reports their union:
/// - **outliers**: value > rolling median + k · scaled MAD over a centred window (the window
///   shrinks at the ends; the spread is at least a fifth of the series' range, so a flat
///   stretch does not make every blip a peak);
/// - **prominent local maxima**: higher than both neighbours (a plateau counts once, at its
///   middle; the first and last periods cannot be local maxima), with prominence at least
///   `minProminence` × the series' range.
public struct PeakFinder: Sendable, Codable, Equatable {
    /// Periods in the rolling window (odd).
    public var window: Int
    /// How many scaled MADs above the median make an outlier.
    public var k: Double
    /// Least prominence, as a fraction of max − min.
    public var minProminence: Double

    public init(window: Int = 5, k: Double = 3, minProminence: Double = 0.25) {
        self.window = window
        self.k = k
        self.minProminence = minProminence
    }

    /// The peaks of `series`, in period order. O(n·window·log window + n²) worst case.
    public func peaks(_ series: Series) throws(JibangError) -> [Peak] {
        guard window >= 3, window % 2 == 1 else {
            throw JibangError.analysis("the peak window must be an odd number of periods, 3 or more; got \(window)")
        }
        // A period with no documents is no trough: peaks are found among the periods with data,
        // and each keeps its index in the full series.
        let full = series.periods
        let series = series.withoutGaps
        let fullIndex = Dictionary(uniqueKeysWithValues: full.enumerated().map { ($1, $0) })
        let values = series.values
        guard let low = values.min(), let high = values.max(), high > low else { return [] }
        let range = high - low
        let half = window / 2
        var peaks: [Peak] = []
        let prominences = Self.prominences(values)
        for i in values.indices {
            let slice = Array(values[max(0, i - half)...min(values.count - 1, i + half)])
            let median = Self.median(slice)
            let mad = Self.median(slice.map { abs($0 - median) }) * 1.482_602_218_505_602
            let spread = max(mad, range / 5)
            let outlier = values[i] > median + k * spread
            let prominence = prominences[i]
            let prominent = prominence.map { $0 >= minProminence * range } ?? false
            if outlier || prominent {
                peaks.append(
                    Peak(
                        period: series.periods[i], index: fullIndex[series.periods[i]] ?? i, value: values[i], baseline: median, outlier: outlier,
                        prominence: prominence))
            }
        }
        return peaks
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The prominence of each local maximum (nil elsewhere), as SciPy's `find_peaks` and
    /// `peak_prominences` define them.
    static func prominences(_ values: [Double]) -> [Double?] {
        var result = [Double?](repeating: nil, count: values.count)
        var i = 1
        while i < values.count - 1 {
            guard values[i - 1] < values[i] else {
                i += 1
                continue
            }
            var ahead = i + 1
            while ahead < values.count - 1 && values[ahead] == values[i] { ahead += 1 }
            if values[ahead] < values[i] {
                let peak = (i + ahead - 1) / 2
                var leftMin = values[peak]
                var j = peak
                while j >= 0 && values[j] <= values[peak] {
                    leftMin = min(leftMin, values[j])
                    j -= 1
                }
                var rightMin = values[peak]
                j = peak
                while j < values.count && values[j] <= values[peak] {
                    rightMin = min(rightMin, values[j])
                    j += 1
                }
                result[peak] = values[peak] - max(leftMin, rightMin)
            }
            i = ahead
        }
        return result
    }
}
