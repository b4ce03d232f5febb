public import JibangCorpus

/// A change in which outlets (or languages) a trend's documents come from, between one period
/// with data and the next. A trend drawn across such a change compares different sources.
public struct MixChange: Sendable, Codable, Equatable {
    /// The period from which the mix differs.
    public let period: String
    /// Outlets (languages) with documents from this period on that had none in the previous period with data.
    public let added: [String]
    /// Outlets (languages) with documents in the previous period with data and none in this one.
    public let removed: [String]

    public init(period: String, added: [String], removed: [String]) {
        self.period = period
        self.added = added
        self.removed = removed
    }

    /// Every change of membership between consecutive non-empty periods, in the order given.
    public static func changes(_ periods: [(period: String, members: Set<String>)]) -> [MixChange] {
        var changes: [MixChange] = []
        var previous: Set<String>?
        for (period, members) in periods where !members.isEmpty {
            if let previous, previous != members {
                changes.append(
                    MixChange(period: period, added: members.subtracting(previous).sorted(), removed: previous.subtracting(members).sorted()))
            }
            previous = members
        }
        return changes
    }

    /// Every change of outlet mix in `result`, in period order. A trend of one outlet has none.
    public static func outletChanges(in result: TrendResult) -> [MixChange] {
        var byPeriod: [String: Set<String>] = [:]
        var order: [String] = []
        for row in result.rows where row.outlet != "all" {
            if byPeriod[row.period] == nil {
                byPeriod[row.period] = []
                order.append(row.period)
            }
            if row.total > 0 { byPeriod[row.period]!.insert(row.outlet) }
        }
        return changes(order.map { ($0, byPeriod[$0]!) })
    }

    /// "2011: + KCNA; − New Year address".
    public var description: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("+ " + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("− " + removed.joined(separator: ", ")) }
        return "\(period): " + parts.joined(separator: "; ")
    }

    /// The warning `compare` and `report` print for `changes` of `what` ("outlets", "languages"),
    /// or nil when there are none.
    public static func warning(_ changes: [MixChange], of what: String, advice: String) -> String? {
        guard !changes.isEmpty else { return nil }
        return "warning: the \(what) change across the periods compared (\(changes.map(\.description).joined(separator: " · "))); \(advice)"
    }
}
