import Foundation
import Hummingbird
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

/// The HTML pages at stable addresses: each parses the query, asks the library, renders.
struct PageController {
    typealias Context = JibangRequestContext

    let services: JibangServices

    func addRoutes(to router: Router<Context>) {
        router.get("/", use: overview)
        router.get("/sites", use: sites)
        router.get("/sites/:id", use: site)
        router.post("/sites/:id/milestones/:milestone", use: correct)
        router.get("/trend", use: trend)
        router.get("/compare", use: compare)
        router.get("/kwic", use: kwic)
        router.get("/corpus", use: corpus)
        router.get("/corpus/changes", use: corpusChanges)
        router.get("/releases", use: releases)
        addDeskRoutes(to: router)
        router.post("/review/:id", use: decide)
    }

    var corpusAPI: CorpusController { CorpusController(services: services) }

    @Sendable func overview(_ request: Request, context: Context) async throws -> Response {
        let sites = try await services.store.sites()
        let status = ProgrammeStatus(
            sites: sites, gazetteer: services.gazetteer, year: nil, provinceID: nil, throughYear: services.thisYear,
            bundledData: try await services.store.bundledRecord())
        // The overview's forecast panel: fewer runs than the API's default, enough for its figure.
        let forecast = services.overviewForecast(sites)
        return ProgrammePages.overview(status: status, sites: sites, gazetteer: services.gazetteer, forecast: forecast).response
    }

    @Sendable func releases(_ request: Request, context: Context) async throws -> Response {
        ProgrammePages.releases(try await services.store.releases(), gazetteer: services.gazetteer).response
    }

    @Sendable func sites(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        let filter = try q.siteFilter(services.gazetteer)
        let sites = filter.apply(
            try await services.store.sites(), gazetteer: services.gazetteer)
        return ProgrammePages.sites(
            sites, gazetteer: services.gazetteer, year: filter.year, province: filter.provinceID, status: filter.progress?.rawValue,
            phase: filter.phase?.rawValue, asOf: filter.asOf, stallMonths: filter.stallMonths
        ).response
    }

    @Sendable func site(_ request: Request, context: Context) async throws -> Response {
        let id = try context.pathText("id")
        let division = try services.gazetteer.resolve(idOrName: id, at: InputLocation(file: "place"))
        let allSites = try await services.store.sites()
        let sites = allSites.filter { $0.divisionID == division.id }
        guard !sites.isEmpty else { throw APIError.notFound("\(division.englishName) is not a programme site (yet)") }
        // The corrections of these milestones and their sources, newest first.
        let ids = Set(sites.flatMap { $0.milestones.compactMap(\.id) }.map(String.init))
        var history: [AuditEntry] = []
        for entity in ["milestone", "source"] {
            history += try await services.store.auditEntries(since: nil, entity: entity, entityID: nil, limit: 1000).filter {
                $0.entityID.map(ids.contains) ?? false
            }
        }
        let candidates = try await services.review.candidates(status: .pending).filter { $0.placeID == division.id }
        return ProgrammePages.site(
            division: division, sites: sites, gazetteer: services.gazetteer, history: history.sorted { $0.id > $1.id },
            message: QueryParameters(request).string("message"),
            dossier: .init(allSites: allSites, candidates: candidates, corpus: corpusMonths(naming: division))
        ).response
    }

    /// Articles in the corpus that name the place (its Hangul name or its KCNA spelling), per
    /// month; empty when there is no corpus.
    func corpusMonths(naming division: Division) -> (query: String, months: [(period: String, documents: Int)]) {
        let query = "\"\(division.nameKo)\"|\"\(division.nameKCNA)\""
        guard let group = try? TermGroup(name: "place", query: query),
            let result = try? services.trend(TrendQuery(groups: [group], by: .month))
        else { return (query, []) }
        let months = result.rows.filter { $0.outlet == "all" && ($0.counts["place"] ?? 0) > 0 }.map { ($0.period, $0.counts["place"] ?? 0) }
        return (query, months)
    }

    @Sendable func trend(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        guard !q.all("q").isEmpty else { return CorpusPages.trend(q, result: nil, events: services.events, error: nil).response }
        do {
            let groups = try q.groups("q")
            let result = try corpusAPI.runTrend(q, groups: groups)
            // The collocates panel, for the group the reader asked about.
            let collocates = try q.string("collocates").flatMap { name in
                try groups.first { $0.name == name }.map { try corpusAPI.collocateResult(q, group: $0) }
            }
            return CorpusPages.trend(q, result: result, events: services.events, error: nil, collocates: collocates).response
        } catch {
            return CorpusPages.trend(q, result: nil, events: services.events, error: APIError(error).detail).response
        }
    }

    @Sendable func compare(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        guard q.string("a") != nil || q.string("b") != nil else {
            return CorpusPages.compare(q, comparison: nil, events: services.events, error: nil).response
        }
        do {
            return CorpusPages.compare(q, comparison: try corpusAPI.comparison(q).comparison, events: services.events, error: nil).response
        } catch {
            return CorpusPages.compare(q, comparison: nil, events: services.events, error: APIError(error).detail).response
        }
    }

    @Sendable func kwic(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        return CorpusPages.kwic(q, lines: q.string("q") == nil ? [] : try corpusAPI.kwicLines(q)).response
    }

    @Sendable func corpus(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        do {
            let cells = try corpusAPI.coverageCells(q)
            let changes = try services.corpus.changes(ChangeFilter(limit: 10))
            let reprints = try services.corpus.reprintClusters(limit: 10, outlet: nil, documentId: nil)
            return CorpusPages.corpus(q, cells: cells, changes: changes, reprints: reprints, error: nil).response
        } catch {
            return CorpusPages.corpus(q, cells: [], changes: [], reprints: [], error: APIError(error).detail).response
        }
    }

    @Sendable func corpusChanges(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        do {
            return CorpusPages.changes(q, changes: try corpusAPI.documentChanges(q), error: nil).response
        } catch {
            return CorpusPages.changes(q, changes: [], error: APIError(error).detail).response
        }
    }

    /// The review page's single-candidate form (kept for links to one candidate): the decision
    /// and, for a province-level candidate, the place. The desk decides groups.
    struct ReviewForm: Decodable {
        let decision: String?
        let place: String?
    }

    /// POST /review/{id}: accept or reject one candidate.
    @Sendable func decide(_ request: Request, context: Context) async throws -> Response {
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the candidate id must be a number") }
        let form = try await context.form(request, as: ReviewForm.self)
        return try await decide(id: id, form: form)
    }

    /// The decision of a checked review form.
    func decide(id: Int64, form: ReviewForm) async throws -> Response {
        var message: String
        do {
            if form.decision == "reject" {
                try await services.review.reject(candidate: id, note: "rejected in the review page")
                try await remember(candidates: [id], label: "rejected candidate #\(id)")
                message = "Candidate #\(id) rejected."
            } else {
                let place = try form.place.flatMap { $0.isEmpty ? nil : $0 }.map { text in
                    try services.gazetteer.resolve(idOrName: text, at: InputLocation(file: "place")).id
                }
                let result = try await services.review.accept(candidate: id, placeID: place)
                services.invalidate()
                try await remember(candidates: [id], label: "accepted candidate #\(id)")
                message = "Candidate #\(id) accepted: milestone #\(result.milestoneID) at \(result.siteLabel)."
            }
        } catch {
            message = "Candidate #\(id): \(APIError(error).detail)"
        }
        return Response(status: .seeOther, headers: [.location: "/review?" + QueryString.make([("message", message)])])
    }
}
