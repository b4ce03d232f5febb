import Foundation
import JibangBase
import KoreanText
import Synchronization

/// A trend answer; its JSON form is the contract of `jibang trend --format json`.
public struct TrendResult: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        public let name: String
        public let query: String
        /// Each spelling searched, with how often it matched (documents or mentions).
        public let variants: [VariantCount]
        /// Each term's share of the group's hits and the series without it, when the trend
        /// was asked for term detail; empty for a group of one term (its share is 1 and the
        /// series without it empty).
        public let terms: [TermShare]?

        public init(name: String, query: String, variants: [VariantCount], terms: [TermShare]? = nil) {
            self.name = name
            self.query = query
            self.variants = variants
            self.terms = terms
        }
    }

    /// How much one term drives its group: its hits (occurrences, whatever the measure), its
    /// share of the group's hits (the shares add up to 1), and the group's series ("all"
    /// outlets, and per outlet when there are several) with the term left out.
    public struct TermShare: Sendable, Codable, Equatable {
        public let term: String
        public let hits: Int
        public let share: Double
        public let without: [PeriodCount]
        /// The term's hits per period (periods with none left out).
        public let hitsByPeriod: [PeriodCount]
        public let withoutByOutlet: [String: [PeriodCount]]?
    }

    public struct PeriodCount: Sendable, Codable, Equatable {
        public let period: String
        public let count: Int
    }

    public struct VariantCount: Sendable, Codable, Equatable {
        public let term: String
        public let variant: String
        public let count: Int
    }

    public struct Row: Sendable, Codable, Equatable {
        public let period: String
        /// An outlet, or "all" for the total over outlets.
        public let outlet: String
        /// Documents in the period (and outlet).
        public let total: Int
        /// Group name → the measure.
        public let counts: [String: Int]
        /// Group name → documents (or mentions) per 1,000 documents; null when the period has
        /// no documents at all (0 of 0 is no rate, not a rate of 0).
        public let per1000: [String: Double?]

        /// The rate for `group`, nil when the period (and outlet) has no documents.
        public func rate(_ group: String) -> Double? { per1000[group] ?? nil }
    }

    public let by: PeriodUnit
    public let measure: Measure
    public let options: MatchOptions
    public let groups: [Group]
    public let rows: [Row]
    /// Documents counted (after outlet and date filters).
    public let documents: Int
    /// Documents left out because their date is coarser than the period (a month for --by week).
    public let tooCoarse: Int
    /// Documents per period and outlet (and "all"), with the periods that look like holes in
    /// the collection flagged `low`.
    public let coverage: [CoverageCell]

    init(
        by: PeriodUnit, measure: Measure, options: MatchOptions, groups: [Group], rows: [Row], documents: Int, tooCoarse: Int
    ) {
        self.by = by
        self.measure = measure
        self.options = options
        self.groups = groups
        self.rows = rows
        self.documents = documents
        self.tooCoarse = tooCoarse
        self.coverage = Coverage.cells(rows)
    }

    enum CodingKeys: String, CodingKey { case by, measure, options, groups, rows, documents, tooCoarse, coverage }

    /// Answers saved before coverage was reported get it computed from their rows.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        by = try values.decode(PeriodUnit.self, forKey: .by)
        measure = try values.decode(Measure.self, forKey: .measure)
        options = try values.decode(MatchOptions.self, forKey: .options)
        groups = try values.decode([Group].self, forKey: .groups)
        rows = try values.decode([Row].self, forKey: .rows)
        documents = try values.decode(Int.self, forKey: .documents)
        tooCoarse = try values.decode(Int.self, forKey: .tooCoarse)
        coverage = try values.decodeIfPresent([CoverageCell].self, forKey: .coverage) ?? Coverage.cells(rows)
    }

    /// The term that makes up more than half of `group`'s hits in `period` (all outlets), with
    /// its share: what a peak there rests on. Nil without term detail, for a one-term group, or
    /// when no term dominates.
    public func dominantTerm(group: String, period: String) -> (term: String, share: Double)? {
        guard let terms = groups.first(where: { $0.name == group })?.terms, terms.count > 1 else { return nil }
        let hits = terms.map { term in term.hitsByPeriod.first { $0.period == period }?.count ?? 0 }
        let all = hits.reduce(0, +)
        guard all > 0, let top = hits.indices.max(by: { hits[$0] < hits[$1] }), hits[top] * 2 > all else { return nil }
        return (terms[top].term, Double(hits[top]) / Double(all))
    }

    /// The periods (of the "all" rows, or `outlet`'s) flagged as holes in the collection.
    public func lowPeriods(outlet: String = "all") -> Set<String> {
        Set(coverage.filter { $0.outlet == outlet && $0.low }.map(\.period))
    }
}

/// Reads the full text of a document by row id, for options that need the original spacing.
public typealias RawTextLookup = @Sendable (Int64) -> String?

extension TrendResult {
    /// The trend as CSV fields, header first: period, outlet, total, then each group's count
    /// and rate per 1,000 (empty when the period has no documents). What `jibang trend
    /// --format csv` and the API's `format=csv` write.
    public var csvRows: [[String]] {
        let names = groups.map(\.name)
        let header = ["period", "outlet", "total"] + names.flatMap { [$0, "\($0)_per_1000"] }
        return [header]
            + rows.map { row in
                [row.period, row.outlet, String(row.total)] + names.flatMap { [String(row.counts[$0] ?? 0), row.rate($0).map { String($0) } ?? ""] }
            }
    }
}
