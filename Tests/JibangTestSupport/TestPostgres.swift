import Foundation
public import JibangCore
public import JibangPostgres
import Logging
import PostgresNIO

/// The PostgreSQL server the tests may create databases on: `JIBANG_TEST_POSTGRES`, a
/// `postgres://` URL that `.ci/run` sets to a throwaway cluster it starts (and stops). Unset,
/// the PostgreSQL cases are left out of a local run; `.ci/run` never leaves them out.
public enum TestPostgres {
    public static let server: PostgresAddress? = {
        guard let text = ProcessInfo.processInfo.environment["JIBANG_TEST_POSTGRES"], !text.isEmpty else { return nil }
        guard case .postgres(let address) = try? StoreAddress(parsing: text) else {
            fatalError("JIBANG_TEST_POSTGRES is not a postgres:// URL: \(text)")
        }
        return address
    }()

    /// The address of a new, empty database of its own on the test server.
    public static func freshDatabase() async throws -> PostgresAddress {
        guard var address = server else { throw TestPostgresUnavailable() }
        let name = "jibang_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresStore.recreateDatabase(String(name), on: address)
        address.database = String(name)
        return address
    }

    /// Runs one statement on `address` outside any store (what another program, or an older
    /// or newer jibang, could have done) and returns the first column of its rows as text.
    @discardableResult
    public static func execute(_ sql: String, on address: PostgresAddress) async throws -> [String?] {
        let configuration = PostgresConnection.Configuration(
            host: address.host ?? "127.0.0.1", port: address.port, username: address.user, password: address.password,
            database: address.database, tls: .disable)
        let logger = Logger(label: "test")
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            try? await connection.close()
            return try rows.map { row in row.isEmpty ? nil : try row.decode(String?.self) }
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `address` as a URL the commands take (password included, TLS off: the test cluster).
    public static func url(_ address: PostgresAddress) -> String {
        "postgres://\(address.user):\(address.password ?? "")@\(address.host ?? "127.0.0.1"):\(address.port)/\(address.database)?sslmode=disable"
    }

    /// A new, empty store (migrated) in a database of its own.
    public static func freshStore() async throws -> PostgresStore {
        try await PostgresStore.open(try await freshDatabase())
    }
}

/// A PostgreSQL case ran without `JIBANG_TEST_POSTGRES`.
public struct TestPostgresUnavailable: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "JIBANG_TEST_POSTGRES is not set: .ci/run starts a PostgreSQL cluster and sets it" }
}

/// Counts the store test cases each engine ran: one line per case in `JIBANG_TEST_TALLY`
/// (set by `.ci/run`, which prints the counts per engine after the suite).
public enum BackendTally {
    static let lock = NSLock()

    public static func record(_ suite: String, _ backend: String) {
        guard let path = ProcessInfo.processInfo.environment["JIBANG_TEST_TALLY"], !path.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        guard
            let handle = FileHandle(forWritingAtPath: path)
                ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil)
        else { return }
        handle.seekToEndOfFile()
        handle.write(Data("\(suite)\t\(backend)\n".utf8))
        try? handle.close()
    }
}
