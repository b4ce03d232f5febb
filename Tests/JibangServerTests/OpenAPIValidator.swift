import Foundation

/// Checks a JSON value against the OpenAPI document's schemas: the subset it uses (type, with
/// "null" in type arrays; properties; required; items; enum; additionalProperties; $ref).
struct OpenAPIValidator: @unchecked Sendable {
    let document: [String: Any]

    init(_ text: String) throws {
        document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    /// The response schema for a path template, method and status code.
    func responseSchema(path: String, method: String, status: Int) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method.lowercased()] as? [String: Any], let responses = operation["responses"] as? [String: Any],
            var response = responses[String(status)] as? [String: Any]
        else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) }
        guard let content = response["content"] as? [String: Any], let json = content["application/json"] as? [String: Any] else { return nil }
        return json["schema"] as? [String: Any]
    }

    func resolve(_ ref: String) -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        return node as? [String: Any] ?? [:]
    }

    /// Problems found, as paths into the value; empty when it conforms.
    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String { return problems(value, resolve(ref), at: path) }
        var found: [String] = []
        let types: [String] = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), found \(type(of: value)) \(String(describing: value).prefix(60))"]
        }
        if let options = schema["enum"] as? [String], let text = value as? String, !options.contains(text) {
            found.append("\(path): \(text) is not one of \(options)")
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil { found.append("\(path).\(key): required") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let propertySchema = properties[key] as? [String: Any] {
                    found += problems(child, propertySchema, at: "\(path).\(key)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    found += problems(child, additional, at: "\(path).\(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(i)]") }
        }
        return found
    }

    func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBool(value)
        case "integer": return !isBool(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !isBool(value) && value is NSNumber
        default: return true
        }
    }

    /// JSON true/false (Foundation bridges numbers to Bool, so the class name decides).
    func isBool(_ value: Any) -> Bool {
        #if canImport(Darwin)
        return (value as? NSNumber).map { CFGetTypeID($0) == CFBooleanGetTypeID() } ?? false
        #else
        return String(describing: type(of: value)) == "__NSCFBoolean"
        #endif
    }
}
