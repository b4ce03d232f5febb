import Foundation
public import JibangBase
public import JibangCore

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

    /// Seeds an opened store (see `StoreSeeding`).
    @discardableResult
    public static func prepare(_ store: SQLiteStore, empty: Bool = false) async throws(JibangError) -> SeedResult {
        try await StoreSeeding.prepare(store, empty: empty)
    }
}
