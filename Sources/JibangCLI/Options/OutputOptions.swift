import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// How to print results: an aligned table for people, CSV or JSON for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table (for people), csv or json (for scripts).")
    var format: OutputFormat = .table
}
