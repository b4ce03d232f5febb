public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

extension PeriodUnit: ExpressibleByArgument {}
extension Measure: ExpressibleByArgument {}

/// `jibang trend GROUP…`: per period and outlet, documents (or mentions) matching each group.
struct Trend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count, per period and outlet, the articles that mention each term group.",
        discussion: """
            A GROUP is a preset or lexicon name (regional-economy, defence-industry, defence-science, 20x10), \
            NAME=QUERY, or a bare QUERY: terms separated by |, "quoted phrases", -excluded terms, and filters \
            outlet:NAME, from:DATE, to:DATE. Example: jibang trend regional-economy defence-industry --by year
            """)

    @Argument(help: "Term groups (preset names, NAME=QUERY, or queries).")
    var groups: [String]
    @OptionGroup var series: SeriesOptions
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let lexicon = try query.loadLexicon()
            let result = try await query.trend(try groups.map { try lexicon.group($0) }, series: series, store: store).result
            emit(TrendView(result: result).render(output.format))
        }
    }
}
