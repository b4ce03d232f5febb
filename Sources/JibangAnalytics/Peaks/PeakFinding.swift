import JibangBase
public import JibangCorpus

/// A peak with what explains it: example articles and events near it.
public struct PeakFinding: Sendable, Encodable {
    public let group: String
    public let period: String
    public let value: Double
    public let baseline: Double
    public let prominence: Double?
    public let outlier: Bool
    public let documents: [DocumentHeader]
    public let events: [Event]

    /// The peaks of each group's series in `result`, each with the example articles
    /// `examples(group, period)` gives and the events dated in it or the period before.
    /// `examples` reads the corpus; everything else is computed here.
    public static func find(
        in result: TrendResult, groups: [TermGroup], value: Series.Value = .count, smoothing: Int? = nil, finder: PeakFinder, events: [Event],
        examples: (TermGroup, Int) throws -> [DocumentHeader]
    ) throws -> [PeakFinding] {
        var found: [PeakFinding] = []
        for group in groups {
            var series = Series(result, group: group.name, value: value)
            if let smoothing { series = try series.movingAverage(window: smoothing) }
            for peak in try finder.peaks(series) {
                let period = result.by.period(label: peak.period)
                let articles = try period.map { try examples(group, $0) }
                found.append(
                    PeakFinding(
                        group: group.name, period: peak.period, value: peak.value, baseline: peak.baseline, prominence: peak.prominence,
                        outlier: peak.outlier, documents: articles ?? [],
                        events: period.map { Event.near(period: $0, by: result.by, in: events) } ?? []))
            }
        }
        return found
    }
}
