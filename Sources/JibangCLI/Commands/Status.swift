import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// `jibang status`: progress of each stage against its target, coverage, coverage by province.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Progress of the programme: per wave, cumulative coverage, coverage by province.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var scope: ScopeOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let filter = try scope.filter(gazetteer)
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
            let db = try await store.open()
            let status = ProgrammeStatus(
                sites: try await db.sites(), gazetteer: gazetteer, year: filter.year, provinceID: filter.provinceID,
                throughYear: min(thisYear, Programme.years.upperBound), bundledData: try await db.bundledRecord())
            emit(StatusView(status: status, gazetteer: gazetteer).render(output.format))
        }
    }
}
