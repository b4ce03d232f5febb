import Foundation
import Hummingbird
import JibangBase
import JibangCore
import JibangStore
import Logging

/// Places, programme status, sites, and the writes that add milestones and sources.
struct ProgrammeController {
    typealias Context = JibangRequestContext

    let services: JibangServices

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("places", use: places)
        group.get("programme/status", use: status)
        group.get("programme/forecast", use: forecast)
        group.get("sites", use: sites)
        group.get("sites/:id", use: site)
        group.post("sites/:id/role", use: setRole)
        group.post("milestones", use: addMilestone)
        group.post("milestones/:id/sources", use: addSource)
        group.patch("milestones/:id", use: editMilestone)
        group.post("milestones/:id/retract", use: retractMilestone)
        group.post("milestones/:id/restore", use: restoreMilestone)
        group.post("milestones/:id/sources/retract", use: retractSource)
        group.post("milestones/:id/sources/restore", use: restoreSource)
        group.get("audit", use: audit)
        group.get("releases", use: releases)
        group.get("releases/diff", use: releaseDiff)
    }

    /// GET /api/v1/releases — every release, oldest first, with its counts.
    @Sendable func releases(_ request: Request, context: Context) async throws -> Response {
        JSONResponse.make(try await services.store.releases().map(\.summary))
    }

    /// GET /api/v1/releases/diff?from=A&to=B — the changelog between two releases (`current`: the record as it stands).
    @Sendable func releaseDiff(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        guard let from = query.string("from"), let to = query.string("to") else {
            throw APIError.badRequest("from, to: name two releases (or current), e.g. from=2026-10&to=current")
        }
        let store = services.store
        return JSONResponse.make(
            ReleaseDiff(from: from, try await store.record(named: from), to: to, try await store.record(named: to), gazetteer: services.gazetteer))
    }

    /// GET /api/v1/places?q=NAME
    @Sendable func places(_ request: Request, context: Context) async throws -> Response {
        guard let q = QueryParameters(request).string("q") else { throw APIError.badRequest("q: give a place name in any spelling, e.g. q=Kimhwa") }
        switch services.gazetteer.lookup(q) {
        case let .found(matches): return JSONResponse.make(matches.map { PlaceMatch($0, gazetteer: services.gazetteer) })
        case let .notFound(suggestions):
            throw APIError.notFound("no place is called \(q); did you mean: \(suggestions.map(services.gazetteer.label).joined(separator: "; "))?")
        }
    }

    /// GET /api/v1/programme/status[?year=&province=&min_grade=&as_of=&stall_months=] — the JSON of `jibang status --format json`.
    @Sendable func status(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        let filter = try query.siteFilter(services.gazetteer)
        let (year, province) = (filter.year, filter.provinceID)
        let minGrade: SourceGrade? = try query.string("min_grade").map { text in
            guard let grade = SourceGrade(rawValue: text) else {
                throw APIError.badRequest("min_grade: found \(text), expected state-media, relay or secondary")
            }
            return grade
        }
        let key = "\(year ?? 0)|\(province ?? "")|\(minGrade?.rawValue ?? "")|\(filter.asOf)|\(filter.stallMonths)"
        let json = try await services.cachedStatus(key: key) {
            let status = ProgrammeStatus(
                sites: try await services.store.sites(), gazetteer: services.gazetteer, year: year, provinceID: province,
                throughYear: services.thisYear, bundledData: try await services.store.bundledRecord(), minGrade: minGrade,
                asOf: filter.asOf, stallMonths: filter.stallMonths)
            return ProgrammeJSON.encode(status).trimmingCharacters(in: .newlines) + "\n"
        }
        return JSONResponse.text(json)
    }

    /// GET /api/v1/programme/forecast[?as_of=&seed=&runs=] — the JSON of `jibang forecast --format json`.
    @Sendable func forecast(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        let asOf = try query.asOf()
        let runs = try query.int("runs", default: 2000, range: 1...20_000)
        let seed =
            try query.string("seed").map { text in
                guard let seed = UInt64(text) else { throw APIError.badRequest("seed: found \(text), expected a whole number") }
                return seed
            } ?? ProgrammeForecast.defaultSeed
        let json = try await services.cachedStatus(key: "forecast|\(asOf)|\(runs)|\(seed)") {
            let forecast = ProgrammeForecast(
                sites: try await services.store.sites(), gazetteer: services.gazetteer, options: .init(asOf: asOf, seed: seed, runs: runs))
            return ProgrammeJSON.encode(forecast).trimmingCharacters(in: .newlines) + "\n"
        }
        return JSONResponse.text(json)
    }

    /// A page of results with its position.
    struct Page<Item: Encodable>: Encodable {
        let items: [Item]
        let page: Int
        let perPage: Int
        let total: Int
    }

    /// GET /api/v1/sites[?year=&province=&status=&phase=&role=&as_of=&stall_months=&page=&per_page=]
    @Sendable func sites(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        let filter = try query.siteFilter(services.gazetteer)
        let page = try query.int("page", default: 1, range: 1...100_000)
        let perPage = try query.int("per_page", default: 50, range: 1...500)
        let all = filter.apply(try await services.store.sites(), gazetteer: services.gazetteer)
        let items = all.dropFirst((page - 1) * perPage).prefix(perPage).map {
            SiteSummary($0, gazetteer: services.gazetteer, asOf: filter.asOf, stallMonths: filter.stallMonths)
        }
        return JSONResponse.make(Page(items: Array(items), page: page, perPage: perPage, total: all.count))
    }

    /// GET /api/v1/sites/{id} — a gazetteer id or any spelling of the place.
    @Sendable func site(_ request: Request, context: Context) async throws -> Response {
        let division = try resolvePath(try context.pathText("id"))
        let sites = try await services.store.sites().filter { $0.divisionID == division.id }
        guard !sites.isEmpty else { throw APIError.notFound("\(division.englishName) is not a programme site (yet)") }
        let filter = try QueryParameters(request).siteFilter(services.gazetteer)
        return JSONResponse.make(
            SiteDetail(division: division, sites: sites, gazetteer: services.gazetteer, asOf: filter.asOf, stallMonths: filter.stallMonths))
    }

    /// A place named in a request's body or query: unknown or ambiguous is 422.
    func resolve(_ text: String) throws -> Division {
        try services.gazetteer.resolve(idOrName: text, at: InputLocation(file: "place"))
    }

    /// The place a path names. One the gazetteer does not have is a resource that is not there:
    /// 404, with the suggestions; an ambiguous name stays 422 (it names several).
    func resolvePath(_ text: String) throws -> Division {
        do { return try resolve(text) } catch let error as JibangError where error.code == .unknownPlace {
            throw APIError(status: .notFound, error: error.code.rawValue, detail: "\(error)", hint: error.hint)
        }
    }

    /// The body of POST /api/v1/milestones.
    struct NewMilestone: Decodable {
        let place: String
        let stage: String
        let event: String
        let date: String
        let status: String?
        let facilities: String?
        let note: String?
        let actors: [String]?
        let source: NewSource
        /// Add a month, year or range that contains a milestone already recorded to the day.
        let allowOverlap: Bool?

        enum CodingKeys: String, CodingKey {
            case place, stage, event, date, status, facilities, note, actors, source
            case allowOverlap = "allow_overlap"
        }
    }

    struct NewSource: Decodable {
        let url: String
        let outlet: String?
        let title: String?
        let published: String?
        let language: String?
        let quote: String?
        /// The date this source gives for the event, when it differs from the milestone's.
        let date: String?

        func source() throws(JibangError) -> Source {
            Source(
                url: try FieldRules.url(url, at: InputLocation(file: "source.url")), outlet: outlet ?? Source.host(of: url), title: title,
                published: try FieldRules.day(published ?? "", at: InputLocation(file: "source.published")), language: language, quote: quote,
                reading: try date.map { text throws(JibangError) in try FieldRules.date(text, at: InputLocation(file: "source.date")) })
        }
    }

    /// POST /api/v1/milestones (token) — validated like an import; the site is created when new.
    @Sendable func addMilestone(_ request: Request, context: Context) async throws -> Response {
        let body: NewMilestone = try await context.decode(request)
        let division = try resolve(body.place)
        let stage = try FieldRules.stage(body.stage, at: InputLocation(file: "stage"))
        let (kind, detail) = try FieldRules.kind(body.event, at: InputLocation(file: "event"))
        let milestone = Milestone(
            kind: kind, date: try FieldRules.date(body.date, at: InputLocation(file: "date")),
            status: try FieldRules.status(body.status ?? "claimed", at: InputLocation(file: "status")), detail: detail,
            facilities: body.facilities ?? "", note: body.note,
            actors: try FieldRules.actors((body.actors ?? []).joined(separator: "; "), at: InputLocation(file: "actors")),
            sources: [try body.source.source()])
        let entry = ProgrammeEntry(stageID: stage.id, divisionID: division.id, milestone: milestone, origin: InputLocation(file: "request body"))
        let warnings = try RecordChecks.addition(
            entry, in: try await services.store.sites(), today: RecordChecks.today, allowOverlap: body.allowOverlap ?? false)
        for warning in warnings { context.logger.notice("milestone added with a warning: \(warning)") }
        let summary = try await services.store.importEntries([entry], file: "api")
        services.invalidate()
        return JSONResponse.make(summary, status: .created)
    }

    /// POST /api/v1/milestones/{id}/sources (token)
    @Sendable func addSource(_ request: Request, context: Context) async throws -> Response {
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the milestone id must be a number") }
        let body: NewSource = try await context.decode(request)
        try await services.store.addSource(try body.source(), toMilestone: id)
        services.invalidate()
        return JSONResponse.make(["milestone": id], status: .created)
    }

    // MARK: - Corrections

    func milestoneID(_ context: Context) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the milestone id must be a number") }
        return id
    }

    /// PATCH /api/v1/milestones/{id} (token) — `{event?, date?, status?, place?, facilities?, note?, reason}`; the milestone as stored.
    @Sendable func editMilestone(_ request: Request, context: Context) async throws -> Response {
        let id = try milestoneID(context)
        let change: MilestoneChange = try await context.decode(request)
        let (stored, warnings) = try await services.store.correct(
            milestone: id, with: change, gazetteer: services.gazetteer, today: RecordChecks.today)
        for warning in warnings { context.logger.notice("milestone #\(id) edited with a warning: \(warning)") }
        services.invalidate()
        return JSONResponse.make(stored)
    }

    /// The body of a retraction or restoration.
    struct Reason: Decodable {
        let reason: String?
    }

    /// The body of POST /api/v1/sites/{id}/role.
    struct RoleChange: Decodable {
        let role: String
        /// The stage, when the place is a site in several.
        let stage: String?
        let reason: String?
    }

    /// POST /api/v1/sites/{id}/role (token) — `{role, stage, reason}`: count a site as one of its
    /// wave's cities and counties, or as an associated project. Audited; 422 when it already is.
    @Sendable func setRole(_ request: Request, context: Context) async throws -> Response {
        let division = try resolvePath(try context.pathText("id"))
        let body: RoleChange = try await context.decode(request)
        guard let role = try FieldRules.role(body.role, at: InputLocation(file: "request", field: "role")) else {
            throw APIError.badRequest("role: give wave or associated")
        }
        let sites = try await services.store.sites().filter { $0.divisionID == division.id }
        let site = try StageChoice.site(among: ProgrammeRecord.ordered(sites), stage: body.stage, place: division.englishName)
        try await services.store.setRole(site: site.id!, role, reason: try MilestoneCorrection.reason(body.reason))
        services.invalidate()
        return JSONResponse.make(["division_id": division.id, "stage": site.stageID, "role": role.rawValue])
    }

    /// POST /api/v1/milestones/{id}/retract (token) — `{reason}`: kept, shown as retracted, never counted.
    @Sendable func retractMilestone(_ request: Request, context: Context) async throws -> Response {
        try await setRetracted(request, context: context, true)
    }

    /// POST /api/v1/milestones/{id}/restore (token) — `{reason}`.
    @Sendable func restoreMilestone(_ request: Request, context: Context) async throws -> Response {
        try await setRetracted(request, context: context, false)
    }

    func setRetracted(_ request: Request, context: Context, _ retracted: Bool) async throws -> Response {
        let id = try milestoneID(context)
        let body: Reason = try await context.decode(request)
        try await services.store.setRetracted(milestone: id, retracted, reason: try MilestoneCorrection.reason(body.reason))
        services.invalidate()
        return JSONResponse.make(["milestone": .number(Double(id)), "retracted": JSONValue.bool(retracted)] as [String: JSONValue])
    }

    /// The body of a source's retraction or restoration.
    struct SourceReason: Decodable {
        let url: String
        let reason: String?
    }

    /// POST /api/v1/milestones/{id}/sources/retract (token) — `{url, reason}`.
    @Sendable func retractSource(_ request: Request, context: Context) async throws -> Response {
        try await setSourceRetracted(request, context: context, true)
    }

    /// POST /api/v1/milestones/{id}/sources/restore (token) — `{url, reason}`.
    @Sendable func restoreSource(_ request: Request, context: Context) async throws -> Response {
        try await setSourceRetracted(request, context: context, false)
    }

    func setSourceRetracted(_ request: Request, context: Context, _ retracted: Bool) async throws -> Response {
        let id = try milestoneID(context)
        let body: SourceReason = try await context.decode(request)
        try await services.store.setRetracted(sourceOf: id, url: body.url, retracted, reason: try MilestoneCorrection.reason(body.reason))
        services.invalidate()
        return JSONResponse.make(
            ["milestone": .number(Double(id)), "url": .string(body.url), "retracted": JSONValue.bool(retracted)] as [String: JSONValue])
    }

    /// GET /api/v1/audit[?since=&entity=&id=&limit=] (admin token) — the JSON of `jibang audit --format json`.
    @Sendable func audit(_ request: Request, context: Context) async throws -> Response {
        let actor = AuditActor.current
        guard actor.kind == "token" else { throw APIError.unauthorized }
        guard actor.role == TokenRole.admin.rawValue else {
            throw APIError(status: .forbidden, error: "forbidden", detail: "the audit trail needs an admin token")
        }
        let query = QueryParameters(request)
        if let since = query.string("since"), Day(iso: String(since.prefix(10))) == nil {
            throw APIError.badRequest("since: found \(since), expected a day like 2025-01-15")
        }
        let entries = try await services.store.auditEntries(
            since: query.string("since"), entity: query.string("entity"), entityID: query.string("id"),
            limit: try query.int("limit", default: 100, range: 1...1000))
        return JSONResponse.make(entries)
    }
}
