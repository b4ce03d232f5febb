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
