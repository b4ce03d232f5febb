public import ArgumentParser
import Foundation
import JibangCore
import JibangStore

extension Site.Progress: ExpressibleByArgument {}

/// `jibang sites`: the sites, filtered by year, province and progress.
struct Sites: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List programme sites, filtered by year, province or status.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var scope: ScopeOptions
    @Option(help: "Only sites that are planned, under-construction or completed.")
    var status: Site.Progress?

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let filter = try scope.filter(gazetteer, progress: status)
            let sites = filter.apply(ProgrammeRecord.ordered(try await store.open().sites()), gazetteer: gazetteer)
            emit(SitesView(gazetteer: gazetteer).render(sites, format: output.format))
            if output.format == .table { note("\(sites.count) site(s)") }
        }
    }
}
