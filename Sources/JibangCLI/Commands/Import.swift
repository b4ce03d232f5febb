public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang import FILE`: add a CSV (shaped like 20x10-sites.csv) or Jibang JSON file.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import programme records from a CSV (like 20x10-sites.csv) or Jibang JSON file.",
        discussion: """
            All or nothing: any problem (unknown place, bad date, missing source, duplicate, malformed line) \
            is reported with file, line, column and reason, and nothing from the file is stored.
            """)

    @Argument(help: "The file to import (.csv or .json).")
    var file: String
    @Option(help: "csv or json (default: from the file name).")
    var format: ProgrammeFormat?
    @Flag(help: "Check the file and report problems without storing anything.")
    var dryRun = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            guard let data = FileManager.default.contents(atPath: Console.current.resolve(file)) else {
                throw JibangError.notFound("cannot read \(file): no such file, or not readable")
            }
            let gazetteer = try BundledData.gazetteer()
            let name = (file as NSString).lastPathComponent
            let entries = try (format ?? .inferred(from: file)).read(data, file: name, gazetteer: gazetteer)
            let db = try await store.open()
            if dryRun {
                // What the import would refuse besides the file's own problems: rows already in the store.
                let problems = RecordChecks.duplicates(entries, in: try await db.sites())
                if !problems.isEmpty { throw problems.count == 1 ? problems[0] : JibangError.several(problems) }
                note("\(name): \(entries.count) milestones, no problems found (dry run: nothing stored)")
                return
            }
            let summary = try await db.importEntries(entries, file: name, sha256: SQLiteStore.sha256(data))
            note(
                "imported \(summary.milestones) milestones (\(summary.sitesCreated) new sites, \(summary.sources) sources) from \(name) into \(store.shown)"
            )
        }
    }
}

extension ProgrammeFormat: ExpressibleByArgument {}
