import Foundation

/// An application/x-www-form-urlencoded body as name–value pairs, in order: what a plain
/// HTML form posts. Repeated names (a bulk selection's groups) are kept.
struct FormFields {
    let pairs: [(name: String, value: String)]

    init(_ body: String) {
        pairs = body.split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring?) -> String {
                guard let text else { return "" }
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(pieces.first), decode(pieces.count > 1 ? pieces[1] : nil))
        }
    }

    /// The first value of `name`, or nil.
    func first(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The first non-empty value of `name`, trimmed, or nil.
    func given(_ name: String) -> String? {
        let text = first(name)?.trimmingCharacters(in: .whitespaces)
        return text?.isEmpty == false ? text : nil
    }
}
