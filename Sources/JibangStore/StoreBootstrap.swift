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
        let bundleID = "\(BundledData.programmeFile)@\(digest(try BundledData.programmeCSV()))"
        if state.referenceLoaded, let programme = state.programme {
            // A store seeded from an older bundled record takes what the newer one adds.
            guard programme != "skipped", programme != bundleID else { return SeedResult() }
            var result = SeedResult()
            result.update = try await store.applyBundled(
                try BundledProgramme.entries(), bundleID: bundleID, sha256: SQLiteStore.sha256(Data(try BundledData.programmeCSV().utf8)))
            return result
        }
        return try await store.prepare(
            divisions: try BundledData.gazetteer().divisions,
            bundled: empty ? [] : try BundledProgramme.entries(),
            bundleID: bundleID,
            programme: !empty)
    }

    /// A short, stable digest of a text (64-bit FNV-1a, hex), to record which bundle was loaded.
    static func digest(_ text: String) -> String {
        String(FNV1a.hash(text.utf8), radix: 16)
    }
}
