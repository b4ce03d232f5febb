import Foundation
import Hummingbird
import JibangAnalytics
import JibangCSV
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// Trend, KWIC, compare and peaks over the corpus, and indicators.
struct CorpusController {
    typealias Context = JibangRequestContext

    let services: JibangServices

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("trend", use: trend)
        group.get("kwic", use: kwic)
        group.get("compare", use: compare)
        group.get("peaks", use: peaks)
        group.get("collocates", use: collocates)
        group.get("corpus/coverage", use: coverage)
        group.get("corpus/changes", use: changes)
        group.get("corpus/reprints", use: reprints)
        group.get("indicators", use: indicators)
        group.post("indicators", use: addIndicator)
    }

    /// The trend a request asks for: groups `q`, `by`, `measure`, `outlet`, `from`, `to`.
    func runTrend(_ query: QueryParameters, groups: [TermGroup]) throws -> TrendResult {
        try services.trend(try trendQuery(query, groups: groups))
    }

    /// The trend query the parameters ask for (by, measure, versions, outlet, from, to, and
    /// `terms=false` to leave out each term's share).
    func trendQuery(_ query: QueryParameters, groups: [TermGroup]) throws -> TrendQuery {
        let (from, to) = try query.dayRange()
        var trend = TrendQuery(
            groups: groups, by: try query.choice("by", default: PeriodUnit.year), measure: try query.choice("measure", default: Measure.documents),
            options: try query.matchOptions(), outlets: query.all("outlet"), from: from, to: to)
        enum Switch: String, CaseIterable { case `true`, `false` }
        trend.termDetail = try query.choice("terms", default: Switch.true) == .true
        return trend
    }

    /// GET /api/v1/trend?q=GROUP&q=GROUP&by=year — the JSON of `jibang trend --format json`; `format=csv` for a download.
    @Sendable func trend(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return try await cached(query, route: "trend") {
            enum Format: String, CaseIterable { case json, csv }
            let format = try query.choice("format", default: Format.json)
            let result = try runTrend(query, groups: try query.groups("q"))
            if format == .csv {
                return CachedAnswer(
                    contentType: "text/csv; charset=utf-8", disposition: "attachment; filename=\"trend.csv\"",
                    body: ByteBuffer(string: result.csvRows.map(CSVWriter.line).joined(separator: "\n") + "\n"))
            }
            return .json(ProgrammeJSON.encode(result))
        }
    }

    /// `compute`'s answer to this request, kept (`AnswerCache`) while the corpus state stays the same.
    func cached(_ query: QueryParameters, route: String, compute: @escaping @Sendable () throws -> CachedAnswer) async throws -> Response {
        let key = AnswerCache.key(route: route, state: try services.corpusState(), parameters: query.parameters.pairs)
        return try await services.answers.answer(key) { try compute() }
    }

    /// GET /api/v1/kwic?q=TERM&limit=20
    @Sendable func kwic(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(try kwicLines(QueryParameters(request)))
    }

    func kwicLines(_ query: QueryParameters) throws -> [KWICHit] {
        guard var group = try query.groups("q").first else { return [] }
        let (from, to) = try query.dayRange()
        group.outlets += query.all("outlet")
        group.from = from ?? group.from
        group.to = to ?? group.to
        let limit = try query.int("limit", default: 20, range: 1...200)
        return try services.corpus.keywordInContext(
            group, options: try query.matchOptions(), segments: try services.segments(), limit: limit, width: 40
        ).hits
    }

    /// GET /api/v1/compare?a=GROUP&b=GROUP&by=year&lag=3 — the JSON of `jibang compare --format json`.
    @Sendable func compare(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return try await cached(query, route: "compare") { .json(ProgrammeJSON.encode(try comparison(query).comparison)) }
    }

    func comparison(_ query: QueryParameters) throws -> (comparison: Comparison, result: TrendResult) {
        let groups = try query.groups("a") + query.groups("b")
        guard groups.count == 2, groups[0].name != groups[1].name else {
            throw APIError.badRequest("a and b: give two different term groups, one each")
        }
        var trendQuery = try trendQuery(query, groups: groups)
        let result = try services.trend(trendQuery)
        let smooth: Int? = try query.string("smooth").map { _ in try query.int("smooth", default: 3, range: 3...25) }
        // One outlet per series (outlet_a, outlet_b), checked like any outlet filter.
        let segments = try services.segments()
        let outlets = try FilterCheck.seriesOutlets(a: query.string("outlet_a"), b: query.string("outlet_b"), in: segments)
        let named = [outlets.outlet] + [outlets.outletB].compactMap { $0 }
        if !named.contains("all") { trendQuery.outlets = named }
        let comparison = try Comparison(
            result, a: groups[0].name, b: groups[1].name,
            options: .init(
                value: try query.choice("value", default: ValueChoice.recommended(for: result).value), smoothing: smooth,
                maxLag: try query.int("lag", default: 3, range: 0...24), outlet: outlets.outlet, outletB: outlets.outletB),
            languages: try services.corpus.languagesByPeriod(trendQuery))
        return (comparison, result)
    }

    /// GET /api/v1/peaks?q=GROUP&by=year — peaks with example articles and nearby events.
    @Sendable func peaks(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return try await cached(query, route: "peaks") { .json(ProgrammeJSON.encode(try peakFindings(query))) }
    }

    /// Peaks of the requested groups, with example articles and the bundled events near each.
    func peakFindings(_ query: QueryParameters) throws -> [PeakFinding] {
        let groups = try query.groups("q")
        let result = try runTrend(query, groups: groups)
        let corpus = services.corpus
        let outlets = query.all("outlet")
        let findings = try PeakFinding.find(
            in: result, groups: groups, value: try query.choice("value", default: ValueChoice.recommended(for: result).value), finder: PeakFinder(),
            events: services.events
        ) { group, period in
            try corpus.documents(matching: group, period: period, by: result.by, options: result.options, outlets: outlets, limit: 3)
        }
        return findings
    }

    /// GET /api/v1/collocates?q=GROUP&from=2024&to=2024&reference=2010..2015 — the JSON of `jibang collocates --format json`.
    @Sendable func collocates(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return try await cached(query, route: "collocates") { .json(ProgrammeJSON.encode(try collocateResult(query))) }
    }

    func collocateResult(_ query: QueryParameters) throws -> CollocateResult {
        guard let group = try query.groups("q").first else { throw APIError.badRequest("q: give a term group") }
        return try collocateResult(query, group: group)
    }

    /// The collocates of `group` over the request's from, to, reference, window and limit.
    func collocateResult(_ query: QueryParameters, group: TermGroup) throws -> CollocateResult {
        let (from, to) = try query.dayRange()
        let reference = try query.string("reference").map(CollocateQuery.referencePeriod)
        var collocates = CollocateQuery(group: group, from: from, to: to, reference: reference)
        collocates.window = try query.int("window", default: 5, range: 1...20)
        collocates.limit = try query.int("limit", default: 50, range: 1...1000)
        collocates.options = try query.matchOptions()
        return try services.corpus.collocates(collocates)
    }

    /// GET /api/v1/corpus/coverage?by=month&outlet=KCNA — the JSON of `jibang corpus coverage --format json`.
    @Sendable func coverage(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return try await cached(query, route: "coverage") { .json(ProgrammeJSON.encode(try coverageCells(query))) }
    }

    func coverageCells(_ query: QueryParameters) throws -> [CoverageCell] {
        let (from, to) = try query.dayRange()
        return try services.trend(
            TrendQuery(groups: [], by: try query.choice("by", default: PeriodUnit.month), outlets: query.all("outlet"), from: from, to: to)
        ).coverage
    }

    /// GET /api/v1/corpus/changes?from=2024-10-01&outlet=KCNA — the JSON of `jibang corpus changes --format json`.
    @Sendable func changes(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(try documentChanges(QueryParameters(request)))
    }

    func documentChanges(_ query: QueryParameters) throws -> [DocumentChange] {
        var since: String?
        if let from = query.string("from") {
            guard let time = ObservedTime.parseISO(from) else {
                throw APIError.badRequest("from=\(from): expected an ISO 8601 date or time, e.g. 2024-10-06 or 2024-10-06T09:30:00Z")
            }
            since = time
        }
        let fromVersion = try query.string("from_version").map { _ in try query.int("from_version", default: 1, range: 1...100_000) }
        let toVersion = try query.string("to_version").map { _ in try query.int("to_version", default: 1, range: 1...100_000) }
        if (fromVersion != nil || toVersion != nil) && query.string("document") == nil {
            throw APIError.badRequest("from_version and to_version compare two versions of one document: name it with document=ID")
        }
        return try services.corpus.changes(
            ChangeFilter(
                since: since, outlet: try corpusOutlet(query), documentId: query.string("document"), fromVersion: fromVersion, toVersion: toVersion,
                limit: try query.int("limit", default: 50, range: 1...500)))
    }

    /// The `outlet` parameter as the corpus spells it (422 for an outlet it does not have).
    func corpusOutlet(_ query: QueryParameters) throws -> String? {
        try query.string("outlet").map { try FilterCheck.outlets([$0], in: try services.segments())[0] }
    }

    /// GET /api/v1/corpus/reprints?outlet=KCNA&document=ID — the JSON of `jibang corpus reprints --format json`.
    @Sendable func reprints(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        return JSONResponse.make(
            try services.corpus.reprintClusters(
                limit: try query.int("limit", default: 20, range: 1...500), outlet: try corpusOutlet(query), documentId: query.string("document")))
    }

    /// GET /api/v1/indicators
    @Sendable func indicators(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(try await services.store.indicators())
    }

    /// The body of POST /api/v1/indicators: an indicator, and whether it may overwrite a stored value.
    struct IndicatorRequest: Decodable {
        let name: String
        let unit: String
        let period: String
        let value: Double
        let source: String
        let note: String?
        let replace: Bool?

        var indicator: Indicator { Indicator(name: name, unit: unit, period: period, value: value, source: source, note: note) }
    }

    /// POST /api/v1/indicators (token) — {name, unit, period, value, source, note?, replace?}.
    /// A value already stored for the name and period answers 409 unless `replace` is true.
    @Sendable func addIndicator(_ request: Request, context: Context) async throws -> Response {
        let body: IndicatorRequest = try await context.decode(request)
        let indicator = body.indicator
        guard !indicator.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            !indicator.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else {
            throw APIError.badRequest("an indicator needs a name and a source")
        }
        guard DateParser.iso(indicator.period) != nil, indicator.value.isFinite else {
            throw APIError.badRequest("period must be 2019, 2019-06 or 2019-06-30 and value a finite number")
        }
        try await services.store.addIndicator(indicator, replace: body.replace ?? false)
        return JSONResponse.make(indicator, status: .created)
    }
}
