import Foundation
public import JibangBase
import JibangCore

/// Opens the store a command or the server works on, creating and seeding it on first use:
/// the gazetteer and stages always, the bundled programme record unless `empty`.
public enum StoreBootstrap {
    /// The default store file, in the current folder.
    public static let defaultPath = "jibang.sqlite"

    /// Opens `path`, migrating and seeding as needed. Idempotent.
    public static func open(path: String, empty: Bool = false) async throws(JibangError) -> (store: SQLiteStore, seeded: SeedResult) {
        let store = try SQLiteStore.open(path: path)
        let seeded = try await prepare(store, empty: empty)
        return (store, seeded)
    }

    /// Seeds an opened store (see `open`).
    @discardableResult
    public static func prepare(_ store: SQLiteStore, empty: Bool = false) async throws(JibangError) -> SeedResult {
        let state = try await store.seedState()
        if state.referenceLoaded && state.programme != nil { return SeedResult() }
        let csv = try BundledData.programmeCSV()
        return try await store.prepare(
            divisions: try BundledData.gazetteer().divisions,
            bundled: empty ? [] : try BundledProgramme.entries(),
            bundleID: "\(BundledData.programmeFile)@\(digest(csv))",
            programme: !empty)
    }

    /// A short, stable digest of a text (64-bit FNV-1a, hex), to record which bundle was loaded.
    static func digest(_ text: String) -> String {
        String(FNV1a.hash(text.utf8), radix: 16)
    }
}
