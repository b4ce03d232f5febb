public import JibangAnalytics
public import JibangCore
public import JibangCorpus

/// Builds the study's charts from analytics values: which series, which labels, which
/// markers. Pure; the chart types turn the result into SVG.
public enum Figures {
    /// A value for tables and CSV: integers plainly, otherwise two decimals.
    public static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return SVG.number(value)
    }

    /// What the y axis shows.
    public static func axisLabel(measure: Measure, value: Series.Value) -> String {
        let what = measure == .documents ? "documents" : "mentions"
        return value == .count ? what : "\(what) per 1,000 documents"
    }

    /// Several series over the same periods, peaks ringed, events as labelled rules.
    /// `styles` (series name → palette index and dash) overrides the default colour per line;
    /// `gaps` (series name → periods) are left undrawn, for periods where an outlet has no documents.
    public static func lines(
        _ series: [Series], peaks: [String: [Peak]], events: [Event], measure: Measure, value: Series.Value, title: String? = nil,
        subtitle: String? = nil, styles: [String: (colour: Int, dash: Int)] = [:], gaps: [String: Set<String>] = [:],
        lowCoverage: Set<String> = []
    ) -> LineChart {
        let periods = series.first?.periods ?? []
        var markers: [LineChart.Marker] = []
        for (n, s) in series.enumerated() {
            for peak in peaks[s.name] ?? [] {
                markers.append(.init(line: n, period: peak.index, label: "peak: \(s.name), \(peak.period): \(number(peak.value))"))
            }
        }
        let unit = series.first?.by ?? .year
        var chart = LineChart(
            title: title ?? series.map(\.name).joined(separator: " vs "),
            subtitle: subtitle ?? series.compactMap { $0.smoothing == nil ? nil : $0.label }.first,
            periods: periods,
            lines: series.map { s in
                let missing = (gaps[s.name] ?? []).union(s.missing)
                return .init(
                    name: s.label, values: zip(s.periods, s.values).map { missing.contains($0) ? nil : $1 }, colour: styles[s.name]?.colour,
                    dash: styles[s.name]?.dash ?? 0)
            },
            yLabel: axisLabel(measure: measure, value: value), markers: markers,
            annotations: annotations(events, periods: periods, by: unit))
        chart.shaded = periods.indices.filter { lowCoverage.contains(periods[$0]) }
        return chart
    }

    /// Events placed at their (fractional) position among `periods`; events outside are left out.
    public static func annotations(_ events: [Event], periods: [String], by unit: PeriodUnit) -> [LineChart.Annotation] {
        guard let first = periods.first.flatMap(unit.period(label:)) else { return [] }
        return events.compactMap { event in
            guard let period = unit.period(day: event.firstDay, precision: 0) else { return nil }
            let index = period - first
            guard index >= 0, index < periods.count else { return nil }
            let days = unit.days(of: period)
            let fraction = Double(event.firstDay - days.lowerBound) / Double(days.count)
            return LineChart.Annotation(position: Double(index) + fraction, label: "\(event.date) \(event.label)")
        }
    }

    /// One series against another, a point per period, with the least-squares line and r in the subtitle.
    public static func scatter(_ comparison: Comparison) -> ScatterChart {
        let (a, b) = (comparison.series[0], comparison.series[1])
        let points = zip(a.periods.indices, a.periods).map { i, period in ScatterChart.Point(x: a.values[i], y: b.values[i], label: period) }
        let r = comparison.pearson
        return ScatterChart(
            title: "\(a.name) vs \(b.name)",
            subtitle:
                "Pearson r = \(SVG.number(r.r)), p = \(pText(r.p)); Spearman ρ = \(SVG.number(comparison.spearman.r)); n = \(r.n) \(a.by.rawValue)s",
            points: points, xLabel: a.label, yLabel: b.label)
    }

    /// Bars of one indicator's values by period, the source in each bar's hover text.
    public static func indicator(_ values: [Indicator]) -> BarChart {
        let name = values.first?.name ?? "indicator"
        let unit = values.first?.unit ?? ""
        let sources = Array(Set(values.map(\.source))).sorted()
        return BarChart(
            title: "\(name) (\(unit))", subtitle: Array(Set(values.compactMap(\.note))).sorted().first,
            bars: values.map { .init(label: $0.period, value: $0.value, note: $0.source) }, yLabel: unit,
            footnote: "Source: " + sources.joined(separator: "; "))
    }

    static func pText(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : SVG.label((p * 10000).rounded() / 10000)
    }
}
