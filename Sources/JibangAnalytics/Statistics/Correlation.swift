import Foundation
public import JibangBase

/// A correlation coefficient with its two-sided p-value and confidence interval.
public struct Correlation: Sendable, Codable, Equatable {
    public enum Method: String, Sendable, Codable {
        case pearson, spearman
    }

    public let method: Method
    /// r (Pearson) or ρ (Spearman).
    public let r: Double
    /// Two-sided p-value of r ≠ 0 (Student's t with n − 2 degrees of freedom, as SciPy).
    public let p: Double
    public let ciLow: Double
    public let ciHigh: Double
    /// Pairs compared.
    public let n: Int
    public let confidence: Double

    enum CodingKeys: String, CodingKey {
        case method, r, p
        case ciLow = "ci_low"
        case ciHigh = "ci_high"
        case n, confidence
    }

    /// Fewest pairs for which r, p and the Fisher-z interval are all defined.
    public static let minimumPairs = 4

    /// Pearson's r. The interval is Fisher's z ± z₍₁₊c₎/₂ / √(n − 3) (SciPy's
    /// `pearsonr(...).confidence_interval()`). O(n).
    public static func pearson(
        _ x: [Double], _ y: [Double], names: (String, String) = ("the first series", "the second series"), confidence: Double = 0.95
    )
        throws(JibangError) -> Correlation
    {
        let r = try coefficient(x, y, names: names)
        return Correlation(method: .pearson, r: r, n: x.count, confidence: confidence, standardError: 1 / Double(x.count - 3).squareRoot())
    }

    /// Spearman's ρ: Pearson's r of the ranks, ties given their average rank. The interval is
    /// Fisher's z with the Fieller–Hartley–Pearson standard error √(1.06 / (n − 3)). O(n log n).
    public static func spearman(
        _ x: [Double], _ y: [Double], names: (String, String) = ("the first series", "the second series"), confidence: Double = 0.95
    )
        throws(JibangError) -> Correlation
    {
        try checkLengths(x, y, names: names)
        let r = try coefficient(ranks(x), ranks(y), names: names)
        return Correlation(method: .spearman, r: r, n: x.count, confidence: confidence, standardError: (1.06 / Double(x.count - 3)).squareRoot())
    }

    init(method: Method, r: Double, n: Int, confidence: Double, standardError: Double) {
        self.method = method
        self.r = r
        self.n = n
        self.confidence = confidence
        let df = Double(n - 2)
        if abs(r) >= 1 {
            p = 0
        } else {
            p = Distributions.studentTwoSided(r * (df / ((1 - r) * (1 + r))).squareRoot(), df: df)
        }
        let z = atanh(r)
        let critical = Distributions.normalQuantile((1 + confidence) / 2)
        ciLow = tanh(z - critical * standardError)
        ciHigh = tanh(z + critical * standardError)
    }

    static func checkLengths(_ x: [Double], _ y: [Double], names: (String, String)) throws(JibangError) {
        guard x.count == y.count else {
            throw JibangError.analysis("\(names.0) has \(x.count) periods but \(names.1) has \(y.count)")
        }
        guard x.count >= minimumPairs else { throw .tooShort("the comparison", count: x.count, needed: minimumPairs) }
    }

    /// The product-moment coefficient on mean-centred, normalised values, clipped to [−1, 1].
    static func coefficient(_ x: [Double], _ y: [Double], names: (String, String)) throws(JibangError) -> Double {
        try checkLengths(x, y, names: names)
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        let dx = x.map { $0 - mx }
        let dy = y.map { $0 - my }
        let nx = dx.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let ny = dy.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard nx > 0, x.contains(where: { $0 != x[0] }) else { throw .constant(names.0) }
        guard ny > 0, y.contains(where: { $0 != y[0] }) else { throw .constant(names.1) }
        var sum = 0.0
        for i in dx.indices { sum += (dx[i] / nx) * (dy[i] / ny) }
        return max(-1, min(1, sum))
    }

    /// 1-based ranks, tied values sharing their average rank (SciPy `rankdata(method="average")`).
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for i in start...end { ranks[order[i]] = rank }
            start = end + 1
        }
        return ranks
    }
}

/// The correlation of two series at lags −k…k.
public struct LaggedCorrelation: Sendable, Codable, Equatable {
    /// Pairs (a[t], b[t + lag]): a positive lag means the first series leads the second.
    public let lag: Int
    public let r: Double
    public let n: Int

    /// Pearson's r at each lag from −maxLag to maxLag with at least `Correlation.minimumPairs`
    /// overlapping pairs and neither side constant. O(n·k).
    /// `present`, when given, says which periods of each series have data; pairs with a missing
    /// side are left out.
    public static func scan(_ a: [Double], _ b: [Double], maxLag: Int, present: ([Bool], [Bool])? = nil) -> [LaggedCorrelation] {
        var out: [LaggedCorrelation] = []
        let n = min(a.count, b.count)
        for lag in -maxLag...maxLag where n - abs(lag) >= Correlation.minimumPairs {
            let pairs = (max(0, -lag)..<min(n, n - lag)).filter { t in present.map { $0.0[t] && $0.1[t + lag] } ?? true }
            guard pairs.count >= Correlation.minimumPairs else { continue }
            let x = pairs.map { a[$0] }
            let y = pairs.map { b[$0 + lag] }
            guard let r = try? Correlation.coefficient(x, y, names: ("a", "b")) else { continue }
            out.append(LaggedCorrelation(lag: lag, r: r, n: x.count))
        }
        return out
    }

    /// The lag of strongest |r|; ties go to the smaller |lag|, then to the negative lag.
    public static func strongest(_ lags: [LaggedCorrelation]) -> LaggedCorrelation? {
        lags.min { l, r in
            if abs(l.r) != abs(r.r) { return abs(l.r) > abs(r.r) }
            if abs(l.lag) != abs(r.lag) { return abs(l.lag) < abs(r.lag) }
            return l.lag < r.lag
        }
    }
}
