import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

struct CorpusStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Documents by outlet and year, languages, duplicates skipped, index size.")

    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let stats = try store.openCorpus().stats()
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(stats).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["outlet", "year", "documents"]))
                for c in stats.byOutletYear { emit(CSVLine.join([c.outlet, c.year, String(c.documents)])) }
            case .table:
                let outlets = Array(Set(stats.byOutletYear.map(\.outlet))).sorted()
                var table = TextTable(["year"] + outlets)
                for year in Array(Set(stats.byOutletYear.map(\.year))).sorted() {
                    table.add([year] + outlets.map { o in String(stats.byOutletYear.first { $0.outlet == o && $0.year == year }?.documents ?? 0) })
                }
                emit(table.render())
                func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
                emit("")
                emit("\(stats.documents) documents; languages: \(stats.languages.map { "\($0.language) \($0.documents)" }.joined(separator: ", "))")
                emit(
                    "duplicates skipped: \(stats.duplicatesSkipped); bad records skipped: \(stats.badRecordsSkipped); ingest runs: \(stats.ingestRuns)"
                )
                emit(
                    "text \(mb(stats.textBytes)); index \(mb(stats.indexBytes)) (\(stats.textBytes == 0 ? 0 : stats.indexBytes * 100 / stats.textBytes)% of text); segment files \(mb(stats.segmentBytes)) in \(stats.segments) segments"
                )
                if stats.outdatedSegments > 0 {
                    emit(
                        "\(stats.outdatedSegments) segment(s) in an older index format: counts are right, but `jibang corpus reindex` makes long terms faster"
                    )
                }
            }
        }
    }
}
