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
}
