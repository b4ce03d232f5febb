import KoreanText

/// The period a trend counts by. Periods are numbered consecutively so zero-filling is a
/// simple range.
public enum PeriodUnit: String, Sendable, Codable, CaseIterable {
    case year, month, week, day

    /// The period number of a document's date, or nil when the date is coarser than the
    /// period (a month-precise date has no week or day).
    @inline(__always)
    public func period(day: Int, precision: UInt8) -> Int? {
        switch self {
        case .year:
            return PartialDate.civil(fromDayNumber: day).year
        case .month:
            guard precision <= 1 else { return nil }
            let (y, m, _) = PartialDate.civil(fromDayNumber: day)
            return y * 12 + m - 1
        case .week:
            guard precision == 0 else { return nil }
            // Weeks start on Monday; 1970-01-01 was a Thursday.
            return Int((Double(day + 3) / 7).rounded(.down))
        case .day:
            return precision == 0 ? day : nil
        }
    }

    /// The period's label: "2011", "2011-03", "2011-W09" (ISO week), "2011-03-05".
    public func label(_ period: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .year:
            return String(period)
        case .month:
            let year = Int((Double(period) / 12).rounded(.down))
            return "\(year)-\(two(period - year * 12 + 1))"
        case .week:
            let thursday = period * 7
            let isoYear = PartialDate.civil(fromDayNumber: thursday).year
            let week = (thursday - PartialDate.dayNumber(year: isoYear, month: 1, day: 1)) / 7 + 1
            return "\(isoYear)-W\(two(week))"
        case .day:
            let (y, m, d) = PartialDate.civil(fromDayNumber: period)
            return "\(y)-\(two(m))-\(two(d))"
        }
    }

    /// The period number of a label `label(_:)` wrote, or nil when it is not one.
    public func period(label: String) -> Int? {
        switch self {
        case .year:
            return Int(label)
        case .month:
            guard let date = DateParser.iso(label), date.month != nil, date.day == nil else { return nil }
            return date.year * 12 + date.month! - 1
        case .week:
            let parts = label.split(separator: "-W")
            guard parts.count == 2, let year = Int(parts[0]), let week = Int(parts[1]), (1...53).contains(week) else { return nil }
            // The Thursday of ISO week 1 is the first Thursday of the year.
            let january1 = PartialDate.dayNumber(year: year, month: 1, day: 1)
            let firstThursday = january1 + ((3 - (january1 + 3) % 7) + 7) % 7
            return (firstThursday + (week - 1) * 7) / 7
        case .day:
            guard let date = DateParser.iso(label), date.day != nil else { return nil }
            return date.firstDayNumber
        }
    }

    /// The first and last day of a period.
    public func days(of period: Int) -> ClosedRange<Int> {
        switch self {
        case .year:
            return PartialDate.dayNumber(year: period, month: 1, day: 1)...PartialDate.dayNumber(year: period, month: 12, day: 31)
        case .month:
            let year = Int((Double(period) / 12).rounded(.down))
            let month = period - year * 12 + 1
            let first = PartialDate.dayNumber(year: year, month: month, day: 1)
            let next =
                month == 12 ? PartialDate.dayNumber(year: year + 1, month: 1, day: 1) : PartialDate.dayNumber(year: year, month: month + 1, day: 1)
            return first...(next - 1)
        case .week:
            let monday = period * 7 - 3
            return monday...(monday + 6)
        case .day:
            return period...period
        }
    }
}
