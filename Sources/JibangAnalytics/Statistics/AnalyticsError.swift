/// Why a statistic cannot be computed, said so the analyst knows what to change.
public struct AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case tooShort, constant, mismatched, invalidOption
    }

    public let kind: Kind
    public let message: String

    public var description: String { message }

    static func tooShort(_ what: String, count: Int, needed: Int) -> AnalyticsError {
        AnalyticsError(
            kind: .tooShort,
            message: "\(what) has \(count) periods; a correlation with a p-value and confidence interval needs at least \(needed) "
                + "(use a finer --by, or a wider --from/--to)")
    }

    static func constant(_ name: String) -> AnalyticsError {
        AnalyticsError(
            kind: .constant,
            message: "\(name) is constant over the periods compared, so its correlation is undefined (check the query matches anything)")
    }
}
