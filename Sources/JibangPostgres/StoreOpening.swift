public import JibangBase
public import JibangCore
import JibangStore

/// Opens the record store at an address, SQLite or PostgreSQL, creating and seeding it on first
/// use: the one way the commands and the server open a store, whichever engine holds it.
public enum StoreOpening {
    /// The store at `address`, migrated and seeded as needed (`empty`: the gazetteer and stages
    /// only, no bundled programme record), with what seeding did. Idempotent.
    public static func open(
        _ address: StoreAddress, empty: Bool = false
    ) async throws(JibangError) -> (
        store: any RecordStore, seeded: SeedResult
    ) {
        switch address {
        case .sqlite(let path):
            return try await StoreBootstrap.open(path: path, empty: empty)
        case .postgres(let address):
            let store = try await PostgresStore.open(address)
            return (store, try await StoreSeeding.prepare(store, empty: empty))
        }
    }
}
