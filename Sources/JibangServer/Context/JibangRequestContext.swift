public import Foundation
public import Hummingbird
import NIOCore
import NIOFoundationEssentialsCompat

/// What every request to Jibang's server carries: the largest body it may send, how JSON
/// bodies are read and answers written (the CLI's JSON, byte for byte), and how forms are read.
public struct JibangRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    /// The connected peer's address (a sign-in's rate limit counts per client).
    public let peer: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }

    /// Largest accepted request body: 64 KiB (a milestone with its sources fits many times over).
    public var maxUploadSize: Int { 64 * 1024 }
    public var requestDecoder: JSONDecoder { JSONDecoder() }
    public var responseEncoder: JibangJSONEncoder { JibangJSONEncoder() }
    /// For the review page's form posts.
    public var formDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }
}

/// Writes answers as the CLI's `--format json` does: snake_case keys, sorted, pretty.
public struct JibangJSONEncoder: ResponseEncoder {
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(value)
    }
}

extension JibangRequestContext {
    /// A path parameter, percent-decoded (`/sites/Kangdong%20County` gives "Kangdong County",
    /// `/sites/%EA%B0%95%EB%8F%99` gives "강동").
    func pathText(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        guard let decoded = raw.removingPercentEncoding else { throw APIError.badRequest("the address has a broken percent escape: \(raw)") }
        return decoded
    }

    /// The request body, at most `maxUploadSize` bytes (413 beyond).
    func body(of request: Request) async throws -> ByteBuffer {
        do { return try await request.body.collect(upTo: maxUploadSize) } catch {
            throw APIError(status: .contentTooLarge, error: "too_large", detail: "the request body is limited to \(maxUploadSize / 1024) KiB")
        }
    }

    /// A JSON body, with a message that names the missing or mistyped field.
    func decode<T: Decodable>(_ request: Request, as _: T.Type = T.self) async throws -> T {
        try decodeJSON(try await body(of: request))
    }

    /// A JSON body when one was sent, nil for an empty body.
    func optionalBody<T: Decodable>(_ request: Request, as _: T.Type = T.self) async throws -> T? {
        let buffer = try await body(of: request)
        return buffer.readableBytes == 0 ? nil : try decodeJSON(buffer) as T
    }

    /// An application/x-www-form-urlencoded body.
    func form<T: Decodable>(_ request: Request, as _: T.Type = T.self) async throws -> T {
        let buffer = try await body(of: request)
        do { return try formDecoder.decode(T.self, from: String(buffer: buffer)) } catch {
            throw APIError.badRequest("the form is not what this page sends: \(type(of: error))")
        }
    }

    func decodeJSON<T: Decodable>(_ buffer: ByteBuffer) throws -> T {
        do {
            return try requestDecoder.decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("the JSON body lacks the field \(key.stringValue)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError.badRequest("the JSON body's field \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch {
            throw APIError.badRequest("the body is not the JSON expected: \(type(of: error))")
        }
    }
}
