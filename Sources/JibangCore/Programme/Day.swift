import KoreanText

/// A calendar day (proleptic Gregorian), without time or zone: the unit state media dates use.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day, or nil (month 13, 30 February, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy(Day.isDigits),
            let y = Int(parts[0]), y >= 1, let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A year as ISO writes it: 0024, 2024.
    static func fourDigits(_ year: Int) -> String {
        year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
    }

    /// ASCII digits only: `Int(_:)` also reads "+024", which prints back as "24".
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Day.fourDigits(year))-\(Day.twoDigits(month))-\(Day.twoDigits(day))"
    }

    /// Days since 1970-01-01 (negative before), for differences between days.
    public var ordinal: Int { PartialDate.dayNumber(year: year, month: month, day: day) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> Day {
        let (y, m, d) = PartialDate.civil(fromDayNumber: ordinal + days)
        return Day(year: y, month: m, day: d)!
    }

    /// ISO weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal % 7 + 7) % 7 + 3) % 7 + 1 }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func daysIn(month: Int, year: Int) -> Int { PartialDate.daysIn(month: month, year: year) }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a day like 2024-03-07, found \"\(text)\""))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
