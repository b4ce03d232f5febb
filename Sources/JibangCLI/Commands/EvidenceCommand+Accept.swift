import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a candidate: its article becomes a source of the milestone (created when new).")
        @Argument(help: "The candidate's id.")
        var id: Int64
        @Option(help: "The place, for a candidate that names only a province (any spelling, or a gazetteer id).")
        var place: String?
        @Option(help: "The stage of a new site (a wave year 2024–2033, pilot, precursor-2023); default: the event's year.")
        var stage: String?
        @Option(help: "A note kept with the milestone.")
        var note: String?
        @Option(
            help: ArgumentHelp(
                "The stored milestone the article reports (ids from `jibang site NAME`).",
                discussion:
                    "Its date, when it cannot be the milestone's, is kept beside it as this source's reading: the disagreement is shown, not settled."
            ))
        var milestone: Int64?
        @Flag(
            help: ArgumentHelp(
                "File it as an associated project: a project of the policy at the place, shown and sourced but not counted among the wave's cities and counties.",
                discussion: "It goes to the place's associated site of the event's wave (or --stage)."))
        var associated = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var placeID: String?
                if let place {
                    let gazetteer = try BundledData.gazetteer()
                    placeID = try gazetteer.resolve(idOrName: place, at: InputLocation(file: "--place")).id
                }
                let result = try await store.reviewQueue().accept(
                    candidate: id, placeID: placeID, stageID: stage, note: self.note, milestone: milestone,
                    role: associated ? .associated : nil)
                JibangCLI.note(
                    result.created
                        ? "created milestone #\(result.milestoneID) at \(result.siteLabel), dated \(result.date), with the article as its source"
                        : "milestone #\(result.milestoneID) at \(result.siteLabel) now cites the article (corroboration)")
            }
        }
    }
}
