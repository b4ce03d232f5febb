public import JibangCorpus

/// A change in which outlets a trend's documents come from, between one period with data and
/// the next. A trend drawn across such a change compares different sources.
public struct OutletChange: Sendable, Codable, Equatable {
    /// The period from which the mix differs.
    public let period: String
    /// Outlets with documents from this period on that had none in the previous period with data.
    public let added: [String]
    /// Outlets with documents in the previous period with data and none in this one.
    public let removed: [String]

    /// Every change of outlet mix in `result`, in period order. A trend of one outlet has none.
    public static func changes(in result: TrendResult) -> [OutletChange] {
        var byPeriod: [String: Set<String>] = [:]
        var order: [String] = []
        for row in result.rows where row.outlet != "all" {
            if byPeriod[row.period] == nil {
                byPeriod[row.period] = []
                order.append(row.period)
            }
            if row.total > 0 { byPeriod[row.period]!.insert(row.outlet) }
        }
        var changes: [OutletChange] = []
        var previous: Set<String>?
        for period in order {
            let outlets = byPeriod[period]!
            guard !outlets.isEmpty else { continue }
            if let previous, previous != outlets {
                changes.append(
                    OutletChange(period: period, added: outlets.subtracting(previous).sorted(), removed: previous.subtracting(outlets).sorted()))
            }
            previous = outlets
        }
        return changes
    }

    /// "2011: + KCNA; − New Year address".
    public var description: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("+ " + added.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("− " + removed.joined(separator: ", ")) }
        return "\(period): " + parts.joined(separator: "; ")
    }
}
