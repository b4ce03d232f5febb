import Foundation
public import JibangBase
public import JibangCore
import Logging
import NIOSSL
import PostgresNIO

/// The team store: the record of record in a PostgreSQL database that several Jibang
/// processes share. Opened from a `postgres://` address, migrated on first use (once, under
/// an advisory lock, however many nodes start at once).
///
/// Every write is one transaction, as in the embedded store: a dropped connection stores
/// nothing of it. Uniqueness is a constraint in the database, never a check before an insert.
public final class PostgresStore: Sendable {
    let client: PostgresClient
    let runner: Task<Void, Never>
    /// Where the store is, password masked: what messages name.
    public let address: PostgresAddress
    static let logger = Logger(label: "jibang.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(client: PostgresClient, address: PostgresAddress) {
        self.client = client
        self.address = address
        self.runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Connects to `address` and migrates the database to this binary's schema. A server that
    /// cannot be reached, refused credentials, a missing database or a schema newer than this
    /// binary each give an error that says what to do.
    public static func open(_ address: PostgresAddress) async throws(JibangError) -> PostgresStore {
        // One plain connection first: the pool retries a refused connection in the background,
        // while a user who mistyped the host wants to hear so at once.
        do {
            let probe = try await PostgresConnection.connect(configuration: try connectionConfiguration(address), id: 0, logger: logger)
            try? await probe.close()
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
        let store = PostgresStore(client: PostgresClient(configuration: clientConfiguration(address), backgroundLogger: logger), address: address)
        try await PostgresSchema.migrate(store)
        return store
    }

    /// Ends the pool's connections.
    public func close() { runner.cancel() }

    static func tls(_ mode: PostgresAddress.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
    }

    static func connectionTLS(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }

    static func connectionConfiguration(_ address: PostgresAddress) throws -> PostgresConnection.Configuration {
        if let directory = address.socketDirectory {
            return .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(address.port)", username: address.user, password: address.password,
                database: address.database)
        }
        return .init(
            host: address.host ?? "localhost", port: address.port, username: address.user, password: address.password, database: address.database,
            tls: try connectionTLS(address.tls))
    }

    static func clientConfiguration(_ address: PostgresAddress) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let directory = address.socketDirectory {
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(address.port)", username: address.user, password: address.password,
                database: address.database)
        } else {
            configuration = .init(
                host: address.host ?? "localhost", port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls(address.tls))
        }
        configuration.options.maximumConnections = 16
        return configuration
    }

    // MARK: - Running statements

    /// Runs `body` in one transaction; any error rolls it back and comes out as a `JibangError`.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws(JibangError) -> T {
        do {
            return try await client.withTransaction(logger: Self.logger) { connection in try await body(connection) }
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }

    /// Runs one statement outside a transaction and returns its rows.
    func rows(_ query: PostgresQuery) async throws(JibangError) -> [PostgresRow] {
        do {
            return try await client.query(query, logger: Self.logger).collect()
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }
}

extension PostgresConnection {
    /// Runs one statement in the caller's transaction and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await self.query(query, logger: PostgresStore.logger).collect()
    }
}

extension PostgresStore {
    /// Drops (when present) and creates the database `name` on the server `address` names,
    /// connecting to `address`'s own database to do it: for benchmarks and tests.
    public static func recreateDatabase(_ name: String, on address: PostgresAddress) async throws(JibangError) {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw JibangError(.invalidInput, "a database name of letters, digits and _ only, not \(name)")
        }
        do {
            let connection = try await PostgresConnection.connect(configuration: try connectionConfiguration(address), id: 0, logger: logger)
            defer { Task { try? await connection.close() } }
            try await connection.rows(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            try await connection.rows(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }
}
