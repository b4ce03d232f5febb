import Foundation
import KoreanText
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A segment's documents by period: each document's period number (Int.min when its date is
/// coarser than the unit), the range of periods, and document totals per period and outlet.
struct PeriodTable: Sendable {
    let periods: [Int]
    let first: Int
    let last: Int
    let outlets: Int
    /// Index `(period - first) * outlets + outlet`.
    let totals: [Int]
    let documents: Int
    let tooCoarse: Int

    init(_ segment: Segment, unit: PeriodUnit) {
        periods = (0..<segment.count).map { unit.period(day: Int(segment.day($0)), precision: segment.precision($0)) ?? .min }
        let dated = periods.filter { $0 != .min }
        first = dated.min() ?? 0
        last = dated.max() ?? -1
        outlets = segment.outlets.count
        var totals = [Int](repeating: 0, count: max(0, last - first + 1) * outlets)
        for doc in 0..<segment.count where periods[doc] != .min {
            totals[(periods[doc] - first) * outlets + segment.outletNumber(doc)] += 1
        }
        self.totals = totals
        documents = dated.count
        tooCoarse = periods.count - dated.count
    }
}
