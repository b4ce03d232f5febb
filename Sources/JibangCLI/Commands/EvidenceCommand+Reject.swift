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
        @Argument(help: "The candidate's id (or, with --group, none).")
        var id: Int64?
        @Option(help: "Reject every report of this group (ids from `evidence list --group`).")
        var group: String?
        @Option(help: "Why (kept with the decision).")
        var reason: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                switch (id, group) {
                case let (nil, group?):
                    let decision = try await store.reviewQueue().reject(group: group, members: nil, note: reason)
                    note("rejected group \(group): candidates \(decision.candidates.map { "#\($0)" }.joined(separator: ", "))")
                case let (id?, nil):
                    try await store.reviewQueue().reject(candidate: id, note: reason)
                    note("rejected candidate #\(id)")
                default:
                    throw ValidationError("give a candidate id or --group GROUP_ID, not both")
                }
            }
        }
    }
}
