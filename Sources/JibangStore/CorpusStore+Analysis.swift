import JibangAnalytics
import JibangCore
import JibangCorpus

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
}

extension CorpusStore {
    /// Runs a trend query over every segment (the original texts are read only when an option needs them).
    public func trend(_ query: TrendQuery) throws -> TrendResult {
        try TrendEngine(segments: try segments(), rawText: { self.body(rowID: $0) }).run(query)
    }

    /// The peaks of each group's series in `result`, each with up to `documents` example
    /// articles from that period and the events dated in it or the period before.
    public func peakFindings(
        _ result: TrendResult, groups: [TermGroup], value: Series.Value = .count, smoothing: Int? = nil, finder: PeakFinder, events: [Event],
        options: MatchOptions, outlets: [String] = [], documents: Int = 3
    ) throws -> [PeakFinding] {
        var found: [PeakFinding] = []
        for group in groups {
            var series = Series(result, group: group.name, value: value)
            if let smoothing { series = try series.movingAverage(window: smoothing) }
            for peak in try finder.peaks(series) {
                let period = result.by.period(label: peak.period)
                let articles = try period.map {
                    try self.documents(matching: group, period: $0, by: result.by, options: options, outlets: outlets, limit: documents)
                }
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
