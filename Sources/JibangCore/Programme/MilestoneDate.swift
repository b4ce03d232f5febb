import Foundation

/// A milestone's date, keeping the precision the source gave: a day, a month, a year, a range
/// of days, or "on or before" a day (the ceremony was reported on that day, the day itself is
/// not known). Gaps stay gaps: there is no way to make a day out of a month.
///
/// Text forms (ISO 8601 style, as in the bundled CSV): `2024-03-07`, `2024-03`, `2024`,
/// `2024-03-06/2024-03-10`, `../2024-03-07` (also written `on or before 2024-03-07`).
public enum MilestoneDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case day(Day)
    case month(year: Int, month: Int)
    case year(Int)
    case range(Day, Day)
    case onOrBefore(Day)

    /// What the date is precise to; the raw values are used in JSON and the store.
    public enum Precision: String, Sendable, Codable, CaseIterable {
        case day, month, year, range
        case onOrBefore = "on-or-before"
    }

    /// Parses one of the text forms; nil when `text` is none of them or names no real day.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        let lower = text.lowercased()
        if lower.hasPrefix("on or before ") {
            guard let day = Day(iso: text.dropFirst("on or before ".count).trimmingCharacters(in: .whitespaces)) else { return nil }
            self = .onOrBefore(day)
        } else if text.hasPrefix("../") {
            guard let day = Day(iso: text.dropFirst(3)) else { return nil }
            self = .onOrBefore(day)
        } else if let slash = text.firstIndex(of: "/") {
            guard let start = Day(iso: text[..<slash]), let end = Day(iso: text[text.index(after: slash)...]), start <= end else { return nil }
            self = start == end ? .day(start) : .range(start, end)
        } else if let day = Day(iso: text) {
            self = .day(day)
        } else {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            // Four ASCII digits for the year (not "+202", "0000"), two for the month.
            if parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy(Day.isDigits), let y = Int(parts[0]), y >= 1,
                let m = Int(parts[1]), (1...12).contains(m)
            {
                self = .month(year: y, month: m)
            } else if parts.count == 1, text.count == 4, Day.isDigits(text), let y = Int(text), y >= 1 {
                self = .year(y)
            } else {
                return nil
            }
        }
    }

    /// What a user should type, for error messages.
    public static let expectedForms =
        "a date like 2024-03-07 (day), 2024-03 (month), 2024 (year), 2024-03-06/2024-03-10 (range) or ../2024-03-07 (on or before)"

    public var precision: Precision {
        switch self {
        case .day: .day
        case .month: .month
        case .year: .year
        case .range: .range
        case .onOrBefore: .onOrBefore
        }
    }

    /// The canonical text form (the one `init?(_:)` reads back).
    public var description: String {
        switch self {
        case let .day(day): day.description
        case let .month(year, month): "\(Day.fourDigits(year))-\(Day.twoDigits(month))"
        case let .year(year): Day.fourDigits(year)
        case let .range(start, end): "\(start)/\(end)"
        case let .onOrBefore(day): "../\(day)"
        }
    }

    /// A reading for people: "2024-03-06 to 2024-03-10", "on or before 2024-03-07".
    public var humanDescription: String {
        switch self {
        case .day, .month, .year: description
        case let .range(start, end): "\(start) to \(end)"
        case let .onOrBefore(day): "on or before \(day)"
        }
    }

    /// The earliest day the event may have fallen on; nil when open-ended (on or before).
    public var earliest: Day? {
        switch self {
        case let .day(day): day
        case let .month(year, month): Day(year: year, month: month, day: 1)
        case let .year(year): Day(year: year, month: 1, day: 1)
        case let .range(start, _): start
        case .onOrBefore: nil
        }
    }

    /// The latest day the event may have fallen on.
    public var latest: Day {
        switch self {
        case let .day(day): day
        case let .month(year, month): Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
        case let .year(year): Day(year: year, month: 12, day: 31)!
        case let .range(_, end): end
        case let .onOrBefore(day): day
        }
    }

    /// The exact day, when the date is precise to the day.
    public var exactDay: Day? {
        if case let .day(day) = self { day } else { nil }
    }

    /// Timeline order: by the latest day the event may have fallen on, then by the earliest
    /// (an open start sorts first), then by precision. Two dates are equal only when identical.
    public static func < (a: MilestoneDate, b: MilestoneDate) -> Bool {
        if a.latest != b.latest { return a.latest < b.latest }
        switch (a.earliest, b.earliest) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (.some(x), .some(y)) where x != y: return x < y
        default: return a.description < b.description
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = MilestoneDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "found \"\(text)\", expected \(MilestoneDate.expectedForms)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
