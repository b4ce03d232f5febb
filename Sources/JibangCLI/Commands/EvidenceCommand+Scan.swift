import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan the corpus and queue new candidates (those already proposed, accepted or rejected are skipped).")
        @OptionGroup var filters: ScanFilters
        @Option(help: "Which version of an article republished with edits to read: latest or first.")
        var versions: VersionChoice = .latest
        @OptionGroup var rules: RulesOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var query = CorpusQueryOptions()
                query.from = filters.from ?? "2020"
                query.to = filters.to
                let (from, to) = try query.dayRange()
                let scan = try await store.reviewQueue().scan(
                    try await store.openCorpus(), outlets: filters.outlet, from: from, to: to, rules: try rules.load(), versions: versions
                ) { n, total in
                    note("scanned \(n) of \(total) articles")
                }
                let (summary, queued) = (scan.summary, scan.candidates)
                emit(EvidenceView.render(queued, format: output.format))
                note(
                    "\(scan.articles) articles read; \(scan.found) candidates: \(summary.added) new (\(summary.corroborating) corroborate existing milestones), \(summary.known) proposed before; \(MatchOptions(versions: versions).versionsNote)"
                )
            }
        }
    }
}
