import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

struct AddMilestone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Add a milestone at a site (the site is created when new).",
        discussion: """
            Example: jibang add milestone --place "Kangnam County" --stage 2026 --event groundbreaking \
            --date 2026-02-03 --url https://kcnawatch.org/… --actor "Kim Jong Un (person)"
            """)

    @Option(help: "The place, by any spelling (add \", PROVINCE\" when ambiguous).")
    var place: String
    @Option(help: "Stage: a wave year 2024–2033, pilot or precursor-2023.")
    var stage: String
    @Option(help: "selection, groundbreaking, leader_visit, official_visit, framework_completed, inauguration or in_operation.")
    var event: String
    @Option(help: "Date: 2024-03-07, 2024-03, 2024, 2024-03-06/2024-03-10 or ../2024-03-07 (on or before).")
    var date: String
    @Option(
        help:
            "claimed (by state media, default), confirmed (independently), or planned (announced, not yet happened; the only status a future date may have)."
    )
    var status: String = "claimed"
    @Option(help: "Facilities as reported (\"foodstuff factory; hospital\").")
    var facilities: String = ""
    @Option(help: "A note.")
    var note: String?
    @Option(name: .customLong("actor"), help: "A body or person taking part, \"Name (person)\" or \"Name (body)\"; repeatable.")
    var actors: [String] = []
    @Flag(help: "Add a month, year or range even when it contains a milestone of the same kind recorded to the day.")
    var allowOverlap = false
    @OptionGroup var source: SourceOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let division = try gazetteer.resolve(idOrName: place, at: InputLocation(file: "--place"))
            let stage = try FieldRules.stage(self.stage, at: InputLocation(file: "--stage"))
            let (kind, detail) = try FieldRules.kind(event, at: InputLocation(file: "--event"))
            let milestone = Milestone(
                kind: kind, date: try FieldRules.date(date, at: InputLocation(file: "--date")),
                status: try FieldRules.status(status, at: InputLocation(file: "--status")), detail: detail,
                facilities: facilities, note: note,
                actors: try FieldRules.actors(actors.joined(separator: "; "), at: InputLocation(file: "--actor")),
                sources: [try source.source()])
            let db = try await store.open()
            let entry = ProgrammeEntry(stageID: stage.id, divisionID: division.id, milestone: milestone, origin: InputLocation(file: "command line"))
            let warnings = try RecordChecks.addition(entry, in: try await db.sites(), today: RecordChecks.today, allowOverlap: allowOverlap)
            for warning in warnings { JibangCLI.note("warning: \(warning)") }
            _ = try await db.importEntries([entry], file: "command line")
            JibangCLI.note("added \(milestone.eventLabel) on \(milestone.date.humanDescription) at \(division.englishName) (\(stage.label))")
        }
    }
}
