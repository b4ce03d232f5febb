public import JibangCorpus

/// Which value a comparison should use, and why. Counts follow the size of the corpus as much
/// as the attention a topic gets: with several outlets, or with periods of very different
/// size (one document a year, then thousands), only rates per 1,000 documents compare like
/// with like.
public struct ValueChoice: Sendable, Equatable {
    public let value: Series.Value
    /// Why counts would mislead here; nil when they compare like with like.
    public let reason: String?

    /// Rates when `result` mixes outlets or its period totals vary by more than `spread` times; counts otherwise.
    public static func recommended(for result: TrendResult, spread: Double = 10) -> ValueChoice {
        let outlets = Set(result.rows.map(\.outlet)).subtracting(["all"])
        if outlets.count > 1 {
            return ValueChoice(value: .share, reason: "the corpus mixes \(outlets.count) outlets (\(outlets.sorted().joined(separator: ", ")))")
        }
        let totals = result.rows.filter { $0.outlet == "all" && $0.total > 0 }
        if let small = totals.min(by: { $0.total < $1.total }), let large = totals.max(by: { $0.total < $1.total }),
            Double(large.total) > spread * Double(small.total)
        {
            return ValueChoice(
                value: .share,
                reason: "the documents per period range from \(small.total) (\(small.period)) to \(large.total) (\(large.period))")
        }
        return ValueChoice(value: .count, reason: nil)
    }
}
