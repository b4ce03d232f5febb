public import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

// Tokens and sessions: who may write, and the browsers signed in with them.

extension PostgresStore: TokenStore {
    public func createToken(role: TokenRole, label: String?) async throws(JibangError) -> String {
        let secret = "jb_" + SecretToken.make()
        let hash = SecretToken.digest(secret)
        try await transaction { connection in
            let id = try await connection.rows(
                "INSERT INTO api_token (hash, role, label, created) VALUES (\(hash), \(role.rawValue), \(label), \(Date())) RETURNING id"
            ).first!.decode(Int64.self)
            try await Self.audit(
                connection, "token-create", "token", String(id),
                after: .object(["role": .string(role.rawValue), "label": label.map(JSONValue.string) ?? .null]))
        }
        return secret
    }

    public func role(ofToken secret: String) async throws(JibangError) -> TokenRole? {
        try await token(ofSecret: secret)?.role
    }

    public func token(ofSecret secret: String) async throws(JibangError) -> TokenInfo? {
        try await rows(
            "SELECT id, role, label, created, revoked FROM api_token WHERE hash = \(SecretToken.digest(secret)) AND revoked IS NULL"
        ).first.map(Self.tokenInfo)
    }

    public func tokens() async throws(JibangError) -> [TokenInfo] {
        try await rows("SELECT id, role, label, created, revoked FROM api_token ORDER BY id DESC").map(Self.tokenInfo)
    }

    public func revokeToken(id: Int64) async throws(JibangError) {
        try await transaction { connection in
            let revoked = try await connection.rows("UPDATE api_token SET revoked = \(Date()) WHERE id = \(id) AND revoked IS NULL RETURNING id")
            if revoked.isEmpty { throw JibangError.notFound("no active token #\(id)", subject: "token #\(id)") }
            // Its browsers are signed out too.
            try await connection.rows("DELETE FROM web_session WHERE token_id = \(id)")
            try await Self.audit(connection, "token-revoke", "token", String(id))
        }
    }

    static func tokenInfo(_ row: PostgresRow) throws(JibangError) -> TokenInfo {
        let (id, role, label, created, revoked) = try decode(row, as: (Int64, String, String?, Date, Date?).self)
        return TokenInfo(id: id, role: TokenRole(rawValue: role) ?? .viewer, label: label, created: created, revoked: revoked)
    }
}

extension PostgresStore: SessionStore {
    public func startSession(
        tokenSecret: String, lifetime: TimeInterval
    ) async throws(JibangError) -> (
        secret: String, session: WebSession
    )? {
        guard let token = try await token(ofSecret: tokenSecret) else { return nil }
        let new = NewSession(lifetime: lifetime)
        let id = try await transaction { connection in
            // Expired sessions are swept as new ones start.
            try await connection.rows("DELETE FROM web_session WHERE expires < \(new.created)")
            return try await connection.rows(
                """
                INSERT INTO web_session (hash, token_id, csrf, created, expires)
                VALUES (\(new.hash), \(token.id), \(new.csrf), \(new.created), \(new.expires))
                RETURNING id
                """
            ).first!.decode(Int64.self)
        }
        return (new.secret, new.session(id: id, token: token))
    }

    public func session(ofSecret secret: String) async throws(JibangError) -> WebSession? {
        guard
            let row = try await rows(
                """
                SELECT s.id, s.csrf, s.expires, s.last_decision, t.id, t.role, t.label, t.created
                FROM web_session s JOIN api_token t ON t.id = s.token_id
                WHERE s.hash = \(SecretToken.digest(secret)) AND s.expires > \(Date()) AND t.revoked IS NULL
                """
            ).first
        else { return nil }
        let (id, csrf, expires, decision, tokenID, role, label, created) = try Self.decode(
            row, as: (Int64, String, Date, String?, Int64, String, String?, Date).self)
        return WebSession(
            id: id, token: TokenInfo(id: tokenID, role: TokenRole(rawValue: role) ?? .viewer, label: label, created: created, revoked: nil),
            csrf: csrf, expires: expires, lastDecision: decision)
    }

    public func endSession(ofSecret secret: String) async throws(JibangError) {
        _ = try await rows("DELETE FROM web_session WHERE hash = \(SecretToken.digest(secret))")
    }

    public func setLastDecision(session id: Int64, _ decision: String?) async throws(JibangError) {
        _ = try await rows("UPDATE web_session SET last_decision = \(decision) WHERE id = \(id)")
    }
}

extension PostgresStore {
    /// Decodes a row's columns; a column of another type than expected is a storage error
    /// naming it (a schema this binary does not know), never a crash.
    static func decode<each Column: PostgresDecodable>(
        _ row: PostgresRow, as: (repeat each Column).Type
    ) throws(JibangError)
        -> (repeat each Column)
    {
        do { return try row.decode((repeat each Column).self) } catch {
            throw .storage("a stored row is not in the shape this jibang expects: \(String(describing: error).prefix(200))")
        }
    }
}
