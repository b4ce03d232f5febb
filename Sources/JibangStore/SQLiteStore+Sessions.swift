public import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: SessionStore {
    public func startSession(
        tokenSecret: String, lifetime: TimeInterval
    ) async throws(JibangError) -> (
        secret: String, session: WebSession
    )? {
        guard let token = try await token(ofSecret: tokenSecret) else { return nil }
        let new = NewSession(lifetime: lifetime)
        let id = try await run {
            try writer.write { db in
                // Expired sessions are swept as new ones start.
                try db.execute(sql: "DELETE FROM web_session WHERE expires < ?", arguments: [new.created])
                try db.execute(
                    sql: "INSERT INTO web_session (hash, token_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                    arguments: [new.hash, token.id, new.csrf, new.created, new.expires])
                return db.lastInsertedRowID
            }
        }
        return (new.secret, new.session(id: id, token: token))
    }

    public func session(ofSecret secret: String) async throws(JibangError) -> WebSession? {
        try await run {
            try writer.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.id, s.csrf, s.expires, s.last_decision, t.id, t.role, t.label, t.created
                        FROM web_session s JOIN api_token t ON t.id = s.token_id
                        WHERE s.hash = ? AND s.expires > ? AND t.revoked IS NULL
                        """, arguments: [Self.tokenHash(secret), Date()]
                ).map {
                    WebSession(
                        id: $0[0],
                        token: TokenInfo(id: $0[4], role: TokenRole(rawValue: $0[5]) ?? .viewer, label: $0[6], created: $0[7], revoked: nil),
                        csrf: $0[1], expires: $0[2], lastDecision: $0[3])
                }
            }
        }
    }

    public func endSession(ofSecret secret: String) async throws(JibangError) {
        try await run {
            try writer.write { db in try db.execute(sql: "DELETE FROM web_session WHERE hash = ?", arguments: [Self.tokenHash(secret)]) }
        }
    }

    public func setLastDecision(session id: Int64, _ decision: String?) async throws(JibangError) {
        try await run {
            try writer.write { db in try db.execute(sql: "UPDATE web_session SET last_decision = ? WHERE id = ?", arguments: [decision, id]) }
        }
    }
}
