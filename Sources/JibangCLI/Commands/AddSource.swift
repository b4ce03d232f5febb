import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

struct AddSource: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add a source to an existing milestone (ids are shown by `jibang site NAME`).")

    @Option(help: "The milestone's id, as `jibang site NAME` shows it (#12 → 12).")
    var milestone: Int64
    @OptionGroup var source: SourceOptions
    @Option(
        name: .customLong("source-date"),
        help:
            "The date this source gives for the event, when it differs from the milestone's (\(MilestoneDate.expectedForms)). Both dates are kept and shown as a disagreement."
    )
    var sourceDate: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            var source = try source.source()
            source.reading = try sourceDate.map { text throws(JibangError) in try FieldRules.date(text, at: InputLocation(file: "--source-date")) }
            let db = try await store.open()
            try await db.addSource(source, toMilestone: milestone)
            note("added \(source.url) to milestone #\(milestone)")
            if let stored = try await db.sites().flatMap(\.milestones).first(where: { $0.id == milestone }), stored.datesDisagree {
                note("milestone #\(milestone): its sources disagree on the date: \(stored.disagreementText)")
            }
        }
    }
}
