import Foundation

/// A date as a source gives it: a year, maybe a month, maybe a day.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// A valid date or nil (month 13, 30 February, a day without a month).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// "day", "month" or "year".
    public var precision: String { day != nil ? "day" : month != nil ? "month" : "year" }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var description: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }

    /// Days since 1970-01-01 of the first day the date covers.
    public var firstDayNumber: Int { Self.dayNumber(year: year, month: month ?? 1, day: day ?? 1) }

    /// Days since 1970-01-01 of the last day the date covers (31 December for a year).
    public var lastDayNumber: Int {
        if day != nil { return firstDayNumber }
        if let month { return Self.dayNumber(year: year, month: month, day: Self.daysIn(month: month, year: year)) }
        return Self.dayNumber(year: year, month: 12, day: 31)
    }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days-from-civil).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The ISO text of a day number ("2024-03-07").
    public static func iso(dayNumber: Int) -> String {
        let (y, m, d) = civil(fromDayNumber: dayNumber)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The civil date of a day number (inverse of `dayNumber`).
    public static func civil(fromDayNumber z: Int) -> (year: Int, month: Int, day: Int) {
        let z = z + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads the date forms state-media corpora use.
///
/// ISO 8601 (`2024-01-15`, `2024-01`, `2024`, `2024-01-15T09:00:00Z`), epoch seconds or
/// milliseconds (`1705276800`, `1705276800000`), Korean (`2024년 1월 15일`, `2024년 1월`),
/// Juche years (`주체113(2024)년 1월 15일`, `주체113년`, `Juche 113 (2024)`; Juche year =
/// year − 1911) and KCNA datelines (`Pyongyang, January 15 (KCNA) --`, which need a
/// `fallbackYear`, e.g. from the file or publication date). Pure.
public enum DateParser {
    /// The date `text` gives, or nil when it is none of the known forms.
    public static func parse(_ text: String, fallbackYear: Int? = nil) -> PartialDate? {
        let text = trimmed(text)
        guard !text.isEmpty else { return nil }
        if let date = fastISO(text) { return date }
        if let date = iso(text) ?? epoch(text) ?? korean(text) ?? juche(text) { return date }
        return dateline(text, fallbackYear: fallbackYear)
    }

    /// `text` without leading and trailing white space; cheap when there is none.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `YYYY-MM-DD` (and `YYYY-MM`, `YYYY`) read byte by byte: the common case at ingest.
    static func fastISO(_ text: String) -> PartialDate? {
        var utf8 = text.utf8.makeIterator()
        func digits(_ n: Int) -> Int? {
            var value = 0
            for _ in 0..<n {
                guard let byte = utf8.next(), byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = digits(4) else { return nil }
        guard let dash = utf8.next() else { return PartialDate(year: year) }
        guard dash == 0x2D, let month = digits(2) else { return nil }
        guard let dash2 = utf8.next() else { return PartialDate(year: year, month: month) }
        guard dash2 == 0x2D, let day = digits(2) else { return nil }
        return utf8.next() == nil ? PartialDate(year: year, month: month, day: day) : nil
    }

    /// An ISO 8601 date (`2024`, `2024-01`, `2024-01-15`, with an optional time), or nil.
    public static func iso(_ text: String) -> PartialDate? {
        if let date = fastISO(text) { return date }
        guard let match = text.wholeMatch(of: /(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?/) else { return nil }
        guard let year = number(match.1) else { return nil }
        return PartialDate(year: year, month: match.2.flatMap(number), day: match.3.flatMap(number))
    }

    /// The value of a run of decimal digits in any script: `\\d` in a pattern also matches
    /// full-width (２０２４) and other scripts' digits, which `Int(_:)` does not read.
    static func number(_ digits: Substring) -> Int? {
        var value = 0
        for character in digits {
            guard let digit = character.wholeNumberValue, (0...9).contains(digit), value < 100_000_000 else { return nil }
            value = value * 10 + digit
        }
        return digits.isEmpty ? nil : value
    }

    static func epoch(_ text: String) -> PartialDate? {
        guard text.wholeMatch(of: /\d{9,13}/) != nil, let value = Int(text) else { return nil }
        let seconds = text.count >= 12 ? value / 1000 : value
        let (y, m, d) = PartialDate.civil(fromDayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
        return PartialDate(year: y, month: m, day: d)
    }

    static func korean(_ text: String) -> PartialDate? {
        guard let match = text.firstMatch(of: /(\d{4})\s*년(?:\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?)?/) else { return nil }
        guard let year = number(match.1) else { return nil }
        return PartialDate(year: year, month: match.2.flatMap(number), day: match.3.flatMap(number))
    }

    static func juche(_ text: String) -> PartialDate? {
        guard
            let match = text.firstMatch(
                of: /(?i)(?:주체|juche)\s*(\d{1,3})\s*(?:\(\s*(\d{4})\s*\))?\s*(?:년)?(?:\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일)?)?/)
        else { return nil }
        guard let juche = number(match.1) else { return nil }
        let year = juche + 1911
        if let gregorian = match.2.flatMap(number), gregorian != year { return nil }
        return PartialDate(year: year, month: match.3.flatMap(number), day: match.4.flatMap(number))
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    static func dateline(_ text: String, fallbackYear: Int?) -> PartialDate? {
        guard let match = text.firstMatch(of: /(?i)([A-Za-z]+)\s+(\d{1,2})(?:,\s*(\d{4}))?\s*\((?:KCNA|KNS|Xinhua)\)/),
            let month = months.firstIndex(of: match.1.lowercased()).map({ $0 + 1 })
        else { return nil }
        guard let year = match.3.flatMap(number) ?? fallbackYear, let day = number(match.2) else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }
}
