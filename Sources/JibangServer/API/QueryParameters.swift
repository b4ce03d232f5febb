import Hummingbird
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import KoreanText

/// Reads and checks query parameters, answering 400 with what was expected.
struct QueryParameters {
    let parameters: FormQuery

    init(_ request: Request) { parameters = FormQuery(request) }

    /// Most term groups one request may ask for, and the longest query text.
    static let maxGroups = 10
    static let maxQueryLength = 500

    func string(_ name: String) -> String? {
        parameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func all(_ name: String) -> [String] { parameters.getAll(name).filter { !$0.isEmpty } }

    func int(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = string(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw APIError.badRequest("\(name)=\(text): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func choice<T: RawRepresentable>(_ name: String, default value: T) throws -> T where T.RawValue == String, T: CaseIterable {
        guard let text = string(name) else { return value }
        guard let choice = T(rawValue: text) else {
            throw APIError.badRequest("\(name)=\(text): expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }

    /// The match options a corpus query may change: `versions` (latest or first) and
    /// `reprints` (each or once).
    func matchOptions() throws -> MatchOptions {
        MatchOptions(versions: try choice("versions", default: VersionChoice.latest), reprints: try choice("reprints", default: ReprintChoice.each))
    }

    /// The `year`, `province` (any spelling), `status`, `phase`, `role`, `as_of` and
    /// `stall_months` filters of sites and status.
    func siteFilter(_ gazetteer: Gazetteer) throws -> SiteFilter {
        let year = try string("year").map { _ in try int("year", default: 0, range: 2021...2033) }
        let province = try string("province").map { try gazetteer.resolveProvince($0, at: InputLocation(file: "province")).id }
        let progress: Site.Progress? = try string("status").map { _ in try choice("status", default: Site.Progress.planned) }
        let phase: SitePhase.Phase? = try string("phase").map { _ in try choice("phase", default: SitePhase.Phase.selected) }
        let role: Site.Role? = try string("role").map { _ in try choice("role", default: Site.Role.wave) }
        return SiteFilter(
            year: year, provinceID: province, progress: progress, phase: phase, asOf: try asOf(),
            stallMonths: try int("stall_months", default: SitePhase.defaultStallMonths, range: 1...240), role: role)
    }

    /// `as_of` (YYYY-MM-DD), today when absent.
    func asOf() throws -> Day {
        guard let text = string("as_of") else { return RecordChecks.today }
        guard let day = Day(iso: text) else { throw APIError.badRequest("as_of: found \(text), expected a day such as 2025-06-30") }
        return day
    }

    /// `from`/`to` as day numbers.
    func dayRange() throws -> (from: Int?, to: Int?) {
        func day(_ name: String, last: Bool) throws -> Int? {
            guard let text = string(name) else { return nil }
            guard let date = DateParser.iso(text) else { throw APIError.badRequest("\(name)=\(text): expected 2010, 2010-03 or 2010-03-05") }
            return last ? date.lastDayNumber : date.firstDayNumber
        }
        return (try day("from", last: false), try day("to", last: true))
    }

    /// Term groups from repeated `name` parameters, presets and NAME=QUERY allowed.
    func groups(_ name: String, required: Bool = true) throws -> [TermGroup] {
        let texts = all(name)
        if texts.isEmpty && required {
            throw APIError.badRequest("\(name): give at least one term group, e.g. \(name)=regional-economy or \(name)=지방공업|지방경제")
        }
        guard texts.count <= Self.maxGroups else { throw APIError.badRequest("\(name): at most \(Self.maxGroups) term groups per request") }
        let lexicon = try Lexicon()
        return try texts.map { text in
            guard text.count <= Self.maxQueryLength else {
                throw APIError.badRequest("\(name): a query is limited to \(Self.maxQueryLength) characters")
            }
            let group = try lexicon.group(text)
            guard group.terms.count <= 50 else { throw APIError.badRequest("\(name): at most 50 terms per group") }
            return group
        }
    }
}
