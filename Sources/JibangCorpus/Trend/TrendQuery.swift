import Foundation
import JibangBase
import KoreanText
import Synchronization

/// What a trend counts per period: documents with at least one hit (the study's measure), or
/// non-overlapping occurrences (for corpora with one long document per period).
public enum Measure: String, Sendable, Codable, CaseIterable {
    case documents, mentions
}

/// A trend question: term groups counted per period and outlet.
public struct TrendQuery: Sendable, Hashable {
    public var groups: [TermGroup]
    public var by: PeriodUnit
    public var measure: Measure
    public var options: MatchOptions
    /// Only these outlets (all when empty).
    public var outlets: [String]
    /// First and last day numbers, inclusive.
    public var from: Int?
    public var to: Int?
    /// Also count each term's hits (occurrences, whatever the measure) and the series with
    /// each term left out, for groups of two or more terms: how much each term drives the
    /// trend. Costs a full count of the occurrences in every matching document.
    public var termDetail = false

    public init(
        groups: [TermGroup], by: PeriodUnit = .year, measure: Measure = .documents, options: MatchOptions = MatchOptions(),
        outlets: [String] = [], from: Int? = nil, to: Int? = nil
    ) {
        self.groups = groups
        self.by = by
        self.measure = measure
        self.options = options
        self.outlets = outlets
        self.from = from
        self.to = to
    }
}
