import Foundation
public import JibangBase

/// Where a store lives, as a user writes it: a file path (the embedded SQLite store, the
/// default) or a `postgres://` URL (a team's PostgreSQL server).
public enum StoreAddress: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads a path or a URL. Anything with a `scheme://` prefix is a URL; only `postgres` and
    /// `postgresql` are known, so a typo in the scheme is an error, never a file of that name.
    public init(parsing text: String) throws(JibangError) {
        guard let schemeEnd = text.range(of: "://") else {
            self = .sqlite(path: text)
            return
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw JibangError(
                .invalidInput, "'\(scheme)://' is not a store address Jibang knows: give a file path (SQLite) or a postgres:// URL",
                hint: .init(field: "database", suggestion: "postgres://USER:PASSWORD@HOST:5432/DATABASE"))
        }
        self = .postgres(try PostgresAddress(parsing: String(text[schemeEnd.upperBound...])))
    }

    /// The address as it may be shown: a PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let address): address.description
        }
    }
}

/// A PostgreSQL server and database, from a URL of the form libpq reads:
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=MODE`, or, for a Unix socket,
/// `postgres://USER@/DATABASE?host=/run/postgresql`.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (libpq's default).
        case prefer
        /// TLS or no connection.
        case require
    }

    /// A host name or address; nil with a socket directory.
    public var host: String?
    public var port: Int
    /// The folder holding the server's Unix socket (`.s.PGSQL.PORT`), when given as `host=/path`.
    public var socketDirectory: String?
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String?, port: Int = 5432, socketDirectory: String? = nil, user: String, password: String? = nil, database: String,
        tls: TLSMode = .prefer
    ) {
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses what follows `postgres://`. Every mistake names what was found and what is expected.
    init(parsing rest: String) throws(JibangError) {
        func invalid(_ message: String) -> JibangError {
            JibangError(.invalidInput, message, hint: .init(field: "database", suggestion: "postgres://USER:PASSWORD@HOST:5432/DATABASE"))
        }
        var remainder = Substring(rest)
        var query: [(String, String)] = []
        if let mark = remainder.firstIndex(of: "?") {
            for pair in remainder[remainder.index(after: mark)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let key = Self.decoded(parts[0]), let value = Self.decoded(parts[1]) else {
                    throw invalid("the URL's parameter '\(pair)' is not NAME=VALUE")
                }
                query.append((key, value))
            }
            remainder = remainder[..<mark]
        }
        var authority = remainder
        var path = Substring("")
        if let slash = remainder.firstIndex(of: "/") {
            authority = remainder[..<slash]
            path = remainder[remainder.index(after: slash)...]
        }
        var user: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decoded(parts[0]), !name.isEmpty else { throw invalid("the URL names no user before '@'") }
            user = name
            if parts.count == 2 {
                guard let secret = Self.decoded(parts[1]) else { throw invalid("the URL's password is not valid percent-encoding") }
                password = secret
            }
        }
        var host: String? = authority.isEmpty ? nil : String(authority)
        var port = 5432
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let text = authority[authority.index(after: colon)...]
            guard let number = Int(text), (1...65535).contains(number) else {
                throw invalid("the port '\(text)' is not a number from 1 to 65535")
            }
            port = number
            host = authority[..<colon].isEmpty ? nil : String(authority[..<colon])
        }
        if let bracketed = host, bracketed.hasPrefix("["), bracketed.hasSuffix("]") { host = String(bracketed.dropFirst().dropLast()) }
        guard let database = Self.decoded(path), !database.isEmpty, !database.contains("/") else {
            throw invalid("the URL names no database: add /DATABASE after the host")
        }
        var socketDirectory: String?
        var tls = TLSMode.prefer
        for (key, value) in query {
            switch key {
            case "host" where value.hasPrefix("/"): socketDirectory = value
            case "host": host = value
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else {
                    throw invalid("the port '\(value)' is not a number from 1 to 65535")
                }
                port = number
            case "user": user = value
            case "password": password = value
            case "sslmode":
                switch value {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require", "verify-ca", "verify-full": tls = .require
                default: throw invalid("sslmode '\(value)' is not one of disable, prefer, require")
                }
            default:
                throw invalid("the URL's parameter '\(key)' is not one Jibang reads (host, port, user, password, sslmode)")
            }
        }
        guard host != nil || socketDirectory != nil else {
            throw invalid("the URL names no host: write HOST[:PORT] after '//' (or ?host=/socket/folder for a Unix socket)")
        }
        guard let user else { throw invalid("the URL names no user: write USER@ (or USER:PASSWORD@) before the host") }
        self.init(host: host, port: port, socketDirectory: socketDirectory, user: user, password: password, database: database, tls: tls)
    }

    /// The URL with the password masked, for messages and logs.
    public var description: String {
        let credentials = password == nil ? user : "\(user):***"
        if let socketDirectory { return "postgres://\(credentials)@/\(database)?host=\(socketDirectory)&port=\(port)" }
        let name = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
        return "postgres://\(credentials)@\(name):\(port)/\(database)"
    }

    /// Percent-decodes a URL part; nil when it is not valid percent-encoding.
    static func decoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
