public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceEvent: ExpressibleByArgument {}
extension Candidate.Status: ExpressibleByArgument {}

/// `jibang evidence …`: from state-media articles to proposed milestones, reviewed by an analyst.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Find groundbreakings, visits and inaugurations in the corpus and propose them as sourced milestones for review.",
        discussion: """
            Workflow: jibang evidence scan → jibang evidence list → jibang evidence show ID → jibang evidence accept ID \
            (or reject ID); after a rule change, jibang evidence rescan --redate. Accepting adds the article as a source of the milestone it corroborates, or creates the \
            milestone (status claimed). Rescanning never proposes a rejected candidate again.
            """,
        subcommands: [Scan.self, List.self, Show.self, Accept.self, Reject.self, Revert.self, Rescan.self, Evaluate.self])
}
