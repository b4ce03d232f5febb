public import ArgumentParser
import Foundation
public import JibangCore
import JibangStore

extension SourceGrade: ExpressibleByArgument {}

/// `jibang status`: progress of each stage against its target, coverage, coverage by province.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Progress of the programme: per wave, cumulative coverage, coverage by province.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var scope: ScopeOptions
    @Option(
        help: ArgumentHelp(
            "Count only milestones a source of this grade or better reports: state-media, relay (same-day press) or secondary.",
            valueName: "grade"))
    var minGrade: SourceGrade?
    @OptionGroup var phases: PhaseOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let filter = try scope.filter(gazetteer)
            let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
            let db = try await store.open()
            let status = ProgrammeStatus(
                sites: try await db.sites(), gazetteer: gazetteer, year: filter.year, provinceID: filter.provinceID,
                throughYear: min(thisYear, Programme.years.upperBound), bundledData: try await db.bundledRecord(), minGrade: minGrade,
                asOf: try phases.day(), stallMonths: phases.stallMonths)
            if let minGrade { note("counting only milestones that a \(minGrade.rawValue) source reports (or a better one)") }
            emit(StatusView(status: status, gazetteer: gazetteer).render(output.format))
        }
    }
}
