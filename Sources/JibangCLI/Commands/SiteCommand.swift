import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// `jibang site NAME`: one place's record — timeline, facilities, pillars, sources.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Show one place's programme record: timeline, facilities, pillars, sources.")

    @Argument(help: "The place, by any spelling (add \", PROVINCE\" for an ambiguous name).")
    var name: String
    @Flag(help: "Show how the phase was derived: each milestone that moved the site forward, and the stall check.")
    var explain = false
    @OptionGroup var phases: PhaseOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let division = try gazetteer.resolve(name)
            let db = try await store.open()
            let sites = try await db.sites(at: division)
            let view = SiteView(gazetteer: gazetteer, asOf: try phases.day(), stallMonths: phases.stallMonths, explain: explain)
            emit(view.render(division: division, sites: sites, format: output.format))
        }
    }
}
