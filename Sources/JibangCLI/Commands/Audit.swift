import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore
import KoreanText

/// `jibang audit`: every write to the store, newest first, with who, when, why, before and after.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the audit trail: every write, newest first, with who, when, why, and the values before and after.")
    @Option(help: "Only writes at or after this day or time (2025-01-15 or 2025-01-15T09:00:00Z).")
    var since: String?
    @Option(help: "Only this kind of entity: milestone, source, import, candidate, indicator, token.")
    var entity: String?
    @Option(help: "Only this entity id (a milestone's id, …).")
    var id: String?
    @Option(help: "At most this many entries.")
    var limit = 100
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            if let since, DateParser.iso(String(since.prefix(10))) == nil {
                throw JibangError.invalidInput(InputLocation(file: "--since"), "found \(since), expected a day like 2025-01-15")
            }
            let entries = try await store.open().auditEntries(since: since, entity: entity, entityID: id, limit: max(1, limit))
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(entries).trimmingCharacters(in: .newlines))
            case .csv, .table:
                for e in entries {
                    let who = e.actor.label.map { "\(e.actor.kind):\($0)" } ?? e.actor.kind
                    emit("#\(e.id)  \(e.at)  \(who)  \(e.action) \(e.entity)\(e.entityID.map { " \($0)" } ?? "")\(e.reason.map { " — \($0)" } ?? "")")
                }
                if entries.isEmpty { note("no audited writes match") }
            }
        }
    }
}
