import Foundation

/// The OpenAPI 3.1 description of the API: the bundled document, with what depends on the
/// store filled in when it is served.
///
/// The outlet filters (`outlet`, `outlet_a`, `outlet_b`) accept only outlets the corpus has
/// (any case), so the served document lists them as an `enum`: the document states exactly
/// what the server accepts, and API fuzzers draw real outlets. With an empty corpus no outlet
/// is accepted, and the schema says so (`not: {}`).
enum OpenAPIDocument {
    /// Compiled in (EmbedResources); `{}` rather than a crash if a build ever lacks it.
    static let text: String = EmbeddedResources.files["openapi.json"] ?? "{}"

    /// The query parameters whose values must be outlets of the corpus.
    static let outletParameters: Set<String> = ["outlet", "outlet_a", "outlet_b"]

    /// The document with `outlets` as the outlet parameters' allowed values.
    static func serving(outlets: [String]) -> String {
        guard var document = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
            var paths = document["paths"] as? [String: Any]
        else { return text }
        let allowed: [String: Any] = outlets.isEmpty ? ["not": [String: Any]()] : ["enum": outlets]
        for (path, item) in paths {
            guard var operations = item as? [String: Any] else { continue }
            for (method, value) in operations {
                guard var operation = value as? [String: Any], let parameters = operation["parameters"] as? [[String: Any]] else { continue }
                operation["parameters"] = parameters.map { parameter in
                    guard let name = parameter["name"] as? String, outletParameters.contains(name),
                        var schema = parameter["schema"] as? [String: Any]
                    else { return parameter }
                    var parameter = parameter
                    if var items = schema["items"] as? [String: Any] {
                        items.merge(allowed) { $1 }
                        schema["items"] = items
                    } else {
                        schema.merge(allowed) { $1 }
                    }
                    parameter["schema"] = schema
                    return parameter
                }
                operations[method] = operation
            }
            paths[path] = operations
        }
        document["paths"] = paths
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return text
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
