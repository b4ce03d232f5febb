import Foundation
import Hummingbird

/// A request's query string read as HTML forms write it (application/x-www-form-urlencoded):
/// `+` is a space and `%HH` a byte, so `outlet=New+Year+address` from a form and
/// `outlet=New%20Year%20address` from a script mean the same. Hummingbird's
/// `uri.queryParameters` keeps `+` as it is, so the API and the pages read queries here.
struct FormQuery: Sendable {
    /// Name and value pairs in request order; a name may repeat.
    let pairs: [(name: String, value: String)]

    init(_ request: Request) { self.init(request.uri.query ?? "") }

    init(_ query: String) {
        pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value of `name`.
    func get(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func getAll(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// `+` as a space, then percent-decoding; text that is not valid percent-encoding is kept as written.
    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
