public import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: TokenStore {
    /// Creates a token and returns its secret, which is shown once: only its SHA-256 is stored.
    public func createToken(role: TokenRole, label: String?) async throws(JibangError) -> String {
        let secret = "jb_" + SecretToken.make()
        try await run {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT INTO api_token (hash, role, label, created) VALUES (?, ?, ?, ?)",
                    arguments: [Self.tokenHash(secret), role.rawValue, label, Date()])
                try Self.audit(
                    db, "token-create", "token", String(db.lastInsertedRowID),
                    after: .object(["role": .string(role.rawValue), "label": label.map(JSONValue.string) ?? .null]))
            }
        }
        return secret
    }

    /// The role of a valid (known, not revoked) token, or nil.
    public func role(ofToken secret: String) async throws(JibangError) -> TokenRole? {
        try await run {
            try writer.read { db in
                try String.fetchOne(db, sql: "SELECT role FROM api_token WHERE hash = ? AND revoked IS NULL", arguments: [Self.tokenHash(secret)])
                    .flatMap(TokenRole.init(rawValue:))
            }
        }
    }

    public func token(ofSecret secret: String) async throws(JibangError) -> TokenInfo? {
        try await run {
            try writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, role, label, created, revoked FROM api_token WHERE hash = ? AND revoked IS NULL",
                    arguments: [Self.tokenHash(secret)]
                ).map { TokenInfo(id: $0[0], role: TokenRole(rawValue: $0[1]) ?? .editor, label: $0[2], created: $0[3], revoked: $0[4]) }
            }
        }
    }

    /// Every token, newest first, without secrets.
    public func tokens() async throws(JibangError) -> [TokenInfo] {
        try await run {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT id, role, label, created, revoked FROM api_token ORDER BY id DESC").map {
                    TokenInfo(id: $0[0], role: TokenRole(rawValue: $0[1]) ?? .editor, label: $0[2], created: $0[3], revoked: $0[4])
                }
            }
        }
    }

    /// Revokes a token by id; its secret stops working at once.
    public func revokeToken(id: Int64) async throws(JibangError) {
        try await run {
            try writer.write { db in
                try db.execute(sql: "UPDATE api_token SET revoked = ? WHERE id = ? AND revoked IS NULL", arguments: [Date(), id])
                if db.changesCount == 0 { throw JibangError.notFound("no active token #\(id)", subject: "token #\(id)") }
                // Its browsers are signed out too.
                try db.execute(sql: "DELETE FROM web_session WHERE token_id = ?", arguments: [id])
                try Self.audit(db, "token-revoke", "token", String(id))
            }
        }
    }

    static func tokenHash(_ secret: String) -> String { SecretToken.digest(secret) }

    /// The SHA-256 of `data` in lower-case hex: the fingerprint an import's audit entry keeps.
    public static func sha256(_ data: Data) -> String {
        SHA256Hex.of(data)
    }
}
