import Foundation
public import JibangCorpus

/// How far a group's trend rests on single terms, in words for tables and pages: each term's
/// share of the hits, and the peaks that one term makes up more than half of.
public enum TermReliance {
    /// "지방공업 12.3 % (13 hits), …", or nil when the trend has no term detail for the group.
    public static func shares(_ group: TrendResult.Group) -> String? {
        guard let terms = group.terms, terms.count > 1 else { return nil }
        return terms.map { "\($0.term) \(String(format: "%.1f", $0.share * 100)) % (\($0.hits) hits)" }.joined(separator: ", ")
    }

    /// "the 2018 peak rests on 국방공업 (71 % of its hits)", for each peak of the group's
    /// series (all outlets) that one term dominates.
    public static func peakNotes(_ result: TrendResult, group: String, finder: PeakFinder = PeakFinder()) -> [String] {
        let peaks = (try? finder.peaks(Series(result, group: group))) ?? []
        return peaks.compactMap { peak in
            result.dominantTerm(group: group, period: peak.period).map {
                "the \(peak.period) peak rests on \($0.term) (\(Int(($0.share * 100).rounded())) % of its hits)"
            }
        }
    }
}
