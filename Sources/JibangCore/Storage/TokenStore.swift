public import Foundation
public import JibangBase

/// Who may write through the HTTP API: editors add sites, milestones and sources and review
/// evidence; admins may also manage tokens.
public enum TokenRole: String, Sendable, Codable, CaseIterable {
    /// Reads a `--private` server.
    case viewer
    /// Adds, edits, retracts and reviews.
    case editor
    /// An editor who also manages tokens and reads the audit trail.
    case admin

    /// True for the roles that may write.
    public var canWrite: Bool { self != .viewer }
}

/// A stored token, without its secret.
public struct TokenInfo: Sendable, Codable, Equatable {
    public let id: Int64
    public let role: TokenRole
    public let label: String?
    public let created: Date
    public let revoked: Date?

    public init(id: Int64, role: TokenRole, label: String?, created: Date, revoked: Date?) {
        self.id = id
        self.role = role
        self.label = label
        self.created = created
        self.revoked = revoked
    }
}

/// Where API tokens live: only a token's SHA-256 is stored, never its secret.
public protocol TokenStore: Sendable {
    /// Creates a token and returns its secret, which is shown once.
    func createToken(role: TokenRole, label: String?) async throws(JibangError) -> String
    /// The role of a valid (known, not revoked) token, or nil.
    func role(ofToken secret: String) async throws(JibangError) -> TokenRole?
    /// A valid token's id, role and label, or nil: who is writing, for the audit trail.
    func token(ofSecret secret: String) async throws(JibangError) -> TokenInfo?
    /// Every token, newest first, without secrets.
    func tokens() async throws(JibangError) -> [TokenInfo]
    /// Revokes a token by id; its secret stops working at once. `not_found` for an unknown or revoked id.
    func revokeToken(id: Int64) async throws(JibangError)
}

extension TokenStore {
    /// Creates a token without a label.
    public func createToken(role: TokenRole) async throws(JibangError) -> String { try await createToken(role: role, label: nil) }
}
