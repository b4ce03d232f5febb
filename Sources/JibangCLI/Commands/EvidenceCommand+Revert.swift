import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Revert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo an acceptance: retract the milestone it created, or the source it added; the candidate becomes rejected.")
        @Argument(help: "The candidate's id.")
        var id: Int64
        @Option(help: "Why (required; kept in the audit trail).")
        var reason: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let (milestone, retracted) = try await store.reviewQueue().revert(candidate: id, reason: reason)
                note(
                    retracted
                        ? "reverted candidate #\(id): milestone #\(milestone), which it created, is retracted"
                        : "reverted candidate #\(id): its source of milestone #\(milestone) is retracted")
            }
        }
    }
}
