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
            let stats = try await store.openCorpus().stats()
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
                let edited = stats.editedDocuments > 0 ? " (\(stats.editedDocuments) republished with edits: \(stats.versions) versions stored)" : ""
                emit(
                    "\(stats.documents) documents\(edited); languages: \(stats.languages.map { "\($0.language) \($0.documents)" }.joined(separator: ", "))"
                )
                emit(
                    "duplicates skipped: \(stats.duplicatesSkipped); bad records skipped: \(stats.badRecordsSkipped); ingest runs: \(stats.ingestRuns)"
                )
                func share(_ bytes: Int) -> String { stats.textBytes == 0 ? "" : " (\(bytes * 100 / stats.textBytes)% of text)" }
                emit(
                    "text \(mb(stats.textBytes)) in \(stats.segments) segments; on disk \(mb(stats.storeBytes)) = \(String(format: "%.2f", stats.storeRatio))× the text:"
                )
                emit("  document texts \(mb(stats.documentBytes))\(share(stats.documentBytes))")
                emit("  search text \(mb(stats.searchTextBytes))\(share(stats.searchTextBytes))")
                emit("  index \(mb(stats.indexBytes))\(share(stats.indexBytes))")
                emit("  titles, metadata, programme record and database structure \(mb(stats.otherBytes))\(share(stats.otherBytes))")
                if stats.outdatedSegments > 0 {
                    emit(
                        "\(stats.outdatedSegments) segment(s) in an older index format: counts are right, but `jibang corpus reindex` makes long terms faster and the store smaller"
                    )
                }
            }
        }
    }
}
