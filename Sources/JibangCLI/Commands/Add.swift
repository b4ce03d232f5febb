import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang add milestone|source`: single edits, validated like imports.
struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add one milestone or one source, validated like an import.",
        subcommands: [AddMilestone.self, AddSource.self])
}

/// The fields of a source, shared by `add milestone` and `add source`.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: "Address (http/https) of the report. Required: no fact without a source.")
    var url: String
    @Option(help: "Who published it (default: the web host).")
    var outlet: String?
    @Option(help: "The report's title.")
    var title: String?
    @Option(help: "Publication day, YYYY-MM-DD.")
    var published: String?
    @Option(help: "Language of the report (ko, en, ja…).")
    var language: String?
    @Option(help: "The words of the report the fact rests on.")
    var quote: String?

    func source() throws(JibangError) -> Source {
        Source(
            url: try FieldRules.url(url, at: InputLocation(file: "--url")),
            outlet: outlet ?? Source.host(of: url), title: title,
            published: try FieldRules.day(published ?? "", at: InputLocation(file: "--published")),
            language: language, quote: quote)
    }
}

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
    @Option(help: "claimed (by state media, default) or confirmed (independently).")
    var status: String = "claimed"
    @Option(help: "Facilities as reported (\"foodstuff factory; hospital\").")
    var facilities: String = ""
    @Option(help: "A note.")
    var note: String?
    @Option(name: .customLong("actor"), help: "A body or person taking part, \"Name (person)\" or \"Name (body)\"; repeatable.")
    var actors: [String] = []
    @OptionGroup var source: SourceOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let division = try gazetteer.resolve(place, at: InputLocation(file: "--place"))
            let stage = try FieldRules.stage(self.stage, at: InputLocation(file: "--stage"))
            let (kind, detail) = try FieldRules.kind(event, at: InputLocation(file: "--event"))
            let milestone = Milestone(
                kind: kind, date: try FieldRules.date(date, at: InputLocation(file: "--date")),
                status: try FieldRules.status(status, at: InputLocation(file: "--status")), detail: detail,
                facilities: facilities, note: note,
                actors: try FieldRules.actors(actors.joined(separator: "; "), at: InputLocation(file: "--actor")),
                sources: [try source.source()])
            let db = try await store.open()
            _ = try await db.importEntries(
                [ProgrammeEntry(stageID: stage.id, divisionID: division.id, milestone: milestone, origin: InputLocation(file: "command line"))],
                file: "command line")
            JibangCLI.note("added \(milestone.eventLabel) on \(milestone.date.humanDescription) at \(division.englishName) (\(stage.label))")
        }
    }
}

struct AddSource: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add a source to an existing milestone (ids are shown by `jibang site NAME`).")

    @Option(help: "The milestone's id, as `jibang site NAME` shows it (#12 → 12).")
    var milestone: Int64
    @OptionGroup var source: SourceOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let source = try source.source()
            let db = try await store.open()
            try await db.addSource(source, toMilestone: milestone)
            note("added \(source.url) to milestone #\(milestone)")
        }
    }
}
