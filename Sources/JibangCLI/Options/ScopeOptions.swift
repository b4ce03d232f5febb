import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// The `--year` and `--province` filters that `status` and `sites` share.
struct ScopeOptions: ParsableArguments {
    @Option(help: "Only the stage(s) of this year (2021 pilot, 2023 precursor, 2024–2033 waves).")
    var year: Int?
    @Option(help: "Only sites in this province (any spelling: \"North Phyongan\", 평안북도).")
    var province: String?

    /// The filter these options ask for; an unknown province is an error with suggestions.
    func filter(_ gazetteer: Gazetteer, progress: Site.Progress? = nil) throws(JibangError) -> SiteFilter {
        let provinceID = try province.map { name throws(JibangError) in
            try gazetteer.resolveProvince(name, at: InputLocation(file: "--province")).id
        }
        return SiteFilter(year: year, provinceID: provinceID, progress: progress)
    }
}

/// `--as-of` and `--stall-months`: the day phases are computed for, so a figure can be reproduced.
struct PhaseOptions: ParsableArguments {
    @Option(help: "Compute phases as of this day (YYYY-MM-DD; default today), counting only what was reported by then.")
    var asOf: String?
    @Option(help: "Months without a report after which a site not inaugurated is stalled.")
    var stallMonths: Int = SitePhase.defaultStallMonths

    /// The as-of day; a malformed one is an error that shows the form.
    func day() throws(JibangError) -> Day { try Self.day(asOf) }

    /// `text` as the as-of day (today when nil); a malformed one is an error that shows the form.
    static func day(_ asOf: String?) throws(JibangError) -> Day {
        guard let asOf else { return RecordChecks.today }
        guard let day = Day(iso: asOf) else {
            throw .invalidInput(InputLocation(file: "--as-of"), "found \"\(asOf)\", expected a day such as 2025-06-30")
        }
        return day
    }

    func validate() throws {
        guard stallMonths > 0 else { throw ValidationError("--stall-months must be at least 1; found \(stallMonths)") }
    }
}
