import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JibangCore
import JibangStore
import JibangTestSupport
import NIOFoundationEssentialsCompat
import Testing

/// Issue 17, part 2: random requests to every route the OpenAPI document lists, and to the
/// pages, with mutated parameters and bodies. The properties: no 5xx, and every API error is
/// `{error, detail}` saying what was wrong. `JIBANG_TEST_SEED=N` replays a run.
@Suite struct HTTPFuzzTests {
    static let seed: UInt64 = 20_261_132
    static let requests = 500

    /// A typical value for each parameter or body field, which the fuzzer then mutates.
    static let examples: [String: [String]] = [
        "q": ["regional-economy", "지방공업|지방경제", "Unsan", "\"regional industry\" -military"], "a": ["regional-economy"],
        "b": ["defence-industry"], "year": ["2024", "2025"], "province": ["South Phyongan", "평안북도"],
        "min_grade": ["state-media", "relay"], "as_of": ["2025-06-30"], "stall_months": ["12"], "status": ["completed", "pending"],
        "page": ["1", "2"], "per_page": ["10"], "phase": ["stalled", "inaugurated"], "role": ["wave", "associated"],
        "id": ["Kimhwa", "KP0310", "1", "2"], "format": ["json", "csv"], "by": ["year", "month", "week"],
        "measure": ["mentions", "share", "articles"], "outlet": ["KCNA", "new year address"], "from": ["2015", "2019-01"],
        "to": ["2024", "2024-12-31"], "limit": ["3", "50"], "lag": ["3"], "value": ["count", "share"], "smooth": ["3"],
        "outlet_a": ["KCNA"], "outlet_b": ["new year address"], "event": ["groundbreaking", "inauguration"], "since": ["2026-01-01"],
        "entity": ["milestone", "site"], "seed": ["7"], "runs": ["200"], "place": ["Kimhwa"], "stage": ["2025"],
        "date": ["2025-03-01", "2025-03"], "url": ["https://kcnawatch.org/x"], "reason": ["a reason"], "label": ["GDP"],
        "period": ["2019"], "unit": ["US$"], "source": ["https://example.org"], "note": ["n"], "facilities": ["factory"],
    ]

    struct Route {
        let method: HTTPRequest.Method
        let path: String
        let parameters: [String]
        let bodyFields: [String]
    }

    static func routes() throws -> [Route] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ServerTests.openAPIURL())) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]) ?? [:]
        var routes: [Route] = []
        for (path, operations) in paths.sorted(by: { $0.key < $1.key }) {
            for (method, value) in operations.sorted(by: { $0.key < $1.key }) {
                guard let operation = value as? [String: Any], let verb = HTTPRequest.Method(method.uppercased()) else { continue }
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                var fields: [String] = []
                if let body = (((operation["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any])?[
                    "schema"] as? [String: Any]
                {
                    let schema = (body["$ref"] as? String).flatMap { schemas[String($0.split(separator: "/").last!)] } ?? body
                    fields = ((schema["properties"] as? [String: Any]) ?? [:]).keys.sorted()
                }
                routes.append(Route(method: verb, path: path, parameters: parameters, bodyFields: fields))
            }
        }
        return routes
    }

    static let pages = ["/", "/sites", "/sites/{id}", "/trend", "/compare", "/kwic", "/review", "/releases", "/corpus", "/corpus/changes"]

    mutating func value(_ name: String, _ fuzz: inout Fuzz) -> String {
        let example = fuzz.pick(Self.examples[name] ?? ["x"])
        return fuzz.chance(30) ? example : fuzz.mutate(example)
    }

    @Test mutating func randomRequestsGetNo5xx() async throws {
        let (app, path, dir) = try await ServerTests().app()
        defer { dir.remove() }
        let token = try await SQLiteStore.open(path: path).createToken(role: .editor)
        let routes = try Self.routes()
        try #require(routes.count > 20)
        var fuzz = Fuzz(seed: Self.seed)
        var planned: [(HTTPRequest.Method, String, String?)] = []
        for _ in 0..<Self.requests {
            let page = fuzz.chance(15)
            let route =
                page
                ? Route(method: .get, path: fuzz.pick(Self.pages), parameters: ["q", "a", "b", "by", "id", "year"], bodyFields: [])
                : fuzz.pick(routes)
            var uri = (page ? "" : "/api/v1") + route.path
            if let open = uri.range(of: "{id}") {
                let id =
                    value("id", &fuzz).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%")))
                    ?? "x"
                uri.replaceSubrange(open, with: id.isEmpty ? "x" : id)
            }
            let query = route.parameters.filter { $0 != "id" && fuzz.chance(60) }.map { name in
                name + "=" + (value(name, &fuzz).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            if !query.isEmpty { uri += "?" + query.joined(separator: "&") }
            var body: String?
            if route.method != .get {
                if fuzz.chance(25) {
                    body = fuzz.mutate(#"{"place": "Kimhwa", "stage": "2025", "event": "inauguration", "date": "2025-03"}"#)
                } else {
                    var object: [String: Any] = [:]
                    for field in route.bodyFields where fuzz.chance(70) {
                        object[field] = fuzz.chance(10) ? fuzz.int(-5...99_999) : value(field, &fuzz)
                    }
                    body = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
                }
            }
            planned.append((route.method, uri, body))
        }
        let seed = fuzz.seed
        let requests = planned
        try await app.test(.router) { client in
            for (method, uri, body) in requests {
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[.authorization] = "Bearer \(token)"
                try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status.code < 500, "seed \(seed): \(method) \(uri) \(body ?? "") answered \(response.status.code)")
                    guard uri.hasPrefix("/api/"), response.status.code >= 400 else { return }
                    let object = try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    let error = object?["error"] as? String ?? ""
                    let detail = object?["detail"] as? String ?? ""
                    #expect(!error.isEmpty && !detail.isEmpty, "seed \(seed): \(method) \(uri): \(String(buffer: response.body))")
                }
            }
        }
    }
}
