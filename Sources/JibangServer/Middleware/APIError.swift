import Foundation
import HTTPTypes
import Hummingbird
import JibangAnalytics
import JibangCore
import JibangCorpus
import NIOCore

/// An error as the API reports it: `{error, detail}` with the right status code. No stack
/// traces, no SQL: only the message written for users.
struct APIError: Error {
    let status: HTTPResponse.Status
    let error: String
    let detail: String

    static func badRequest(_ detail: String) -> APIError { APIError(status: .badRequest, error: "bad_request", detail: detail) }
    static func notFound(_ detail: String) -> APIError { APIError(status: .notFound, error: "not_found", detail: detail) }
    static let unauthorized = APIError(
        status: .unauthorized, error: "unauthorized",
        detail: "this request needs a valid token: send Authorization: Bearer <token> (create one with `jibang token create --role editor`)")

    /// Any error, mapped: our error values keep their message; anything else is a 500 without details.
    init(_ error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as JibangError:
            let status: HTTPResponse.Status =
                switch error.exitCode {
                case 66: .notFound
                case 74: .internalServerError
                default: error.code == "duplicate" ? .conflict : .unprocessableContent
                }
            self.init(
                status: status, error: error.code, detail: status == .internalServerError ? "the store could not be read or written" : "\(error)")
        case let error as QueryError:
            self.init(status: .badRequest, error: "invalid_query", detail: "\(error)")
        case let error as AnalyticsError:
            self.init(status: .unprocessableContent, error: "analysis_failed", detail: error.message)
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

    init(status: HTTPResponse.Status, error: String, detail: String) {
        self.status = status
        self.error = error
        self.detail = detail
    }

    var response: Response {
        JSONResponse.make(["error": error, "detail": detail], status: status)
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
