import Foundation
import JibangBase
public import JibangCore
import PostgresNIO

/// One connection to the store, used by one caller at a time and waited on: for the corpus,
/// whose store protocol is synchronous. It waits on the driver's event loops, never on Swift
/// concurrency's threads, so a blocked caller cannot starve the work it waits for.
final class PostgresLine: Sendable {
    let connection: PostgresConnection
    let address: PostgresAddress
    private let busy = NSLock()

    private init(connection: PostgresConnection, address: PostgresAddress) {
        self.connection = connection
        self.address = address
    }

    deinit {
        // The connection must outlive its closing (the driver checks that it was closed).
        let connection = self.connection
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    static func connect(_ address: PostgresAddress) throws(JibangError) -> PostgresLine {
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: try PostgresStore.connectionConfiguration(address), id: 1,
                logger: PostgresStore.logger
            ).wait()
            return PostgresLine(connection: connection, address: address)
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }

    /// Runs one statement on its own and returns its rows.
    func rows(_ query: PostgresQuery) throws(JibangError) -> [PostgresRow] {
        busy.lock()
        defer { busy.unlock() }
        return try run(query)
    }

    /// Runs `body` in one transaction (`mode`: e.g. "ISOLATION LEVEL REPEATABLE READ"); any
    /// error rolls it back.
    func transaction<T>(_ mode: String = "", _ body: (Statements) throws(JibangError) -> T) throws(JibangError) -> T {
        busy.lock()
        defer { busy.unlock() }
        _ = try run(PostgresQuery(unsafeSQL: "BEGIN \(mode)"))
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
            return try connection.query(query, logger: PostgresStore.logger).wait().rows
        } catch {
            throw PostgresErrors.translate(error, address: address)
        }
    }
}
