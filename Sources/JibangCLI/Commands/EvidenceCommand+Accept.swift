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
        @Argument(help: "The candidate's id (or, with --group, none).")
        var id: Int64?
        @Option(
            help: ArgumentHelp(
                "Accept every report of this group (ids from `evidence list --group`) as one milestone.",
                discussion: "The best-dated report creates or corroborates the milestone; the others become its sources."))
        var group: String?
        @Option(help: "Correct the date before accepting (day, month, range START/END or ../DAY), as the analyst reads it.")
        var date: String?
        @Option(help: "Correct the kind of event before accepting.")
        var event: EvidenceEvent?
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
                let edit = CandidateEdit(
                    placeID: placeID, event: event,
                    date: try date.map { text throws(JibangError) in try FieldRules.date(text, at: InputLocation(file: "date")) },
                    role: associated ? .associated : nil)
                let queue = try await store.reviewQueue()
                if let group {
                    guard id == nil, milestone == nil else {
                        throw ValidationError("--group accepts a whole group: give no candidate id or --milestone")
                    }
                    let decision = try await queue.accept(group: group, members: nil, edit: edit, stageID: stage, note: self.note)
                    JibangCLI.note(
                        "\(decision.created ? "created" : "corroborated") milestone #\(decision.milestoneID ?? 0) at \(decision.siteLabel ?? ""), with \(decision.candidates.count) reports as its sources"
                    )
                    return
                }
                guard let id else { throw ValidationError("give a candidate id, or --group GROUP_ID") }
                let result = try await queue.accept(
                    candidate: id, placeID: placeID, stageID: stage, note: self.note, milestone: milestone, edit: edit)
                JibangCLI.note(
                    result.created
                        ? "created milestone #\(result.milestoneID) at \(result.siteLabel), dated \(result.date), with the article as its source"
                        : "milestone #\(result.milestoneID) at \(result.siteLabel) now cites the article (corroboration)")
            }
        }
    }
}
