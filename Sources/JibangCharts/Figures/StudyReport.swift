import Foundation
public import JibangAnalytics
public import JibangBase
import JibangCSV
public import JibangCore
public import JibangCorpus

/// The study's figures, a CSV for every number in them, and a methods note, as file names
/// and contents. Pure: the same inputs give byte-identical files, so a figure can be cited
/// and regenerated.
public struct StudyReport {
    /// Where the numbers come from, for the methods note.
    public struct Provenance: Sendable {
        public var software: String
        public var command: String
        public var corpusDocuments: Int
        public var corpusFingerprint: String
        public var lexiconVersion: String
        public var filters: [String]

        public init(software: String, command: String, corpusDocuments: Int, corpusFingerprint: String, lexiconVersion: String, filters: [String]) {
            self.software = software
            self.command = command
            self.corpusDocuments = corpusDocuments
            self.corpusFingerprint = corpusFingerprint
            self.lexiconVersion = lexiconVersion
            self.filters = filters
        }
    }

    /// A trend of (at least) the three groups named here.
    public var trend: TrendResult
    public var regional: String
    public var defence: String
    public var science: String
    public var indicators: [Indicator]
    public var events: [Event]
    public var value: Series.Value
    public var smoothing: Int?
    public var peakFinder: PeakFinder
    public var maxLag: Int
    public var provenance: Provenance
    /// Ids of example documents for a peak: (group, outlet, period label) → ids.
    public var peakDocuments: (String, String, String) -> [String]

    public init(
        trend: TrendResult, regional: String, defence: String, science: String, indicators: [Indicator], events: [Event], value: Series.Value,
        smoothing: Int?, peakFinder: PeakFinder, maxLag: Int, provenance: Provenance, peakDocuments: @escaping (String, String, String) -> [String]
    ) {
        self.trend = trend
        self.regional = regional
        self.defence = defence
        self.science = science
        self.indicators = indicators
        self.events = events
        self.value = value
        self.smoothing = smoothing
        self.peakFinder = peakFinder
        self.maxLag = maxLag
        self.provenance = provenance
        self.peakDocuments = peakDocuments
    }

    /// The outlets drawn: each outlet when there are several, else the total.
    var outlets: [String] {
        let named = Array(Set(trend.rows.map(\.outlet)).subtracting(["all"])).sorted()
        return named.count > 1 ? named : ["all"]
    }

    func series(_ group: String, _ outlet: String) throws(JibangError) -> Series {
        let name = outlet == "all" ? group : "\(group) · \(outlet)"
        let series = Series(trend, group: group, outlet: outlet, value: value, name: name)
        return try smoothing.map { w throws(JibangError) in try series.movingAverage(window: w) } ?? series
    }

    /// Every file, by name.
    public func files() throws(JibangError) -> [(name: String, contents: String)] {
        var files: [(String, String)] = []
        var peakRows: [[String]] = []
        var notes: [String] = []
        let measure = Figures.axisLabel(measure: trend.measure, value: value)

        // Figure 1: indicators, one chart per indicator name.
        var indicatorFiles: [String] = []
        for name in Array(Set(indicators.map(\.name))).sorted() {
            let values = indicators.filter { $0.name == name }.sorted { $0.period < $1.period }
            let file = "figure-1-\(Self.slug(name)).svg"
            indicatorFiles.append(file)
            files.append((file, Figures.indicator(values).svg()))
        }
        files.append(
            (
                "figure-1-indicators.csv",
                Self.csv(
                    ["name", "unit", "period", "value", "source", "note"],
                    indicators.map { [$0.name, $0.unit, $0.period, Figures.number($0.value), $0.source, $0.note ?? ""] })
            ))

        // Figures 2 and 3: attention per period, by outlet, peaks ringed, events marked.
        // Colour tells the group, the dash the outlet.
        func figure(_ file: String, groups: [String], title: String, colourOffset: Int) throws(JibangError) {
            var lines: [Series] = []
            var styles: [String: (colour: Int, dash: Int)] = [:]
            var gaps: [String: Set<String>] = [:]
            for (o, outlet) in outlets.enumerated() {
                let empty = Set(trend.rows.filter { $0.outlet == outlet }.filter { $0.total == 0 }.map(\.period))
                    .union(Set(trend.rows.map(\.period)).subtracting(trend.rows.filter { $0.outlet == outlet }.map(\.period)))
                for (g, group) in groups.enumerated() {
                    let s = try series(group, outlet)
                    styles[s.name] = (colour: g + colourOffset, dash: o)
                    gaps[s.name] = empty
                    lines.append(s)
                }
            }
            var peaks: [String: [Peak]] = [:]
            for (n, s) in lines.enumerated() {
                let found = try peakFinder.peaks(s)
                peaks[s.name] = found
                let group = groups[n % groups.count]
                let outlet = outlets[n / groups.count]
                for peak in found {
                    let near = trend.by.period(label: peak.period).map { Event.near(period: $0, by: trend.by, in: events) } ?? []
                    peakRows.append([
                        group, outlet, peak.period, Figures.number(peak.value), Figures.number(peak.baseline),
                        peak.prominence.map(Figures.number) ?? "",
                        peak.outlier ? "yes" : "no", peakDocuments(group, outlet, peak.period).joined(separator: " "),
                        near.map { "\($0.date) \($0.label)" }.joined(separator: "; "),
                    ])
                }
            }
            let chart = Figures.lines(
                lines, peaks: peaks, events: events, measure: trend.measure, value: value, title: title,
                subtitle: "\(measure) per \(trend.by.rawValue)\(smoothing.map { ", \($0)-\(trend.by.rawValue) centred moving average" } ?? "")",
                styles: styles, gaps: gaps, lowCoverage: Set(outlets.flatMap { trend.lowPeriods(outlet: $0) }))
            files.append((file + ".svg", chart.svg()))
            let periods = lines.first?.periods ?? []
            files.append(
                (
                    file + ".csv",
                    Self.csv(
                        ["period"] + lines.map(\.name),
                        periods.indices.map { i in
                            [periods[i]] + lines.map { gaps[$0.name]?.contains(periods[i]) == true ? "" : Figures.number($0.values[i]) }
                        })
                ))
        }
        try figure("figure-2-regional-vs-defence", groups: [regional, defence], title: "\(regional) vs \(defence)", colourOffset: 0)
        try figure("figure-3-defence-science", groups: [science], title: science, colourOffset: 2)

        // Figure 4: the comparison, on the total over outlets.
        var statRows: [[String]] = []
        do {
            let comparison = try Comparison(
                trend, a: regional, b: defence, options: Comparison.Options(value: value, smoothing: smoothing, maxLag: maxLag, peaks: peakFinder))
            files.append(("figure-4-scatter.svg", Figures.scatter(comparison).svg()))
            for (on, pair) in [
                ("levels", [comparison.pearson, comparison.spearman]),
                ("differences", [comparison.differences.pearson, comparison.differences.spearman]),
            ] {
                for x in pair {
                    statRows.append([on, x.method.rawValue, "", String(x.r), String(x.p), String(x.ciLow), String(x.ciHigh), String(x.n)])
                }
            }
            for lag in comparison.lags { statRows.append(["lag", "pearson", String(lag.lag), String(lag.r), "", "", "", String(lag.n)]) }
            if let best = comparison.bestLag {
                statRows.append(["best_lag", "pearson", String(best.lag), String(best.r), "", "", "", String(best.n)])
            }
        } catch {
            notes.append("The correlation of \(regional) and \(defence) was not computed: \(error.message).")
        }
        files.append(("figure-4-statistics.csv", Self.csv(["on", "method", "lag", "r", "p", "ci_low", "ci_high", "n"], statRows)))
        files.append(
            (
                "peaks.csv",
                Self.csv(["group", "outlet", "period", "value", "baseline", "prominence", "outlier", "documents", "events_near"], peakRows)
            ))
        files.append(("methods.md", methods(files: files.map(\.0) + ["methods.md"], notes: notes)))
        return files.sorted { $0.0 < $1.0 }.map { (name: $0.0, contents: $0.1) }
    }

    func methods(files: [String], notes: [String]) -> String {
        let p = provenance
        let o = trend.options
        var md: [String] = []
        md.append("# Methods")
        md.append("")
        md.append("Generated by \(p.software). To regenerate every file byte for byte, run on the same corpus:")
        md.append("")
        md.append("    \(p.command)")
        md.append("")
        md.append("## Corpus")
        md.append("")
        md.append(
            "- Documents in the store: \(p.corpusDocuments); fingerprint `\(p.corpusFingerprint)` (FNV-1a 64 over every document's id and content key, in id order)."
        )
        md.append(
            "- Documents counted after filters: \(trend.documents)"
                + (trend.tooCoarse > 0 ? "; \(trend.tooCoarse) left out, dated only to a coarser period than a \(trend.by.rawValue)." : "."))
        md.append("- Filters: \(p.filters.isEmpty ? "none" : p.filters.joined(separator: ", ")).")
        md.append("- Outlets drawn: \(outlets.map { $0 == "all" ? "all outlets together" : $0 }.joined(separator: ", ")).")
        md.append("")
        md.append("## Term groups (lexicon version \(p.lexiconVersion))")
        md.append("")
        md.append("| group | query | variants matched |")
        md.append("|---|---|---|")
        for group in trend.groups {
            let variants = group.variants.filter { $0.count > 0 }.map { "\($0.variant) \($0.count)" }.joined(separator: ", ")
            md.append("| \(Self.cell(group.name)) | \(Self.cell(group.query)) | \(Self.cell(variants.isEmpty ? "none" : variants)) |")
        }
        md.append("")
        md.append(
            "Matching: North/South initial-sound folding \(o.folding ? "on" : "off"), spacing-insensitive \(o.spacing ? "on" : "off"), substring (particles) \(o.substring ? "on" : "off"); English case-insensitive at word boundaries. "
                + o.versionsNote.prefix(1).uppercased() + o.versionsNote.dropFirst() + ". "
                + o.reprintsNote.prefix(1).uppercased() + o.reprintsNote.dropFirst() + "."
        )
        md.append("")
        let thin = trend.coverage.filter(\.low).map { "\($0.period) (\($0.outlet), \($0.total) documents)" }
        md.append(
            "Coverage: a period holding under a quarter of the median number of documents of the \(Coverage.neighbours) periods around it is shaded in the figures as a likely gap in the corpus"
                + (thin.isEmpty ? "; there is none." : ": \(thin.joined(separator: "; ")).")
        )
        md.append("")
        md.append("## Measure")
        md.append("")
        md.append(
            trend.measure == .documents
                ? "Per \(trend.by.rawValue) and outlet, the number of documents that contain any term of the group (the study's measure)."
                : "Per \(trend.by.rawValue) and outlet, the number of non-overlapping occurrences of the group's terms.")
        md.append(value == .share ? "Figures show that number per 1,000 documents of the period and outlet." : "Figures show the number itself.")
        if let smoothing { md.append("Every series is smoothed with a centred moving average over \(smoothing) periods (shrinking at the ends).") }
        md.append("")
        md.append("## Statistics")
        md.append("")
        md.append(
            "- Pearson r and Spearman ρ (ties at average rank) on the totals over outlets, with two-sided p-values from Student's t with n − 2 degrees of freedom."
        )
        md.append("- 95% intervals by Fisher's z: standard error 1/√(n − 3) for r, √(1.06/(n − 3)) for ρ (Fieller, Hartley and Pearson 1957).")
        md.append(
            "- The same on first differences, so a shared trend does not make a correlation; Pearson r at lags −\(maxLag)…\(maxLag) (positive: \(regional) leads)."
        )
        md.append(
            "- Peaks: above the rolling median of a centred \(peakFinder.window)-period window by more than \(Figures.number(peakFinder.k)) scaled MADs (spread at least a fifth of the series' range), or a local maximum with prominence at least \(Figures.number(peakFinder.minProminence)) of the range."
        )
        md.append("- Checked against SciPy to 1e-9 (Jibang's test data, reference-statistics.json).")
        for note in notes { md.append("- \(note)") }
        md.append("")
        md.append("## Events")
        md.append("")
        for e in events { md.append("- \(e.date): \(e.label). Source: \(e.source)") }
        md.append("")
        md.append("## Indicators")
        md.append("")
        if indicators.isEmpty { md.append("None stored.") }
        for i in indicators {
            md.append("- \(i.name), \(i.period): \(Figures.number(i.value)) \(i.unit)\(i.note.map { " (\($0))" } ?? ""). Source: \(i.source)")
        }
        md.append("")
        md.append("## Files")
        md.append("")
        for file in files.sorted() { md.append("- `\(file)`: \(Self.describe(file))") }
        return md.joined(separator: "\n") + "\n"
    }

    static func describe(_ file: String) -> String {
        switch file {
        case "methods.md": "this note"
        case "peaks.csv": "every peak of figures 2 and 3, with example documents and events near it"
        case "figure-4-statistics.csv": "the correlations and lags of figure 4"
        case "figure-4-scatter.svg": "the two groups against each other, one point per period, least-squares line"
        case "figure-1-indicators.csv": "the indicator values of figure 1 with their sources"
        case "figure-2-regional-vs-defence.svg": "both groups per period (colour: group; dash: outlet), peaks ringed, events marked"
        case "figure-3-defence-science.svg": "defence science per period, by outlet, peaks ringed, events marked"
        default:
            file.hasSuffix(".csv")
                ? "the numbers drawn in \(file.dropLast(4)).svg (empty where an outlet has no documents that period)"
                : "an indicator's values by period, with its source"
        }
    }

    static func slug(_ name: String) -> String {
        let mapped = name.lowercased().unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? String($0) : "-" }.joined()
        return mapped.split(separator: "-").joined(separator: "-")
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        ([header] + rows).map(CSVWriter.line).joined(separator: "\n") + "\n"
    }
}
