import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a candidate; later scans will not propose it again.")
        @Argument(help: "The candidate's id.")
        var id: Int64
        @Option(help: "Why (kept with the decision).")
        var reason: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                try await store.reviewQueue().reject(candidate: id, note: reason)
                note("rejected candidate #\(id)")
            }
        }
    }
}
