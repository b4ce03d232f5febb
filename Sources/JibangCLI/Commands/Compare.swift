import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore

/// `jibang compare A B`: do two groups' attention move together, apart, or with a lag?
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Compare two term groups over time: Pearson r and Spearman ρ with p-values and 95% intervals, on levels and on changes, lags, peaks.",
        discussion: """
            Levels share any common trend; the same tests on first differences (period-to-period changes) do not. \
            A positive best lag k means the first group leads the second by k periods. \
            Example: jibang compare regional-economy defence-industry --by year --lag 3
            """)

    @Argument(help: "The first group (preset, lexicon name, NAME=QUERY or a query).")
    var a: String
    @Argument(help: "The second group.")
    var b: String
    @OptionGroup var series: SeriesOptions
    @OptionGroup var lags: LagOptions
    @Option(help: ArgumentHelp("Also write the two series as an SVG line chart, peaks and events marked.", valueName: "file"))
    var svg: String?
    @Option(
        name: .customLong("outlet-a"),
        help: ArgumentHelp("Count the first group in this outlet only (with --outlet-b: one outlet per series).", valueName: "name"))
    var outletA: String?
    @Option(name: .customLong("outlet-b"), help: ArgumentHelp("Count the second group in this outlet only.", valueName: "name"))
    var outletB: String?
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let lexicon = try query.loadLexicon()
            let groups = [try lexicon.group(a), try lexicon.group(b)]
            guard groups[0].name != groups[1].name else {
                throw JibangError.invalidInput(
                    InputLocation(file: "arguments"), "both groups are named \(groups[0].name); compare two different groups")
            }
            let events = try analysis.loadEvents()
            let (result, corpus) = try await query.trend(groups, series: series, store: store)
            let value = analysis.value(for: result)
            // Per-series outlets are checked against the corpus like any outlet filter.
            let outlets = try FilterCheck.seriesOutlets(a: outletA, b: outletB, in: try corpus.segments())
            // The languages counted: the two series' outlets when each has its own, else the filters'.
            let named = [outlets.outlet] + [outlets.outletB].compactMap { $0 }
            let perSeries = outletA == nil && outletB == nil || named.contains("all") ? nil : named
            let comparison = try Comparison(
                result, a: groups[0].name, b: groups[1].name,
                options: Comparison.Options(
                    value: value, smoothing: analysis.smooth, maxLag: lags.lag, peaks: analysis.peakFinder, outlet: outlets.outlet,
                    outletB: outlets.outletB),
                languages: try query.languages(series: series, corpus: corpus, outlets: perSeries))
            if outletA == nil && outletB == nil,
                let warning = MixChange.warning(
                    comparison.outletChanges, of: "outlets", advice: "compare one outlet with --outlet, or read the series as a mix of sources")
            {
                note(warning)
            }
            if let warning = MixChange.warning(
                comparison.languageChanges, of: "languages",
                advice: "texts in different languages are counted together there; compare one outlet, or outlets of one language, with --outlet")
            {
                note(warning)
            }
            if let svg {
                let chart = Figures.lines(
                    comparison.series, peaks: comparison.peakDetails, events: events, measure: series.measure, value: value,
                    lowCoverage: Set(comparison.lowCoverage))
                try writeFile(svg, chart.svg())
            }
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(comparison).trimmingCharacters(in: .newlines))
            case .csv: emit(CompareView.csv(comparison))
            case .table: emit(CompareView.table(comparison, groups: groups, events: events))
            }
        }
    }
}
