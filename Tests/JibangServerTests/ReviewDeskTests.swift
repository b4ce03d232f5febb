import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JibangCore
import JibangEvidence
import JibangServer
import JibangStore
import JibangTestSupport
import Testing

/// Issue 20: the review desk. Sign in once (a session cookie), every form with its CSRF token,
/// one card per event, decisions refused when the card changed, bulk decisions and undo.
@Suite struct ReviewDeskTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Another token of the same shape: the first character changed to one it is not
    /// (prefixing "x" would give the token itself back when it already starts with "x").
    static func tampered(_ token: String) -> String {
        (token.first == "x" ? "y" : "x") + token.dropFirst()
    }

    /// A signed-in browser: its cookie header and the CSRF token the desk's forms carry.
    struct Browser {
        let cookie: String
        let csrf: String
        var headers: HTTPFields { [.contentType: "application/x-www-form-urlencoded", .cookie: cookie] }
    }

    /// The sign-in form's cookie and token, as a browser gets them by opening /signin.
    static func signInForm(_ client: some TestClientProtocol) async throws -> (headers: HTTPFields, field: String) {
        var result: (HTTPFields, String) = ([:], "")
        try await client.execute(uri: "/signin", method: .get) { response in
            let cookie = String((response.headers[.setCookie] ?? "").split(separator: ";")[0])
            let field = String(String(buffer: response.body).firstMatch(of: /name="signin" value="([^"]+)"/)?.1 ?? "")
            result = ([.contentType: "application/x-www-form-urlencoded", .cookie: cookie], field)
        }
        return result
    }

    static func signIn(_ client: some TestClientProtocol, token: String) async throws -> Browser {
        var cookie = ""
        let signIn = try await signInForm(client)
        try await client.execute(
            uri: "/signin", method: .post, headers: signIn.headers, body: ByteBuffer(string: "token=\(token)&next=/review&signin=\(signIn.field)")
        ) { response in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/review")
            cookie = String((response.headers[.setCookie] ?? "").split(separator: ";")[0])
        }
        var csrf = ""
        try await client.execute(uri: "/review", method: .get, headers: [.cookie: cookie]) { response in
            let html = String(buffer: response.body)
            csrf = String(html.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1 ?? "")
        }
        #expect(!csrf.isEmpty, "a signed-in desk carries the CSRF token in its forms")
        return Browser(cookie: cookie, csrf: csrf)
    }

    /// What a form post could change: every candidate's status, every milestone with its
    /// sources, the audit trail's length and the sessions.
    static func snapshot(_ store: any RecordStore) async throws -> String {
        let candidates = try await store.candidateRecords(status: nil, event: nil, limit: 100_000).map { "\($0.id!):\($0.status)" }
        let milestones = try await store.sites().flatMap(\.milestones).map { m in
            "\(m.id ?? 0):\(m.date):\(m.retraction == nil):\(m.sources.map { "\($0.url)\($0.retraction == nil)" })"
        }
        let audit = try await store.auditEntries(since: nil, entity: nil, entityID: nil, limit: 100_000).count
        return "\(candidates)|\(milestones.sorted())|\(audit)"
    }

    /// Every state-changing form, posted without a session, with a session but without its
    /// CSRF token, and with another token: 403, and nothing in the store changes.
    @Test(arguments: Engine.all)
    func everyFormWithoutItsCSRFTokenIsRefusedAndChangesNothing(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        let group = try #require(try await review.groups().first)
        let candidate = try #require(group.memberIDs.first)
        let site = try #require(try await store.sites().first { !$0.milestones.isEmpty })
        let milestone = try #require(site.milestones.first?.id)
        let forms: [(path: String, body: String)] = [
            ("/review/groups", "group=\(group.id)&members=\(group.memberIDs.map(String.init).joined(separator: ","))&decision=accept"),
            ("/review/groups", "group=\(group.id)&decision=reject&reason=no"),
            ("/review/bulk", "decision=reject&confirm=yes&pick=\(group.id)%7C\(candidate)"),
            ("/review/undo", ""),
            ("/review/\(candidate)", "decision=accept"),
            ("/sites/\(site.divisionID)/milestones/\(milestone)", "action=retract&reason=test"),
            ("/signout", ""),
        ]
        let token2 = try await store.createToken(role: .editor)
        try await app.test(.router) { client in
            let browser = try await Self.signIn(client, token: token)
            let before = try await Self.snapshot(store)
            for (path, body) in forms {
                for (label, headers, csrf) in [
                    ("no session", Self.form, "&csrf=\(browser.csrf)"), ("no CSRF token", browser.headers, ""),
                    ("another CSRF token", browser.headers, "&csrf=\(Self.tampered(browser.csrf))"),
                ] {
                    try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body + csrf)) { response in
                        #expect(response.status == .forbidden, "\(path) with \(label): \(response.status)")
                    }
                }
            }
            // Signing in without the sign-in form's token (a form posted from another site): 403, no session.
            let signIn = try await Self.signInForm(client)
            for (headers, field) in [(Self.form, signIn.field), (signIn.headers, ""), (signIn.headers, Self.tampered(signIn.field))] {
                try await client.execute(uri: "/signin", method: .post, headers: headers, body: ByteBuffer(string: "token=\(token2)&signin=\(field)"))
                {
                    response in
                    #expect(response.status == .forbidden)
                    #expect(response.headers[.setCookie] == nil, "no session cookie")
                }
            }
            #expect(try await Self.snapshot(store) == before, "no refused form changed the store")
            // The session survived (signing out without the token was refused too).
            try await client.execute(uri: "/review", method: .get, headers: [.cookie: browser.cookie]) { response in
                #expect(String(buffer: response.body).contains("Signed in as"))
            }
        }
    }

    @Test(arguments: Engine.all)
    func signingInSetsAStrictHTTPOnlyCookieAndEndsWithSignOutOrRevocation(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine, trustProxy: true)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor, label: "desk")
        try await app.test(.router) { client in
            let signIn = try await Self.signInForm(client)
            try await client.execute(
                uri: "/signin", method: .post, headers: signIn.headers, body: ByteBuffer(string: "token=\(token)&signin=\(signIn.field)")
            ) {
                response in
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                #expect(!cookie.contains("Secure"), "plain HTTP: not Secure")
                #expect(!cookie.contains(token), "the cookie is not the token")
            }
            var proxied = signIn.headers
            proxied[HTTPField.Name("X-Forwarded-Proto")!] = "https"
            try await client.execute(
                uri: "/signin", method: .post, headers: proxied, body: ByteBuffer(string: "token=\(token)&signin=\(signIn.field)")
            ) {
                response in
                #expect(response.headers[.setCookie]?.contains("Secure") == true, "HTTPS at a trusted proxy: Secure")
            }
            // Signing out ends the session: its cookie no longer signs in.
            let first = try await Self.signIn(client, token: token)
            try await client.execute(uri: "/signout", method: .post, headers: first.headers, body: ByteBuffer(string: "csrf=\(first.csrf)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/review/undo", method: .post, headers: first.headers, body: ByteBuffer(string: "csrf=\(first.csrf)")) {
                #expect($0.status == .forbidden, "signed out")
            }
            // Revoking the token ends its sessions.
            let second = try await Self.signIn(client, token: token)
            try await store.revokeToken(id: try #require(try await store.tokens().first?.id))
            try await client.execute(uri: "/review/undo", method: .post, headers: second.headers, body: ByteBuffer(string: "csrf=\(second.csrf)")) {
                #expect($0.status == .forbidden, "the token was revoked")
            }
        }
    }

    @Test(arguments: Engine.all)
    func aViewersDeskShowsTheCardsWithoutDecisionForms(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let viewer = try await store.createToken(role: .viewer)
        let editor = try await store.createToken(role: .editor)
        try await app.test(.router) { client in
            for (token, writes) in [(viewer, false), (editor, true)] {
                let browser = try await Self.signIn(client, token: token)
                try await client.execute(uri: "/review", method: .get, headers: [.cookie: browser.cookie]) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("section class=\"gcard\""))
                    #expect(html.contains(#"action="/review/groups""#) == writes)
                    #expect(html.contains(#"action="/review/bulk""#) == writes)
                }
            }
        }
    }

    @Test(arguments: Engine.all)
    func signInAttemptsAreRateLimited(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let token = try await openStore(path).createToken(role: .editor)
        try await app.test(.router) { client in
            let signIn = try await Self.signInForm(client)
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/signin", method: .post, headers: signIn.headers, body: ByteBuffer(string: "token=jb_wrong&signin=\(signIn.field)")
                ) {
                    #expect($0.status == .unauthorized)
                }
            }
            try await client.execute(
                uri: "/signin", method: .post, headers: signIn.headers, body: ByteBuffer(string: "token=\(token)&signin=\(signIn.field)")
            ) {
                response in
                #expect(response.status == .tooManyRequests, "even the right token waits once the client failed five times")
                #expect(response.headers[.retryAfter] != nil)
            }
        }
    }

    /// A card accepted from the desk becomes one milestone citing every report; a stale card is
    /// refused with 409; undo takes the decision back.
    @Test(arguments: Engine.all)
    func aCardIsDecidedOnceRefusedWhenChangedAndUndone(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        // Three outlets report one new event (no stored milestone matches), dates slightly apart.
        let reports = [
            ("KCNA", MilestoneDate.day(Day(year: 2026, month: 1, day: 15)!), 0.9),
            ("Rodong Sinmun", MilestoneDate.month(year: 2026, month: 1), 0.8),
            ("Minju Joson", MilestoneDate.onOrBefore(Day(year: 2026, month: 1, day: 17)!), 0.85),
        ].enumerated().map { index, report in
            Candidate(
                placeID: "KP0310", placeName: "Hamju County", provinceID: "KP03", event: .officialVisit, facilities: [], date: report.1,
                documentID: "desk-\(index)", documentTitle: "Report \(index)", documentDate: "2026-01-17", outlet: report.0,
                url: "https://example.org/desk-\(index)", snippet: "the sentence", confidence: report.2, why: "test")
        }
        _ = try await review.queue(reports)
        let group = try #require(try await review.groups().first { $0.memberIDs.count == 3 })
        #expect(group.placeID == "KP0310" && group.event == .officialVisit)
        let members = group.memberIDs.map(String.init).joined(separator: ",")
        let milestonesBefore = try await store.sites().flatMap(\.milestones).count
        try await app.test(.router) { client in
            let browser = try await Self.signIn(client, token: token)
            try await client.execute(uri: "/review", method: .get, headers: [.cookie: browser.cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"data-group="\#(group.id)""#))
                #expect(html.contains("The reports disagree on the date"))
            }
            // The analyst saw two of the three reports: refused, nothing changes.
            let stale = group.memberIDs.prefix(2).map(String.init).joined(separator: ",")
            try await client.execute(
                uri: "/review/groups", method: .post, headers: browser.headers,
                body: ByteBuffer(string: "csrf=\(browser.csrf)&group=\(group.id)&members=\(stale)&decision=accept")
            ) { #expect($0.status == .conflict) }
            #expect(try await review.candidates(status: .pending).filter { group.memberIDs.contains($0.id!) }.count == 3)
            try await client.execute(
                uri: "/review/groups", method: .post, headers: browser.headers,
                body: ByteBuffer(string: "csrf=\(browser.csrf)&group=\(group.id)&members=\(members)&decision=accept")
            ) { #expect($0.status == .seeOther) }
        }
        let milestones = try await store.sites().flatMap(\.milestones)
        #expect(milestones.count == milestonesBefore + 1, "one milestone for the three reports")
        let created = try #require(milestones.first { m in m.sources.contains { $0.url == "https://example.org/desk-0" } })
        #expect(Set(created.sources.map(\.url)) == Set((0..<3).map { "https://example.org/desk-\($0)" }))
        #expect(created.date == .day(Day(year: 2026, month: 1, day: 15)!), "the best-dated report's date")
        #expect(try await review.candidates(status: .accepted).filter { group.memberIDs.contains($0.id!) }.count == 3)
        try await app.test(.router) { client in
            let browser = try await Self.signIn(client, token: token)
            // A new session has no decision to undo; the one that decided does (below).
            try await client.execute(uri: "/review/undo", method: .post, headers: browser.headers, body: ByteBuffer(string: "csrf=\(browser.csrf)")) {
                #expect($0.headers[.location]?.contains("Nothing%20to%20undo") == true)
            }
        }
        #expect(try await store.sites().flatMap(\.milestones).count == milestonesBefore + 1)
    }

    @Test(arguments: Engine.all)
    func undoTakesBackTheLastDecisionAndEditsAreAudited(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        let fresh = Candidate(
            placeID: "KP0310", placeName: "Hamju County", provinceID: "KP03", event: .officialVisit, facilities: [],
            date: .day(Day(year: 2026, month: 2, day: 3)!), documentID: "edit-1", documentTitle: "Report", documentDate: "2026-02-04", outlet: "KCNA",
            url: "https://example.org/edit-1", snippet: "the sentence", confidence: 0.9, why: "test")
        _ = try await review.queue([fresh])
        let group = try #require(try await review.groups().first { $0.candidates.first?.documentID == "edit-1" })
        let before = try await Self.snapshot(store)
        let sitesBefore = try await store.sites().count
        try await app.test(.router) { client in
            let browser = try await Self.signIn(client, token: token)
            // Edit before accept: the analyst moves it to Kumya County and dates it 2026-02-02.
            try await client.execute(
                uri: "/review/groups", method: .post, headers: browser.headers,
                body: ByteBuffer(
                    string:
                        "csrf=\(browser.csrf)&group=\(group.id)&members=\(group.memberIDs[0])&decision=accept&place=Kumya&date=2026-02-02&event=inauguration"
                )
            ) { #expect($0.status == .seeOther) }
            let accepted = try #require(
                try await store.sites().flatMap { site in site.milestones.map { (site, $0) } }.first { _, m in
                    m.sources.contains { $0.url == "https://example.org/edit-1" }
                })
            #expect(accepted.0.divisionID == "KP0316" && accepted.1.date == .day(Day(year: 2026, month: 2, day: 2)!))
            #expect(accepted.1.kind == .inauguration)
            let entry = try #require(
                try await store.auditEntries(since: nil, entity: "candidate", entityID: String(group.memberIDs[0]), limit: 5).first)
            let audit = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
            #expect(audit.contains("proposed") && audit.contains("KP0310") && audit.contains("decided") && audit.contains("KP0316"))
            // Undo: the milestone (and the site it created) go; the report is pending again.
            try await client.execute(uri: "/review/undo", method: .post, headers: browser.headers, body: ByteBuffer(string: "csrf=\(browser.csrf)")) {
                #expect($0.headers[.location]?.contains("Undone") == true)
            }
        }
        #expect(try await review.candidate(id: group.memberIDs[0]).status == .pending)
        #expect(try await store.sites().count == sitesBefore)
        let after = try await Self.snapshot(store)
        #expect(after.split(separator: "|").dropLast().joined() == before.split(separator: "|").dropLast().joined(), "only the audit grew")
    }

    @Test(arguments: Engine.all)
    func bulkRejectConfirmsHowManyThenDecidesTheFilteredSelection(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        let all = try await review.groups()
        let selected = all.filter { $0.event == .constructionProgress }
        #expect(!selected.isEmpty && selected.count < all.count)
        try await app.test(.router) { client in
            let browser = try await Self.signIn(client, token: token)
            var picks: [String] = []
            var backField = ""
            try await client.execute(
                uri: "/review/bulk", method: .post, headers: browser.headers,
                body: ByteBuffer(string: "csrf=\(browser.csrf)&event=construction_progress&decision=reject&reason=progress%20reports")
            ) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Rejecting these \(selected.count) cards"))
                picks = html.matches(of: /name="pick" value="([^"]+)"/).map { String($0.1) }
                backField = String(html.firstMatch(of: /name="back" value="([^"]*)"/)?.1 ?? "").replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(backField == "event=construction_progress", "the confirmation keeps the filters to come back to")
            #expect(picks.count == selected.count)
            let body =
                "csrf=\(browser.csrf)&confirm=yes&decision=reject&reason=progress%20reports&back="
                + (backField.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&"
                + picks.map { "pick=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }.joined(separator: "&")
            var back = ""
            try await client.execute(uri: "/review/bulk", method: .post, headers: browser.headers, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
                back = response.headers[.location] ?? ""
            }
            // Back on the desk under the same filter: it is still chosen, and no card is left to decide in bulk.
            #expect(back.contains("event=construction_progress"))
            try await client.execute(uri: back, method: .get, headers: [.cookie: browser.cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<option value="construction_progress" selected>construction_progress (0)</option>"#))
                #expect(!html.contains(#"action="/review/bulk""#))
                #expect(html.contains("No cards pending under these filters."))
            }
        }
        let rejected = Set(try await review.candidates(status: .rejected).compactMap(\.id))
        #expect(rejected == Set(selected.flatMap(\.memberIDs)))
    }

    /// The API decides groups with a bearer token: the list conforms to the document; an
    /// unknown group is 404, a group whose members differ from those sent is 409, and nothing
    /// changes; with the right members one milestone cites every report.
    @Test(arguments: Engine.all)
    func theAPIDecidesGroupsWithABearerToken(_ engine: Engine) async throws {
        let (app, path, dir) = try await ServerTests().app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        let group = try #require(try await review.groups().first { $0.memberIDs.count > 1 })
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let validator = ServerTests.validator
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/evidence/groups", method: .get) { response in
                #expect(response.status == .ok)
                let body = try ServerTests().json(response.body)
                let schema = try #require(validator.responseSchema(path: "/evidence/groups", method: "get", status: 200))
                #expect(validator.problems(body, schema).isEmpty)
                #expect((body as? [[String: Any]])?.contains { $0["group_id"] as? String == group.id } == true)
            }
            let before = try await Self.snapshot(store)
            try await client.execute(uri: "/api/v1/evidence/groups/\(group.id)/accept", method: .post, headers: [.contentType: "application/json"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/evidence/groups/KP0101.inauguration.2020-01-01.2020-01-01/accept", method: .post, headers: auth) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "/api/v1/evidence/groups/\(group.id)/accept", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"members": [\#(group.memberIDs[0])]}"#)
            ) { #expect($0.status == .conflict) }
            #expect(try await Self.snapshot(store) == before, "refused decisions change nothing")
            let members = group.memberIDs.map(String.init).joined(separator: ",")
            try await client.execute(
                uri: "/api/v1/evidence/groups/\(group.id)/accept", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"members": [\#(members)]}"#)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let body = try ServerTests().json(response.body)
                let schema = try #require(validator.responseSchema(path: "/evidence/groups/{group}/accept", method: "post", status: 200))
                #expect(validator.problems(body, schema).isEmpty)
                #expect((body as? [String: Any])?["candidates"] as? [Int] == group.memberIDs.map(Int.init))
            }
        }
        let accepted = try await review.candidates(status: .accepted)
        #expect(Set(accepted.compactMap(\.id)) == Set(group.memberIDs))
        #expect(Set(accepted.compactMap(\.corroborates)).count <= 1)
    }
}
