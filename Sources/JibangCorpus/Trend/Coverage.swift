/// How many documents the corpus holds per period and outlet, and which periods look like
/// holes in the collection (a scraper that missed a month) rather than quiet news.
public struct CoverageCell: Sendable, Codable, Equatable {
    public let period: String
    /// An outlet, or "all".
    public let outlet: String
    public let total: Int
    /// Under a quarter of the median of the 12 periods around it: a trend across it misleads.
    public let low: Bool

    public init(period: String, outlet: String, total: Int, low: Bool) {
        self.period = period
        self.outlet = outlet
        self.total = total
        self.low = low
    }
}

public enum Coverage {
    /// The neighbours a period is compared with, and the share of their median under which it is low.
    public static let neighbours = 12
    public static let lowShare = 0.25

    /// The coverage of a trend's rows: each outlet's (and "all"'s) totals, in period order.
    public static func cells(_ rows: [TrendResult.Row]) -> [CoverageCell] {
        var outlets: [String] = []
        var totals: [String: [Int]] = [:]
        for row in rows {
            if totals[row.outlet] == nil { outlets.append(row.outlet) }
            totals[row.outlet, default: []].append(row.total)
        }
        let low = totals.mapValues(lowPeriods)
        var seen: [String: Int] = [:]
        return rows.map { row in
            let i = seen[row.outlet, default: 0]
            seen[row.outlet] = i + 1
            return CoverageCell(period: row.period, outlet: row.outlet, total: row.total, low: low[row.outlet]![i])
        }
    }

    /// Per period: whether its total is under `lowShare` of the median of the `neighbours`
    /// periods around it (half before, half after; at the ends, more from the other side).
    /// Series shorter than 5 periods have too few neighbours to judge: none is low.
    public static func lowPeriods(_ totals: [Int]) -> [Bool] {
        guard totals.count >= 5 else { return Array(repeating: false, count: totals.count) }
        let want = min(neighbours, totals.count - 1)
        return totals.indices.map { i in
            var before = min(i, want / 2)
            var after = min(totals.count - 1 - i, want - before)
            before = min(i, want - after)
            after = min(totals.count - 1 - i, want - before)
            let around = (Array(totals[(i - before)..<i]) + Array(totals[(i + 1)..<(i + 1 + after)])).sorted()
            let middle = around.count / 2
            let median = around.count % 2 == 1 ? Double(around[middle]) : Double(around[middle - 1] + around[middle]) / 2
            return median > 0 && Double(totals[i]) < lowShare * median
        }
    }
}
