import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the review queue, pending first, most confident first.")
        @Option(help: "Only pending, accepted or rejected candidates.")
        var status: Candidate.Status?
        @Option(help: "Only this event: groundbreaking, inauguration, leader_visit, official_visit, framework_completed, construction_progress.")
        var event: EvidenceEvent?
        @Option(help: "At most this many.")
        var limit = 1000
        @Flag(
            help: ArgumentHelp(
                "One card per event: the candidates that report the same place and kind with overlapping dates, grouped.",
                discussion:
                    "An \"on or before\" date joins a group only if the group has a dated report within 31 days before it. Accept or reject a group with `evidence accept|reject --group GROUP_ID`."
            ))
        var group = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                if group {
                    let groups = try await store.reviewQueue().groups(status: status, event: event)
                    emit(EvidenceView.render(groups: Array(groups.prefix(limit)), format: output.format))
                    return
                }
                let candidates = try await store.reviewQueue().candidates(status: status, event: event, limit: limit)
                emit(EvidenceView.render(candidates, format: output.format))
            }
        }
    }
}
