import JibangCore
import JibangCorpus

extension CorpusStore {
    /// Documents of one period that match `group` (newest first, at most `limit`), for drilling
    /// down from a peak to the articles behind it.
    public func documents(
        matching group: TermGroup, period: Int, by unit: PeriodUnit, options: MatchOptions, outlets: [String] = [], limit: Int = 3
    ) throws(JibangError) -> [DocumentHeader] {
        var group = group
        let days = unit.days(of: period)
        group.from = max(group.from ?? days.lowerBound, days.lowerBound)
        group.to = min(group.to ?? days.upperBound, days.upperBound)
        group.outlets += outlets
        let found = KWIC.documents(group, options: options, in: try segments(), limit: limit)
        let headers = try headers(rowIDs: found.map(\.rowID))
        return found.compactMap { headers[$0.rowID] }
    }
}
