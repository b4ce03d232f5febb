import Foundation
import HTTPTypes
import Hummingbird

/// Holds API requests to the OpenAPI document where the router alone would not:
///
/// - a method the API does not take at an address it has answers 405 Method Not Allowed with
///   `Allow` (the router answers 404 for any unmatched method);
/// - a query parameter given twice, unless the document declares it an array, or given empty,
///   answers 400 (a server that took the first value would silently ignore the others).
///
/// The addresses, methods and parameters are read from the document, so they cannot disagree.
struct ContractMiddleware<Context: RequestContext>: RouterMiddleware {
    struct Operation {
        /// Query parameter names, and whether each is an array (may repeat).
        let parameters: [String: Bool]
    }

    struct Route {
        /// The path as segments; `{id}` matches any one segment.
        let segments: [Substring]
        let operations: [String: Operation]
    }

    let routes: [Route]
    let prefix: String

    init(openAPI document: String, prefix: String = "/api/v1") {
        self.prefix = prefix
        let paths = ((try? JSONSerialization.jsonObject(with: Data(document.utf8))) as? [String: Any])?["paths"] as? [String: [String: Any]] ?? [:]
        let verbs: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        routes = paths.map { path, operations in
            var byMethod: [String: Operation] = [:]
            for (verb, value) in operations where verbs.contains(verb) {
                var parameters: [String: Bool] = [:]
                for parameter in (value as? [String: Any])?["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "query" {
                    guard let name = parameter["name"] as? String else { continue }
                    parameters[name] = (parameter["schema"] as? [String: Any])?["type"] as? String == "array"
                }
                byMethod[verb.uppercased()] = Operation(parameters: parameters)
            }
            return Route(segments: path.split(separator: "/"), operations: byMethod)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let matching = matches(request.uri.path)
        if let operation = matching.lazy.compactMap({ $0.operations[request.method.rawValue] }).first {
            try check(FormQuery(request), against: operation)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = Array(Set(matching.flatMap(\.operations.keys))).sorted()
            guard !methods.isEmpty, !methods.contains(request.method.rawValue) else { throw error }
            throw APIError(
                status: .methodNotAllowed, error: "method_not_allowed",
                detail: "\(request.method.rawValue) is not taken here; this address takes \(methods.joined(separator: ", "))",
                allow: methods.joined(separator: ", "))
        }
    }

    /// The API routes `path` matches (none outside the API).
    func matches(_ path: String) -> [Route] {
        guard path.hasPrefix(prefix + "/") else { return [] }
        let segments = path.dropFirst(prefix.count).split(separator: "/")
        return routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in template.hasPrefix("{") || template == segment }
        }
    }

    func check(_ query: FormQuery, against operation: Operation) throws {
        var seen: [String: Int] = [:]
        for (name, value) in query.pairs {
            guard let isArray = operation.parameters[name] else { continue }
            if value.isEmpty {
                throw APIError.badRequest("\(name)= is empty: give it a value (or leave it out where it is optional)")
            }
            seen[name, default: 0] += 1
            if !isArray, seen[name]! > 1 {
                throw APIError.badRequest("\(name) is given more than once; it takes one value")
            }
        }
    }
}
