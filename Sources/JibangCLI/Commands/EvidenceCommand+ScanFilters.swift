import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    /// The --outlet/--from/--to filters of a scan.
    struct ScanFilters: ParsableArguments {
        @Option(help: "Only this outlet (repeatable).")
        var outlet: [String] = []
        @Option(help: "First publication date scanned: 2024, 2024-03 or 2024-03-05 (default 2020: the programme's pilot began then).")
        var from: String?
        @Option(help: "Last publication date scanned.")
        var to: String?
    }
}
