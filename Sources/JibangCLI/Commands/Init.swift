import ArgumentParser
import JibangCore
import JibangStore

/// `jibang init`: create or migrate the store and load the bundled data. Idempotent.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or migrate the store and load the bundled gazetteer and programme record.",
        discussion: "Running it again changes nothing. Other commands do this on first use too.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Load only the gazetteer, not the bundled programme record (for importing your own).")
    var empty = false

    func run() async throws {
        try await reportingErrors {
            let (_, seeded) = try await store.openSeeding(empty: empty)
            if seeded.divisions > 0 { note("loaded \(seeded.divisions) divisions from \(BundledData.divisionsFile)") }
            if let programme = seeded.programme {
                note(
                    "loaded \(programme.milestones) milestones at \(programme.sitesCreated) sites (\(programme.sources) sources) from \(programme.file)"
                )
            }
            if let update = seeded.update {
                note(
                    "applied the newer bundled record \(update.bundle): \(update.milestonesAdded) milestones and \(update.sourcesAdded) sources added; "
                        + "\(update.leftForAnalysts) rows left alone where an analyst edited or retracted the milestone")
            }
            if seeded == SeedResult() { note("\(store.shown) is up to date; nothing to load") }
            emit(store.shown)
        }
    }
}
