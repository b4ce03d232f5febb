import Foundation
import HTTPTypes
import Hummingbird
import JibangBase
import JibangCore
import JibangEvidence
import NIOCore

/// The review desk: sign in once, one card per event, decisions one by one, in bulk or undone.
/// Every action is a plain form post (the keyboard script only presses its buttons); the
/// session and CSRF token were checked by `AccessMiddleware` before any of these runs.
extension PageController {
    func addDeskRoutes(to router: Router<Context>) {
        router.get("/signin", use: signInPage)
        router.post("/signin", use: signIn)
        router.post("/signout", use: signOut)
        router.get("/review", use: desk)
        router.post("/review/groups", use: decideGroup)
        router.post("/review/bulk", use: bulk)
        router.post("/review/undo", use: undo)
        router.get("/assets/desk.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: PageTemplates.deskScript)))
        }
    }

    // MARK: - Signing in

    @Sendable func signInPage(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        let form = SecretToken.make()
        var response = DeskPages.signIn(
            next: Self.localPath(q.string("next")), message: q.string("message"), form: form, session: RequestSession.current
        )
        .response
        SessionCookie.setSignIn(form, secure: SessionCookie.isHTTPS(request, trustProxy: services.trustProxy), on: &response)
        return response
    }

    /// POST /signin: a valid token starts a session (cookie) and goes on to `next`; a wrong one
    /// counts toward the rate limit. The form must carry the token its page set as a cookie.
    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let fields = FormFields(String(buffer: try await context.body(of: request)))
        let next = Self.localPath(fields.given("next"))
        guard let form = request.cookies[SessionCookie.signInName]?.value, !form.isEmpty,
            AccessMiddleware<Context>.constantTimeEqual(fields.first("signin") ?? "", form)
        else {
            throw APIError(
                status: .forbidden, error: "forbidden",
                detail: "the sign-in form is missing its token or has expired; open /signin again and sign in from there")
        }
        func page(_ message: String, _ status: HTTPResponse.Status) -> Response {
            var response = DeskPages.signIn(next: next, message: message, form: form, session: nil).response
            response.status = status
            return response
        }
        let client = SessionCookie.client(request, peer: context.peer, trustProxy: services.trustProxy)
        if let wait = services.signIns.wait(for: client) {
            var response = page("Too many failed sign-ins; try again in \(wait) s.", .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        guard let token = fields.given("token"), token.count < 200,
            let (secret, _) = try await services.store.startSession(tokenSecret: token, lifetime: services.sessionLifetime)
        else {
            services.signIns.recordFailure(of: client)
            return page(
                "That token is unknown or revoked; paste the whole token (it starts with jb_) that `jibang token create` printed.", .unauthorized)
        }
        var response = Response(status: .seeOther, headers: [.location: next])
        SessionCookie.set(
            secret, lifetime: services.sessionLifetime, secure: SessionCookie.isHTTPS(request, trustProxy: services.trustProxy), on: &response)
        return response
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        if let secret = RequestSession.secret { try await services.store.endSession(ofSecret: secret) }
        var response = Response(status: .seeOther, headers: [.location: "/signin?" + QueryString.make([("message", "Signed out.")])])
        SessionCookie.clear(secure: SessionCookie.isHTTPS(request, trustProxy: services.trustProxy), on: &response)
        return response
    }

    /// A path on this server to go back to (never another site's address); /review otherwise.
    static func localPath(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"), text.count < 2000 else { return "/review" }
        return text
    }

    // MARK: - The desk

    @Sendable func desk(_ request: Request, context: Context) async throws -> Response {
        let q = QueryParameters(request)
        let filter = try deskFilter(q.parameters.getAll)
        let groups = try await services.review.groups(status: .pending)
        return DeskPages.desk(
            groups: groups, filter: filter, gazetteer: services.gazetteer, sites: try await services.store.sites(), message: q.string("message"),
            session: RequestSession.current, back: Self.backQuery(q.parameters.getAll)
        ).response
    }

    /// The desk's filters from a query or a form (`values` gives every value of a name).
    func deskFilter(_ values: (String) -> [String]) throws -> DeskFilter {
        func one(_ name: String) -> String? { values(name).first { !$0.isEmpty } }
        var filter = DeskFilter()
        if let text = one("wave") {
            guard let year = Int(text), Programme.years.contains(year) else {
                throw APIError.badRequest("wave=\(text): expected a programme year \(Programme.years.lowerBound)–\(Programme.years.upperBound)")
            }
            filter.wave = year
        }
        filter.provinceID = one("province")
        if let text = one("event") {
            guard let event = EvidenceEvent(rawValue: text) else {
                throw APIError.badRequest("event=\(text): expected one of \(EvidenceEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.event = event
        }
        if let text = one("confidence") {
            guard let value = Double(text), (0...1).contains(value) else { throw APIError.badRequest("confidence=\(text): expected 0–1") }
            filter.minConfidence = value
        }
        filter.outlet = one("outlet")
        if let text = one("language") {
            guard ["ko", "en"].contains(text) else { throw APIError.badRequest("language=\(text): expected ko or en") }
            filter.language = text
        }
        for (name, keyPath) in [("from", \DeskFilter.from), ("to", \DeskFilter.to)] {
            guard let text = one(name) else { continue }
            guard let day = Day(iso: text) else { throw APIError.badRequest("\(name)=\(text): expected a day, YYYY-MM-DD") }
            filter[keyPath: keyPath] = day
        }
        if let text = one("sort") {
            guard let sort = DeskFilter.Sort(rawValue: text) else { throw APIError.badRequest("sort=\(text): expected confidence or date") }
            filter.sort = sort
        }
        return filter
    }

    static let filterNames = ["wave", "province", "event", "confidence", "outlet", "language", "from", "to", "sort"]

    /// The filters as a query string, to come back to the same selection after a decision.
    static func backQuery(_ values: (String) -> [String]) -> String {
        QueryString.make(filterNames.compactMap { name in values(name).first { !$0.isEmpty }.map { (name, $0) } })
    }

    /// Back to the desk with the filters the form came from (only filter names, re-encoded:
    /// nothing a form sends reaches the Location header as it was typed) and a message.
    func backToDesk(_ fields: FormFields, message: String) -> Response {
        let back = Self.backQuery { name in FormFields(fields.first("back") ?? "").all(name) }
        let query = (back.isEmpty ? "" : back + "&") + QueryString.make([("message", message)])
        return Response(status: .seeOther, headers: [.location: "/review?" + query])
    }

    // MARK: - Deciding

    /// POST /review/groups: accept (with the card's corrections) or reject one card. 409 when
    /// the card changed since the analyst saw it.
    @Sendable func decideGroup(_ request: Request, context: Context) async throws -> Response {
        let fields = FormFields(String(buffer: try await context.body(of: request)))
        guard let group = fields.given("group") else { throw APIError.badRequest("the form names no group") }
        let members = try Self.memberIDs(fields.first("members"))
        do {
            let message: String
            if fields.first("decision") == "reject" {
                let decision = try await services.review.reject(group: group, members: members, note: Self.reason(fields))
                try await remember(decision, label: "rejected \(Self.cardLabel(decision))")
                message = "Rejected \(Self.cardLabel(decision))."
            } else {
                let decision = try await services.review.accept(group: group, members: members, edit: try edit(fields), note: fields.given("note"))
                services.invalidate()
                try await remember(decision, label: "accepted \(Self.cardLabel(decision))")
                message =
                    "Accepted \(Self.cardLabel(decision)): milestone #\(decision.milestoneID ?? 0) at \(decision.siteLabel ?? "") \(decision.created ? "created" : "now cites them")."
            }
            return backToDesk(fields, message: message)
        } catch let error as JibangError where error.code == .conflict || error.code == .notFound {
            // The card is not what the analyst saw any more (changed, or gone): 409.
            return Page.error(
                APIError(
                    status: .conflict, error: "conflict", detail: "\(APIError(error).detail) The desk at /review shows the cards as they are now."))
        } catch {
            return backToDesk(fields, message: "Card \(group): \(APIError(error).detail)")
        }
    }

    /// The card's corrections, as the analyst typed them (empty fields keep the proposal).
    func edit(_ fields: FormFields) throws -> CandidateEdit {
        try CandidateEdit(
            place: fields.first("place"), event: fields.first("event"), date: fields.first("date"), role: fields.first("role"),
            gazetteer: services.gazetteer)
    }

    static func reason(_ fields: FormFields) -> String { fields.given("reason") ?? "rejected in the review desk" }

    static func memberIDs(_ text: String?) throws -> [Int64]? {
        guard let text, !text.isEmpty else { return nil }
        let ids = text.split(separator: ",").map { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard ids.allSatisfy({ $0 != nil }), ids.count <= 10_000 else {
            throw APIError.badRequest("members=\(text.prefix(40)): expected candidate ids, comma-separated")
        }
        return ids.compactMap { $0 }
    }

    static func cardLabel(_ decision: ReviewQueue.GroupDecision) -> String {
        "\(decision.groupID) (\(decision.candidates.count) report\(decision.candidates.count == 1 ? "" : "s"))"
    }

    /// Keeps a decision as the session's last, for undo.
    func remember(_ decisions: [ReviewQueue.GroupDecision], label: String) async throws {
        try await remember(candidates: decisions.flatMap(\.candidates), label: label)
    }

    func remember(candidates: [Int64], label: String) async throws {
        guard let session = RequestSession.current else { return }
        try await services.store.setLastDecision(session: session.id, DeskDecision(label: label, candidates: candidates).json)
    }

    func remember(_ decision: ReviewQueue.GroupDecision, label: String) async throws { try await remember([decision], label: label) }

    /// POST /review/bulk: first a confirmation that says how many milestones will change; with
    /// `confirm=yes`, the cards it listed are decided (any that changed since is skipped).
    @Sendable func bulk(_ request: Request, context: Context) async throws -> Response {
        let fields = FormFields(String(buffer: try await context.body(of: request)))
        let accept = fields.first("decision") != "reject"
        guard fields.first("confirm") == "yes" else {
            let filter = try deskFilter(fields.all)
            let groups = filter.apply(try await services.review.groups(status: .pending))
            return DeskPages.confirm(
                groups: groups, accept: accept, reason: fields.given("reason"), back: Self.backQuery(fields.all), session: RequestSession.current
            ).response
        }
        var picks: [(group: String, members: [Int64])] = []
        for pick in fields.all("pick") {
            let parts = pick.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let members = try Self.memberIDs(parts[1]) else {
                throw APIError.badRequest("pick=\(pick.prefix(60)): expected GROUP_ID|ID,ID,…")
            }
            picks.append((parts[0], members))
        }
        let result = try await services.review.decide(picks: picks, accept: accept, note: accept ? fields.given("note") : Self.reason(fields))
        let (decided, changed) = (result.decided, result.changed)
        let failed = result.failed.map { "\($0.group): \(APIError($0.error).detail)" }
        if accept { services.invalidate() }
        let verb = accept ? "Accepted" : "Rejected"
        let reports = decided.reduce(0) { $0 + $1.candidates.count }
        if !decided.isEmpty { try await remember(decided, label: "\(verb.lowercased()) \(decided.count) cards (\(reports) reports) in bulk") }
        var message = "\(verb) \(decided.count) card\(decided.count == 1 ? "" : "s") (\(reports) reports)"
        if accept {
            let created = decided.filter(\.created).count
            message += ": \(created) milestone\(created == 1 ? "" : "s") created, \(decided.count - created) corroborated"
        }
        message += "."
        if !changed.isEmpty { message += " \(changed.count) card(s) had changed since and were left for you to see again." }
        if !failed.isEmpty { message += " Not decided: " + failed.joined(separator: "; ") }
        return backToDesk(fields, message: message)
    }

    /// POST /review/undo: the session's last decision is taken back; its reports are pending again.
    @Sendable func undo(_ request: Request, context: Context) async throws -> Response {
        let fields = FormFields(String(buffer: try await context.body(of: request)))
        guard let session = RequestSession.current, let last = session.lastDecision.flatMap(DeskDecision.init(json:)) else {
            return backToDesk(fields, message: "Nothing to undo in this session.")
        }
        do {
            try await services.review.undo(candidates: last.candidates, reason: "undone in the review desk: \(last.label)")
            try await services.store.setLastDecision(session: session.id, nil)
            services.invalidate()
            return backToDesk(fields, message: "Undone: \(last.label). Its reports are pending again.")
        } catch {
            return backToDesk(fields, message: "Cannot undo \(last.label): \(APIError(error).detail)")
        }
    }
}

/// A session's last decision, kept for undo: what it was and the candidates it decided.
struct DeskDecision: Codable, Equatable {
    let label: String
    let candidates: [Int64]

    init(label: String, candidates: [Int64]) {
        self.label = label
        self.candidates = candidates
    }

    init?(json: String) {
        guard let value = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = value
    }

    var json: String { (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}" }
}
