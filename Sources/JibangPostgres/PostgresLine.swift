import Foundation
import JibangBase
import JibangCore
import PostgresNIO
import Synchronization

/// One connection to the store, used by one caller at a time and waited on: for the corpus,
/// whose store protocol is synchronous. It waits on the driver's event loops, never on Swift
/// concurrency's threads, so a blocked caller cannot starve the work it waits for. A
/// connection the server closed (a restart) is reopened before the next statement.
final class PostgresLine: @unchecked Sendable {
    // @unchecked: `connection` is only read or replaced under `busy`.
    private var connection: PostgresConnection
    let address: PostgresAddress
    private let busy = NSLock()

    private init(connection: PostgresConnection, address: PostgresAddress) {
        self.connection = connection
        self.address = address
    }

    deinit { Self.close(connection) }

    /// Closes `connection`, which must outlive its closing (the driver checks that it was closed).
    static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    static func open(_ address: PostgresAddress) throws(JibangError) -> PostgresConnection {
        do {
            return try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: try PostgresStore.connectionConfiguration(address), id: 1,
                logger: PostgresStore.logger
            ).wait()
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }

    static func connect(_ address: PostgresAddress) throws(JibangError) -> PostgresLine {
        PostgresLine(connection: try open(address), address: address)
    }

    /// Runs the first statement of a unit of work, on a new connection when the server has
    /// ended this one (nothing of the work has run yet, so running it again is safe). Called
    /// under `busy`.
    private func first(_ query: PostgresQuery) throws(JibangError) -> [PostgresRow] {
        if connection.isClosed { try reopen() }
        do {
            return try finished(connection.query(query, logger: PostgresStore.logger))
        } catch  where connection.isClosed || Self.isLostConnection(error) {
            try reopen()
            return try run(query)
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }

    private func reopen() throws(JibangError) {
        let fresh = try Self.open(address)
        Self.close(connection)
        connection = fresh
    }

    /// The connection ended under the statement: closed by either side, or terminated by the
    /// server (SQLSTATE class 57, "operator intervention").
    static func isLostConnection(_ error: any Error) -> Bool {
        if error is LostConnection { return true }
        guard let error = PostgresErrors.cause(error) as? PSQLError else { return false }
        if [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(error.code) { return true }
        return error.serverInfo?[.sqlState]?.hasPrefix("57P") == true
    }

    /// Runs one statement on its own and returns its rows.
    func rows(_ query: PostgresQuery) throws(JibangError) -> [PostgresRow] {
        busy.lock()
        defer { busy.unlock() }
        return try first(query)
    }

    /// Runs `body` in one transaction (`mode`: e.g. "ISOLATION LEVEL REPEATABLE READ"); any
    /// error rolls it back.
    func transaction<T>(_ mode: String = "", _ body: (Statements) throws(JibangError) -> T) throws(JibangError) -> T {
        busy.lock()
        defer { busy.unlock() }
        _ = try first(PostgresQuery(unsafeSQL: "BEGIN \(mode)"))
        do {
            let value = try body(Statements(line: self))
            _ = try run("COMMIT")
            return value
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    /// The statements of one transaction.
    struct Statements {
        let line: PostgresLine
        @discardableResult
        func rows(_ query: PostgresQuery) throws(JibangError) -> [PostgresRow] { try line.run(query) }
    }

    private func run(_ query: PostgresQuery) throws(JibangError) -> [PostgresRow] {
        do {
            return try finished(connection.query(query, logger: PostgresStore.logger))
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }

    /// The rows of `query`, waited for; when the connection closes under it (a statement
    /// sent on a connection the server has just ended may otherwise never answer), the
    /// statement fails with `LostConnection` instead of waiting forever.
    private func finished(_ query: EventLoopFuture<PostgresQueryResult>) throws -> [PostgresRow] {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<[PostgresRow], any Error>?>(nil)
        query.whenComplete { result in
            outcome.withLock { $0 = result.map(\.rows) }
            done.signal()
        }
        while done.wait(timeout: .now() + .milliseconds(500)) == .timedOut {
            if connection.isClosed { throw LostConnection() }
        }
        return try outcome.withLock { $0! }.get()
    }
}

/// The connection closed before a statement finished.
struct LostConnection: Error, CustomStringConvertible {
    var description: String {
        "the connection closed before the statement finished (the server restarted or ended it); nothing of the unfinished transaction was stored; run it again"
    }
}
