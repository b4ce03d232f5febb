import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// What a series counts and per which period: `trend`, `compare`, `peaks` and `report` share these.
struct SeriesOptions: ParsableArguments {
    @Option(help: "Period: year, month, week or day.")
    var by: PeriodUnit = .year
    @Option(help: "documents (articles with at least one hit; the study's measure) or mentions (occurrences).")
    var measure: Measure = .documents
}
