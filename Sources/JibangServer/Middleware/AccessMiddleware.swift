import Foundation
import HTTPTypes
import Hummingbird
import JibangCore
import Logging

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
            if isAPI && (writes || services.privateReads) || (!isAPI && services.privateReads) {
                guard token != nil else { throw APIError.unauthorized }
            }
            if isAPI && writes, let token, !token.role.canWrite {
                throw APIError(status: .forbidden, error: "forbidden", detail: "a viewer token reads only; writes need an editor or admin token")
            }
            // Writes made for this request are audited under its token.
            let actor = token.map(AuditActor.token) ?? .system
            return try await AuditActor.$current.withValue(actor) { try await next(request, context) }
        } catch {
            let apiError = APIError(error)
            if apiError.status == .internalServerError { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            var response = isAPI ? apiError.response : Page.error(apiError)
            if apiError.status == .unauthorized && !isAPI { response.headers[.wwwAuthenticate] = "Basic realm=\"Jibang\", charset=\"UTF-8\"" }
            return response
        }
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
