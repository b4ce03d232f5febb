import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang edit|retract|restore milestone ID --reason …`: correcting the record in the open.
/// Every change needs a reason and is written to the audit trail (`jibang audit`).
struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a stored milestone or a site's role, with a reason kept in the audit trail.",
        subcommands: [EditMilestone.self, EditSite.self])
}

struct Retract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Withdraw a milestone or a source: kept and shown as retracted, never counted; restorable.",
        subcommands: [RetractMilestone.self, RetractSource.self])
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring the store back from a backup (`jibang restore FILE`), or a retracted milestone into the record.",
        subcommands: [RestoreBackup.self, RestoreMilestone.self], defaultSubcommand: RestoreBackup.self)
}

/// The reason every correction needs.
struct ReasonOption: ParsableArguments {
    @Option(help: "Why (required; kept in the audit trail).")
    var reason: String

    func checked() throws -> String { try MilestoneCorrection.reason(reason) }
}

struct EditMilestone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone",
        abstract: "Change a milestone's event, date, status, place, facilities or note.",
        discussion: "Example: jibang edit milestone 42 --date 2025-02-11 --reason \"the report's day was taken for the event's\"")

    @Argument(help: "The milestone's id (`jibang site NAME` lists them).")
    var id: Int64
    @Option(help: "New event kind.")
    var event: String?
    @Option(help: "New date: 2024-03-07, 2024-03, 2024, 2024-03-06/2024-03-10 or ../2024-03-07.")
    var date: String?
    @Option(help: "New status: claimed, confirmed or planned.")
    var status: String?
    @Option(help: "Move it to this place's site in the same stage (any spelling, or a gazetteer id).")
    var place: String?
    @Option(help: "New facilities as reported.")
    var facilities: String?
    @Option(help: "New note.")
    var note: String?
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let change = MilestoneChange(
                event: event, date: date, status: status, place: place, facilities: facilities, note: note, reason: try reason.checked())
            let (stored, warnings) = try await store.open().correct(
                milestone: id, with: change, gazetteer: try BundledData.gazetteer(), today: RecordChecks.today)
            for warning in warnings { JibangCLI.note("warning: \(warning)") }
            JibangCLI.note(
                "milestone #\(id) is now \(stored.eventLabel) on \(stored.date.humanDescription) (\(stored.status.rawValue)); the change is in `jibang audit --id \(id)`"
            )
        }
    }
}

/// `jibang edit site PLACE --stage YEAR --role associated --reason …`: count a site as one of its
/// wave's cities and counties, or as an associated project.
struct EditSite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Set whether a site counts as one of its wave's cities and counties or as an associated project.",
        discussion:
            "Example: jibang edit site Rakwon --stage 2025 --role associated --reason \"38 North's list of 2025's twenty leaves it out\"")

    @Argument(help: "The place, by any spelling (add \", PROVINCE\" for an ambiguous name).")
    var place: String
    @Option(help: "The stage: a wave's year (2024…), or pilot, precursor-2023. Needed when the place is a site in several.")
    var stage: String?
    @Option(help: "wave (counted against the wave's target) or associated (shown and sourced, never counted).")
    var role: Site.Role
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let division = try gazetteer.resolve(place)
            let db = try await store.open()
            let sites = try await db.sites(at: division)
            let chosen = try StageChoice.site(among: sites, stage: stage, place: division.englishName)
            try await db.setRole(site: chosen.id!, role, reason: try reason.checked())
            JibangCLI.note(
                "\(division.englishName) (\(chosen.stageID)) is now a \(role.rawValue) site; the change is in `jibang audit --entity site`")
        }
    }
}

struct RetractMilestone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestone", abstract: "Retract a milestone (kept, shown as retracted, never counted).")
    @Argument(help: "The milestone's id.")
    var id: Int64
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            try await store.open().setRetracted(milestone: id, true, reason: try reason.checked())
            note("retracted milestone #\(id); `jibang restore milestone \(id) --reason …` brings it back")
        }
    }
}

struct RestoreMilestone: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "milestone", abstract: "Restore a retracted milestone.")
    @Argument(help: "The milestone's id.")
    var id: Int64
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            try await store.open().setRetracted(milestone: id, false, reason: try reason.checked())
            note("restored milestone #\(id)")
        }
    }
}

/// A milestone's source, by the milestone's id and the address.
struct SourceRef: ParsableArguments {
    @Option(help: "The milestone's id.")
    var milestone: Int64
    @Option(help: "The source's address, as the milestone cites it.")
    var url: String
}

struct RetractSource: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", abstract: "Retract a milestone's source (kept and shown; the milestone no longer rests on it).")
    @OptionGroup var source: SourceRef
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            try await store.open().setRetracted(sourceOf: source.milestone, url: source.url, true, reason: try reason.checked())
            note("retracted the source \(source.url) of milestone #\(source.milestone)")
        }
    }
}

struct RestoreSource: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Restore a retracted source.")
    @OptionGroup var source: SourceRef
    @OptionGroup var reason: ReasonOption
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            try await store.open().setRetracted(sourceOf: source.milestone, url: source.url, false, reason: try reason.checked())
            note("restored the source \(source.url) of milestone #\(source.milestone)")
        }
    }
}
