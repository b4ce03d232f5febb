public import Foundation
public import JibangBase

/// A signed-in browser: the token it signed in with, the CSRF token its forms must carry, when
/// it expires, and its last review decision (for undo).
public struct WebSession: Sendable, Equatable {
    public let id: Int64
    public let token: TokenInfo
    public let csrf: String
    public let expires: Date
    /// The last decision, as the review desk wrote it (JSON), or nil.
    public let lastDecision: String?

    public init(id: Int64, token: TokenInfo, csrf: String, expires: Date, lastDecision: String?) {
        self.id = id
        self.token = token
        self.csrf = csrf
        self.expires = expires
        self.lastDecision = lastDecision
    }
}

/// Where web sessions live. Only a session secret's SHA-256 is stored; a session ends when it
/// expires, is signed out, or its token is revoked.
public protocol SessionStore: Sendable {
    /// Starts a session for a valid token's secret, lasting `lifetime`; nil (nothing stored)
    /// when the token is unknown or revoked. Returns the cookie's secret and the session.
    func startSession(tokenSecret: String, lifetime: TimeInterval) async throws(JibangError) -> (secret: String, session: WebSession)?
    /// The live session a cookie's secret names, or nil (unknown, expired, or its token revoked).
    func session(ofSecret secret: String) async throws(JibangError) -> WebSession?
    /// Ends the session a cookie's secret names (nothing when unknown).
    func endSession(ofSecret secret: String) async throws(JibangError)
    /// Keeps (or, with nil, clears) a session's last decision.
    func setLastDecision(session id: Int64, _ decision: String?) async throws(JibangError)
}

/// A session about to be stored: its cookie's secret (only the `hash` is kept), its CSRF token
/// and its times. Made in one place for every engine.
public struct NewSession: Sendable {
    public let secret: String
    public let hash: String
    public let csrf: String
    public let created: Date
    public let expires: Date

    public init(lifetime: TimeInterval, now: Date = Date()) {
        secret = SecretToken.make()
        hash = SecretToken.digest(secret)
        csrf = SecretToken.make()
        created = now
        expires = now.addingTimeInterval(lifetime)
    }

    /// The stored session, once the store gave it an id.
    public func session(id: Int64, token: TokenInfo) -> WebSession {
        WebSession(id: id, token: token, csrf: csrf, expires: expires, lastDecision: nil)
    }
}
