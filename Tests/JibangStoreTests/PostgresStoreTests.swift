import Foundation
import JibangBase
import JibangCore
import JibangPostgres
import JibangStore
import JibangTestSupport
import Testing

/// Issue 21: the PostgreSQL store's own behaviour, on the throwaway cluster `.ci/run` starts:
/// its schema steps, migrating once under concurrent starts, refusing a newer schema, and
/// errors a user can act on. (What it shares with the embedded store is in
/// `StoreConformanceTests`.)
@Suite struct PostgresStoreTests {
    @Test func theSchemaStepsAreTheEmbeddedStoresStepsInOrder() {
        #expect(PostgresStore.migrationIDs == SQLiteStore.migrationIDs)
    }

    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func nodesStartingAtOnceMigrateOnce() async throws {
        let address = try await TestPostgres.freshDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<6 { group.addTask { try await PostgresStore.open(address) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(stores.count == 6)
        let steps = try await TestPostgres.execute("SELECT id FROM jibang_migration ORDER BY applied_at, id", on: address)
        #expect(steps.count == SQLiteStore.migrationIDs.count, "each step applied once")
        // The preloaded indicator of step v3 is there once (a second run of the step would add another or fail).
        #expect(try await stores[0].indicators().map(\.name) == ["GDP per capita"])
    }

    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func aSchemaNewerThanTheBinaryIsRefusedUntouched() async throws {
        let address = try await TestPostgres.freshDatabase()
        _ = try await PostgresStore.open(address)
        try await TestPostgres.execute("INSERT INTO jibang_migration (id) VALUES ('v99 from the future')", on: address)
        let error = try await #require(throws: JibangError.self) { try await PostgresStore.open(address) }
        #expect(error.code == .storage)
        #expect(error.message.contains("newer schema") && error.message.contains("v99 from the future") && error.message.contains("upgrade jibang"))
        #expect(
            try await TestPostgres.execute("SELECT count(*)::text FROM jibang_migration", on: address) == ["\(SQLiteStore.migrationIDs.count + 1)"])
    }

    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func connectionProblemsSayWhatToDo() async throws {
        let server = try #require(TestPostgres.server)
        var missing = server
        missing.database = "no_such_database_here"
        let noDatabase = try await #require(throws: JibangError.self) { try await PostgresStore.open(missing) }
        #expect(noDatabase.message.contains("has no database 'no_such_database_here'") && noDatabase.message.contains("createdb"))

        var wrong = server
        wrong.password = "not-the-password"
        let refused = try await #require(throws: JibangError.self) { try await PostgresStore.open(wrong) }
        #expect(refused.message.contains("refused user '\(server.user)'") && refused.message.contains("password"), "\(refused.message)")

        var closed = server
        closed.port = try Self.closedPort()
        let unreachable = try await #require(throws: JibangError.self) { try await PostgresStore.open(closed) }
        #expect(unreachable.message.contains("cannot reach PostgreSQL at") && unreachable.message.contains("running"), "\(unreachable.message)")
        for error in [noDatabase, refused, unreachable] {
            #expect(!error.message.contains("PSQLError") && !error.message.contains(server.password ?? "\u{0}"), "no driver dump, no password")
        }
    }

    /// A loopback port nothing listens on: bound, then released.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
