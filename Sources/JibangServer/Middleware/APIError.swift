import Foundation
import HTTPTypes
import Hummingbird
import JibangBase
import JibangCore
import JibangCorpus
import NIOCore

/// An error as the API reports it: `{error, detail, hint?}` with the right status code. No
/// stack traces, no SQL: only the message written for users, and what to change as a field of
/// the request.
struct APIError: Error {
    let status: HTTPResponse.Status
    let error: String
    let detail: String
    let hint: JibangError.Hint?
    /// The `Allow` header of a 405.
    var allow: String? = nil

    static func badRequest(_ detail: String) -> APIError { APIError(status: .badRequest, error: "bad_request", detail: detail) }
    static func notFound(_ detail: String) -> APIError { APIError(status: .notFound, error: "not_found", detail: detail) }
    static let unauthorized = APIError(
        status: .unauthorized, error: "unauthorized",
        detail: "this request needs a valid token: send Authorization: Bearer <token> (create one with `jibang token create --role editor`)")

    /// Any error, mapped: our error values keep their message and hint; anything else is a 500 without details.
    init(_ error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as JibangError:
            let status = Self.status(of: error.code)
            self.init(
                status: status, error: error.code.rawValue,
                detail: status == .internalServerError ? "the store could not be read or written" : "\(error)",
                hint: status == .internalServerError ? nil : error.hint)
        case let error as HTTPError:
            let name = error.status == .notFound ? "not_found" : error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let detail =
                error.status == .notFound
                ? "there is no such address; the API is described at /api/v1/openapi.json" : error.body ?? error.status.reasonPhrase
            self.init(status: error.status, error: name, detail: detail)
        default:
            self.init(status: .internalServerError, error: "internal", detail: "an unexpected error; the server log has the details")
        }
    }

    init(status: HTTPResponse.Status, error: String, detail: String, hint: JibangError.Hint? = nil, allow: String? = nil) {
        self.status = status
        self.error = error
        self.detail = detail
        self.hint = hint
        self.allow = allow
    }

    /// The HTTP status an error code answers with: the request's fault (400, 404, 409, 422)
    /// or the server's (500).
    static func status(of code: JibangError.Code) -> HTTPResponse.Status {
        switch code {
        case .notFound: .notFound
        case .duplicate, .conflict: .conflict
        case .storage: .internalServerError
        case .invalidQuery: .badRequest
        default: .unprocessableContent
        }
    }

    /// The body: `{"error": CODE, "detail": MESSAGE, "hint": {"field", "suggestion"}}`, hint only when there is one.
    struct Body: Encodable {
        let error: String
        let detail: String
        let hint: JibangError.Hint?
    }

    var response: Response {
        var response = JSONResponse.make(Body(error: error, detail: detail, hint: hint), status: status)
        if let allow { response.headers[.allow] = allow }
        return response
    }
}

/// JSON responses in the CLI's encoding (snake_case keys, sorted, pretty), so API and
/// `--format json` match byte for byte.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        text(ProgrammeJSON.encode(value), status: status)
    }

    static func text(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}
