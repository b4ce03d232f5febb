import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang data update FILE`: a newer programme record without a new binary.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Apply a newer programme record, as the bundled one is applied.", subcommands: [Update.self])

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add what a newer record (a 20x10-sites.csv of the bundled shape) has and the store lacks; never touch an analyst's work.",
            discussion: """
                Milestones and sources the store lacks are added. A milestone an analyst edited or retracted gains \
                nothing, and a row whose milestone an analyst edited away is not added again. The update is in `jibang audit`.
                """)
        @Argument(help: "The record: CSV with year_wave, province, city_county, korean_name, event, date, facility_types, source_url, notes.")
        var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                guard let text = try? String(contentsOfFile: Console.current.resolve(file), encoding: .utf8) else {
                    throw JibangError.notFound("cannot read \(file): no such file, or not readable as UTF-8 text")
                }
                let name = (file as NSString).lastPathComponent
                let entries = try ProgrammeCSV.read(text, file: name, gazetteer: try BundledData.gazetteer())
                let bundle = "\(name)@\(String(FNV1a.hash(text.utf8), radix: 16))"
                let update = try await store.open().applyBundled(
                    entries, bundleID: bundle, sha256: SQLiteStore.sha256(Data(text.utf8)), isBundle: false)
                note(
                    "\(bundle): \(update.milestonesAdded) milestones and \(update.sourcesAdded) sources added; "
                        + "\(update.leftForAnalysts) rows left alone where an analyst edited or retracted the milestone")
            }
        }
    }
}
