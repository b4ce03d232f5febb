import ArgumentParser
import Foundation
import JibangAnalytics
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore

/// `jibang peaks GROUP…`: the periods where attention stands out, the articles behind them
/// and the events near them.
struct Peaks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the periods where each group's attention peaks, with example articles and nearby events.",
        discussion: """
            A peak is a period above its rolling median by more than --peak-k scaled MADs, or a local maximum whose \
            prominence is at least --peak-prominence of the series' range. Events dated in the peak's period or the \
            one before are listed beside it.
            """)

    @Argument(help: "Term groups (preset names, NAME=QUERY, or queries).")
    var groups: [String]
    @OptionGroup var series: SeriesOptions
    @Option(help: "Articles listed per peak.")
    var documents = 3
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let lexicon = try query.loadLexicon()
            let termGroups = try groups.map { try lexicon.group($0) }
            let events = try analysis.loadEvents()
            let (result, corpus) = try await query.trend(termGroups, series: series, store: store)
            let found = try PeakFinding.find(
                in: result, groups: termGroups, value: analysis.value(for: result), smoothing: analysis.smooth, finder: analysis.peakFinder,
                events: events
            ) { group, period in
                try corpus.documents(
                    matching: group, period: period, by: result.by, options: query.matchOptions, outlets: query.outlet, limit: documents)
            }
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(found).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["group", "period", "value", "baseline", "prominence", "outlier", "documents", "events"]))
                for f in found {
                    emit(
                        CSVLine.join([
                            f.group, f.period, Figures.number(f.value), Figures.number(f.baseline), f.prominence.map(Figures.number) ?? "",
                            f.outlier ? "yes" : "no", f.documents.map(\.id).joined(separator: " "), f.events.map(\.label).joined(separator: "; "),
                        ]))
                }
            case .table:
                var table = TextTable(["group", "period", "value", "baseline", "why", "articles", "events near"])
                for f in found {
                    let why = [f.outlier ? "outlier" : nil, f.prominence.map { "prominence \(Figures.number($0))" }].compactMap { $0 }.joined(
                        separator: ", ")
                    table.add([
                        f.group, f.period, Figures.number(f.value), Figures.number(f.baseline), why,
                        f.documents.map(DocumentLabel.short).joined(separator: "; "),
                        f.events.map { "\($0.date) \($0.label)" }.joined(separator: "; "),
                    ])
                }
                emit(table.render())
                if found.isEmpty { note("no peaks: every period is within \(analysis.peakK) scaled MADs of its rolling median") }
            }
        }
    }
}
