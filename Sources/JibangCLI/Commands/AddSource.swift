import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

struct AddSource: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Add a source to an existing milestone (ids are shown by `jibang site NAME`).")

    @Option(help: "The milestone's id, as `jibang site NAME` shows it (#12 → 12).")
    var milestone: Int64
    @OptionGroup var source: SourceOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let source = try source.source()
            let db = try await store.open()
            try await db.addSource(source, toMilestone: milestone)
            note("added \(source.url) to milestone #\(milestone)")
        }
    }
}
