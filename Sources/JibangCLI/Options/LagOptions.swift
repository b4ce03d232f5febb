import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus

/// `--lag K`, shared by `compare` and `report`.
struct LagOptions: ParsableArguments {
    @Option(help: "Scan lags from -K to K periods.")
    var lag = 3

    func validate() throws {
        if lag < 0 { throw ValidationError("--lag \(lag): expected 0 or more periods") }
    }
}
