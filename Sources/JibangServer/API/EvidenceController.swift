import Hummingbird
import JibangBase
import JibangCore
import JibangEvidence
import JibangStore

/// The evidence review queue: list, accept, reject (writes need a token).
struct EvidenceController {
    typealias Context = JibangRequestContext

    let services: JibangServices

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("evidence", use: list)
        group.get("evidence/groups", use: groups)
        group.post("evidence/groups/:group/accept", use: acceptGroup)
        group.post("evidence/groups/:group/reject", use: rejectGroup)
        group.post("evidence/:id/accept", use: accept)
        group.post("evidence/:id/reject", use: reject)
        group.post("evidence/:id/revert", use: revert)
    }

    /// GET /api/v1/evidence[?status=pending&event=…&limit=]
    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        let status: Candidate.Status? = try query.string("status").map { _ in try query.choice("status", default: Candidate.Status.pending) }
        let event: EvidenceEvent? = try query.string("event").map { _ in try query.choice("event", default: EvidenceEvent.inauguration) }
        let limit = try query.int("limit", default: 200, range: 1...5000)
        return JSONResponse.make(try await services.review.candidates(status: status, event: event, limit: limit))
    }

    /// What accepting did: the milestone, whether it is new, its site and date.
    struct Accepted: Encodable {
        let milestoneId: Int64
        let created: Bool
        let site: String
        let date: String
    }

    struct Decision: Decodable {
        let place: String?
        let stage: String?
        let note: String?
        /// The stored milestone the article reports (its differing date is kept as a reading).
        let milestone: Int64?
        /// "associated" files the article as an associated project (not counted among the wave's sites).
        var role: String? = nil
    }

    /// POST /api/v1/evidence/{id}/accept (token) — optional body {place, stage, note, milestone, role}.
    @Sendable func accept(_ request: Request, context: Context) async throws -> Response {
        let id = try candidateID(context)
        let decision: Decision = try await context.optionalBody(request) ?? Decision(place: nil, stage: nil, note: nil, milestone: nil)
        let placeID = try decision.place.map { text in
            try services.gazetteer.resolve(idOrName: text, at: InputLocation(file: "place")).id
        }
        if decision.role == "" { throw APIError.badRequest("role: give wave or associated, or leave it out") }
        let role = try FieldRules.role(decision.role ?? "", at: InputLocation(file: "request", field: "role"))
        let result = try await services.review.accept(
            candidate: id, placeID: placeID, stageID: decision.stage, note: decision.note, milestone: decision.milestone, role: role)
        services.invalidate()
        return JSONResponse.make(Accepted(milestoneId: result.milestoneID, created: result.created, site: result.siteLabel, date: result.date))
    }

    /// POST /api/v1/evidence/{id}/reject (token) — optional body {note}.
    @Sendable func reject(_ request: Request, context: Context) async throws -> Response {
        let id = try candidateID(context)
        let decision: Decision? = try await context.optionalBody(request)
        try await services.review.reject(candidate: id, note: decision?.note)
        return JSONResponse.make(["rejected": id])
    }

    /// The body of a revert: why.
    struct Revert: Decodable {
        let reason: String?
    }

    /// POST /api/v1/evidence/{id}/revert (token) — `{reason}`: retracts what accepting it wrote.
    @Sendable func revert(_ request: Request, context: Context) async throws -> Response {
        let id = try candidateID(context)
        let body: Revert = try await context.decode(request)
        let (milestone, retracted) = try await services.review.revert(candidate: id, reason: body.reason ?? "")
        services.invalidate()
        return JSONResponse.make(["reverted": id, "milestone": milestone, "retracted_milestone": retracted ? 1 : 0])
    }

    func candidateID(_ context: Context) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the candidate id must be a number") }
        return id
    }

    // MARK: - Groups (one card per event)

    /// GET /api/v1/evidence/groups[?status=pending&event=…&limit=]: the queue grouped by event,
    /// the JSON of `jibang evidence list --group --format json`.
    @Sendable func groups(_ request: Request, context: Context) async throws -> Response {
        let query = QueryParameters(request)
        let status = try query.choice("status", default: Candidate.Status.pending)
        let event: EvidenceEvent? = try query.string("event").map { _ in try query.choice("event", default: EvidenceEvent.inauguration) }
        let limit = try query.int("limit", default: 200, range: 1...5000)
        return JSONResponse.make(Array(try await services.review.groups(status: status, event: event).prefix(limit)))
    }

    /// A group decision's body: the member ids the client saw (409 when the group has others
    /// now), and for an acceptance the corrections.
    struct GroupDecisionBody: Decodable {
        let members: [Int64]?
        let place: String?
        let event: String?
        let date: String?
        let role: String?
        let stage: String?
        let note: String?
    }

    /// What deciding a group did.
    struct GroupDecided: Encodable {
        let groupId: String
        let candidates: [Int64]
        let milestoneId: Int64?
        let created: Bool
        let site: String?
    }

    /// POST /api/v1/evidence/groups/{group}/accept (token) — optional body {members, place, event, date, role, stage, note}.
    @Sendable func acceptGroup(_ request: Request, context: Context) async throws -> Response {
        let id = try context.pathText("group")
        let body: GroupDecisionBody? = try await context.optionalBody(request)
        // The group first (404 or 409), then the corrections.
        let group = try await services.review.pendingGroup(id: id, expecting: body?.members)
        let edit = try CandidateEdit(place: body?.place, event: body?.event, date: body?.date, role: body?.role, gazetteer: services.gazetteer)
        let decision = try await services.review.accept(group, edit: edit, stageID: body?.stage, note: body?.note)
        services.invalidate()
        return JSONResponse.make(
            GroupDecided(
                groupId: decision.groupID, candidates: decision.candidates, milestoneId: decision.milestoneID, created: decision.created,
                site: decision.siteLabel))
    }

    /// POST /api/v1/evidence/groups/{group}/reject (token) — optional body {members, note}.
    @Sendable func rejectGroup(_ request: Request, context: Context) async throws -> Response {
        let id = try context.pathText("group")
        let body: GroupDecisionBody? = try await context.optionalBody(request)
        let decision = try await services.review.reject(try await services.review.pendingGroup(id: id, expecting: body?.members), note: body?.note)
        return JSONResponse.make(
            GroupDecided(groupId: decision.groupID, candidates: decision.candidates, milestoneId: nil, created: false, site: nil))
    }
}
