import Foundation
import JibangBase
import JibangCore
import PostgresNIO

/// Turns what the driver throws into errors a user can act on: what happened, at which
/// server, and what to do. Never a driver dump.
enum PostgresErrors {
    /// PostgreSQL's SQLSTATE codes Jibang answers on its own.
    enum State {
        static let uniqueViolation = "23505"
        static let invalidPassword = "28P01"
        static let invalidAuthorization = "28000"
        static let missingDatabase = "3D000"
    }

    /// The error behind a failed transaction: the closure's, else BEGIN's, COMMIT's or ROLLBACK's.
    static func cause(_ error: any Error) -> any Error {
        guard let failed = error as? PostgresTransactionError else { return error }
        return failed.closureError ?? failed.beginError ?? failed.commitError ?? failed.rollbackError ?? error
    }

    static func state(of error: any Error) -> String? {
        (cause(error) as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func translate(_ error: any Error, address: PostgresAddress) -> JibangError {
        let error = cause(error)
        if let error = error as? JibangError { return error }
        let server = "PostgreSQL at \(address.socketDirectory ?? address.host ?? "localhost"):\(address.port)"
        guard let error = error as? PSQLError else {
            return .storage("\(server): \(error)")
        }
        if let info = error.serverInfo {
            let message = info[.message] ?? "an error"
            switch info[.sqlState] {
            case State.invalidPassword, State.invalidAuthorization:
                return .storage(
                    "\(server) refused user '\(address.user)' (\(message)); check the user and password in the store address",
                    hint: .init(field: "database", suggestion: "postgres://USER:PASSWORD@HOST:\(address.port)/\(address.database)"))
            case State.uniqueViolation:
                // A constraint caught what another writer stored at the same moment.
                return .duplicate(nil, "\(message) (stored meanwhile by another writer); nothing of this write was stored")
            case State.missingDatabase:
                return .storage(
                    "\(server) has no database '\(address.database)'; create it (createdb \(address.database), or CREATE DATABASE in psql) or name another"
                )
            default:
                return .storage("\(server): \(message)")
            }
        }
        switch error.code {
        case .connectionError:
            return .storage(
                "cannot reach \(server)\(reason(error.underlying)); is the server running and accepting connections there? "
                    + "Check the host and port in the store address")
        case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
            return .storage(
                "\(server) asks user '\(address.user)' for a password this address does not give (or one it cannot use); write it as USER:PASSWORD@")
        case .sslUnsupported:
            return .storage(
                "\(server) does not offer TLS, and the address requires it; use ?sslmode=disable on a trusted network", hint: .init(field: "database")
            )
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return .storage("the connection to \(server) was lost; nothing of the interrupted write was stored. Run the command again")
        default:
            return .storage("\(server): \(error.code)")
        }
    }

    /// A few words on why a connection failed ("connection refused"), from the system's
    /// error deep inside the driver's; empty when none is recognised.
    static func reason(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "" }
        let text = String(describing: underlying).lowercased()
        for (needle, words) in [
            ("refused", "connection refused"), ("timed out", "timed out"), ("timeout", "timed out"),
            ("no such file", "no socket there"), ("unreachable", "network unreachable"), ("resolve", "unknown host"),
            ("name or service not known", "unknown host"),
        ] where text.contains(needle) {
            return " (\(words))"
        }
        return ""
    }
}
