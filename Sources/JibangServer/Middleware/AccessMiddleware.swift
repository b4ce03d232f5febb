import Foundation
import HTTPTypes
import Hummingbird
import JibangCore
import Logging
import NIOCore

/// The gate in front of every route: size limits, the bearer token for writes (and for reads
/// with `--private`), and errors rendered as JSON under `/api` and as a page elsewhere.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let services: JibangServices
    /// Longest accepted request target (path and query).
    static var maxURILength: Int { 4096 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        do {
            guard request.uri.description.utf8.count <= Self.maxURILength else {
                throw APIError(
                    status: .uriTooLong, error: "uri_too_long",
                    detail: "the request target is longer than \(Self.maxURILength) bytes; shorten the query")
            }
            let writes = [.post, .put, .patch, .delete].contains(request.method)
            let token = try await self.token(of: request)
            let secret = SessionCookie.secret(of: request)
            var session: WebSession?
            if !isAPI, let secret { session = try await services.store.session(ofSecret: secret) }
            // On a private server, the sign-in page (and the desk's script) open without a token:
            // signing in there is how a browser gets a session.
            let signInPath = ["/signin", "/assets/desk.js"].contains(request.uri.path)
            if isAPI && (writes || services.privateReads) || (!isAPI && services.privateReads && session == nil && !signInPath) {
                guard token != nil else { throw APIError.unauthorized }
            }
            if isAPI && writes, let token, !token.role.canWrite {
                throw APIError(status: .forbidden, error: "forbidden", detail: "a viewer token reads only; writes need an editor or admin token")
            }
            var request = request
            if !isAPI && writes && request.uri.path != "/signin" {
                try await Self.checkForm(&request, session: session, maxSize: 64 * 1024)
            }
            // Writes made for this request are audited under its token (a form's: its session's).
            let actor = (!isAPI ? session?.token : nil).map(AuditActor.token) ?? token.map(AuditActor.token) ?? .system
            return try await RequestSession.$current.withValue(session) {
                try await RequestSession.$secret.withValue(session == nil ? nil : secret) {
                    try await AuditActor.$current.withValue(actor) { try await next(request, context) }
                }
            }
        } catch {
            let apiError = APIError(error)
            if apiError.status == .internalServerError { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            var response = isAPI ? apiError.response : Page.error(apiError)
            if apiError.status == .unauthorized && !isAPI { response.headers[.wwwAuthenticate] = "Basic realm=\"Jibang\", charset=\"UTF-8\"" }
            return response
        }
    }

    /// A page's form post changes the record only from a signed-in session of a writer, and
    /// only with the session's CSRF token among its fields: 403 otherwise, before any handler runs.
    static func checkForm(_ request: inout Request, session: WebSession?, maxSize: Int) async throws {
        guard let session else {
            throw APIError(
                status: .forbidden, error: "forbidden", detail: "sign in first (at /signin): forms change the record only from a signed-in session")
        }
        guard session.token.role.canWrite else {
            throw APIError(
                status: .forbidden, error: "forbidden", detail: "a viewer token reads only; decisions and corrections need an editor or admin token")
        }
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxSize) } catch {
            throw APIError(status: .contentTooLarge, error: "too_large", detail: "the request body is limited to \(maxSize / 1024) KiB")
        }
        let sent = FormFields(String(buffer: body)).first("csrf") ?? ""
        guard Self.constantTimeEqual(sent, session.csrf) else {
            throw APIError(
                status: .forbidden, error: "forbidden",
                detail: "the form's CSRF token is missing or out of date (signed in again elsewhere?); reload the page and send the form again")
        }
    }

    /// Compares secrets in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The request's valid token: `Bearer <token>`, or HTTP Basic with the token as the
    /// password (so a browser can open a `--private` server).
    func token(of request: Request) async throws -> TokenInfo? {
        guard let header = request.headers[.authorization] else { return nil }
        if header.hasPrefix("Bearer ") {
            return try await services.store.token(ofSecret: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
        }
        if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst("Basic ".count))),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            return try await services.store.token(ofSecret: String(pair[pair.index(after: colon)...]))
        }
        return nil
    }
}
