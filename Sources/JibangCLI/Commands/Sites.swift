public import ArgumentParser
import Foundation
import JibangCore
import JibangStore

extension Site.Progress: ExpressibleByArgument {}
extension Site.Role: ExpressibleByArgument {}
extension SitePhase.Phase: ExpressibleByArgument {}

/// `jibang sites`: the sites, filtered by year, province and progress.
struct Sites: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List programme sites, filtered by year, province or status.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var scope: ScopeOptions
    @Option(help: "Only sites that are planned, under-construction or completed.")
    var status: Site.Progress?
    @Option(
        help: ArgumentHelp(
            "Only sites in this phase: \(SitePhase.Phase.allCases.map(\.rawValue).joined(separator: ", ")).",
            discussion: "The rules are in the README (Phases); `jibang site NAME --explain` shows them for one site."))
    var phase: SitePhase.Phase?
    @Option(help: "Only wave sites (counted against the target) or associated projects.")
    var role: Site.Role?
    @OptionGroup var phases: PhaseOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            var filter = try scope.filter(gazetteer, progress: status)
            filter.phase = phase
            filter.role = role
            filter.asOf = try phases.day()
            filter.stallMonths = phases.stallMonths
            let sites = filter.apply(ProgrammeRecord.ordered(try await store.open().sites()), gazetteer: gazetteer)
            emit(SitesView(gazetteer: gazetteer, asOf: filter.asOf, stallMonths: filter.stallMonths).render(sites, format: output.format))
            if output.format == .table { note("\(sites.count) site(s); phases as of \(filter.asOf)") }
        }
    }
}
