public import Foundation

/// Times a wording was seen, as the store keeps them: ISO 8601 in UTC to the second
/// (`2024-10-06T09:30:00Z`), so that text order is time order.
public enum ObservedTime {
    /// `text` as a stored time, or nil when it is not a time: ISO 8601 with or without a
    /// zone (none means UTC), a `T` or a space between date and time, a bare date (its
    /// midnight, UTC), or epoch seconds or milliseconds.
    public static func parse(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let number = Double(text) {
            return string(Date(timeIntervalSince1970: text.count >= 12 ? number / 1000 : number))
        }
        var iso = text.replacingOccurrences(of: " ", with: "T")
        if iso.count == 10 { iso += "T00:00:00Z" }
        if iso.count >= 19, !iso.hasSuffix("Z"), !iso.dropFirst(19).contains(where: { $0 == "+" || $0 == "-" }) { iso += "Z" }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: iso) { return string(date) }
        }
        return nil
    }

    /// `text` as a stored time when it is an ISO 8601 date (2024-10-06) or date and time
    /// (2024-10-06T09:30:00Z, with a zone or none); nil for anything else, epoch numbers
    /// included. What the API takes, as its OpenAPI document says.
    public static func parseISO(_ text: String) -> String? {
        let isDate = text.count == 10 && text.filter { $0 == "-" }.count == 2
        let isDateTime = text.count >= 19 && text.dropFirst(10).first == "T"
        guard isDate || isDateTime, text.first?.isNumber == true else { return nil }
        return parse(text)
    }

    /// The stored form of `date`.
    public static func string(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
