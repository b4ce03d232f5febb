import Foundation
import HTTPTypes
import Hummingbird
import JibangCore
import Synchronization

/// The review desk's sign-in cookie: HTTP-only, SameSite=Strict, `Secure` when the browser
/// reached the server over HTTPS (directly, or through a reverse proxy the operator trusts).
enum SessionCookie {
    static let name = "jibang_session"
    /// The sign-in form's own CSRF token, set when the form is shown: a sign-in posted from
    /// another site lacks it (the cookie is SameSite=Strict) and is refused.
    static let signInName = "jibang_signin"

    /// The cookie's secret, when the request carries one.
    static func secret(of request: Request) -> String? {
        request.cookies[name].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the browser's connection was HTTPS: `X-Forwarded-Proto: https` (or
    /// `Forwarded: proto=https`) counts only from a proxy the operator declared trusted.
    static func isHTTPS(_ request: Request, trustProxy: Bool) -> Bool {
        if request.head.scheme == "https" { return true }
        guard trustProxy else { return false }
        if let proto = request.headers[HTTPField.Name("X-Forwarded-Proto")!], proto.lowercased().hasPrefix("https") { return true }
        if let forwarded = request.headers[HTTPField.Name("Forwarded")!], forwarded.lowercased().contains("proto=https") { return true }
        return false
    }

    /// Sets the session's cookie on `response`.
    static func set(_ secret: String, lifetime: TimeInterval, secure: Bool, on response: inout Response) {
        response.setCookie(Cookie(name: name, value: secret, maxAge: Int(lifetime), path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Sets the sign-in form's token cookie (ten minutes to sign in).
    static func setSignIn(_ value: String, secure: Bool, on response: inout Response) {
        response.setCookie(Cookie(name: signInName, value: value, maxAge: 600, path: "/signin", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Clears the cookie (signing out).
    static func clear(secure: Bool, on response: inout Response) {
        response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// The address a sign-in attempt comes from, for the rate limit: the first
    /// `X-Forwarded-For` hop behind a trusted proxy, else the connection's peer.
    static func client(_ request: Request, peer: String?, trustProxy: Bool) -> String {
        if trustProxy, let hops = request.headers[HTTPField.Name("X-Forwarded-For")!],
            let first = hops.split(separator: ",").first?.trimmingCharacters(in: .whitespaces), !first.isEmpty
        {
            return first
        }
        return peer ?? "unknown"
    }
}

/// The signed-in session of the request being served, set by `AccessMiddleware`.
enum RequestSession {
    @TaskLocal static var current: WebSession?
    /// The cookie's secret behind `current` (to sign out).
    @TaskLocal static var secret: String?
}

/// Sign-in attempts: at most `perClient` failures per client and `overall` failures in all
/// per `window`; beyond that, sign-in answers 429 until the window passes.
final class SignInLimiter: Sendable {
    let window: TimeInterval
    let perClient: Int
    let overall: Int
    private let failures = Mutex<[(client: String, at: Date)]>([])

    init(window: TimeInterval = 60, perClient: Int = 5, overall: Int = 50) {
        self.window = window
        self.perClient = perClient
        self.overall = overall
    }

    /// Seconds to wait before `client` may try again, or nil when it may try now.
    func wait(for client: String, now: Date = Date()) -> Int? {
        failures.withLock { list in
            list.removeAll { now.timeIntervalSince($0.at) >= window }
            let mine = list.filter { $0.client == client }
            guard mine.count >= perClient || list.count >= overall else { return nil }
            let oldest = (mine.count >= perClient ? mine : list).map(\.at).min() ?? now
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    func recordFailure(of client: String, now: Date = Date()) {
        failures.withLock { $0.append((client, now)) }
    }
}
