import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JibangCLI
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangPostgres
import JibangServer
import JibangStore
import JibangTestSupport
import KoreanText
import NIOFoundationEssentialsCompat
import Testing

/// A store with the bundled programme and the fixture corpora, built once for the suite with
/// the library calls the commands make.
actor Fixture {
    static let shared = Fixture()
    var path: String?

    func databasePath() async throws -> String {
        if let path { return path }
        let dir = TemporaryDirectory()
        let path = dir.file("server.sqlite")
        let store = try await StoreBootstrap.open(path: path).store
        let corpus = try await openCorpus(path, in: dir)
        for file in ["new-year-addresses-1995-2019.jsonl", "kcna-programme-subset.json"] {
            _ = try ingest(Fixtures.path(file), into: corpus)
        }
        _ = try await ReviewQueue(store: store, gazetteer: try BundledData.gazetteer()).scan(corpus, from: DateParser.parse("2020")?.firstDayNumber)
        self.path = path
        return path
    }

    var template: (address: PostgresAddress, index: String)?

    /// The same fixture in a PostgreSQL database, with a node's index folder built from it:
    /// the template each PostgreSQL test's database is created from (a file copy, not a move).
    func postgresTemplate() async throws -> (address: PostgresAddress, index: String) {
        if let template { return template }
        let source = try await databasePath()
        let address = try await TestPostgres.freshDatabase()
        _ = try await StoreMove.copy(from: try SQLiteStore.open(path: source), to: try await PostgresStore.open(address))
        _ = try await TeamCorpus.moveIn(from: try CorpusStore.open(path: source), to: address, progress: { _ in })
        let index = TemporaryDirectory().file("index")
        _ = try await TeamCorpus.open(address, indexFolder: index)
        template = (address, index)
        return (address, index)
    }
}

extension TestPostgres {
    /// A new database created from `template` (whose connections are ended first: PostgreSQL
    /// copies only a database no one is connected to).
    static func database(from template: PostgresAddress) async throws -> PostgresAddress {
        var address = template
        address.database = "jibang_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        var server = template
        server.database = TestPostgres.server?.database ?? "postgres"
        for attempt in 1...50 {
            do {
                try await execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(template.database)' AND pid <> pg_backend_pid()",
                    on: server)
                try await execute("CREATE DATABASE \(address.database) TEMPLATE \(template.database)", on: server)
                return address
            } catch  where attempt < 50 {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw TestPostgresUnavailable()
    }
}

/// The engines the server tests run on: SQLite, and PostgreSQL when `JIBANG_TEST_POSTGRES`
/// names a server (`.ci/run` always does).
enum Engine: String, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"

    static var all: [Engine] { TestPostgres.server == nil ? [.sqlite] : [.sqlite, .postgres] }
    var testDescription: String { rawValue }
}

/// The store at `path`: a SQLite file, or a `postgres://` URL.
func openStore(_ path: String) async throws -> any RecordStore {
    if case .postgres(let address) = try StoreAddress(parsing: path) { return try await PostgresStore.open(address) }
    return try SQLiteStore.open(path: path)
}

/// The corpus of the store at `path`; on PostgreSQL, as another node sees it (its index
/// folder in `dir`): what it ingests reaches a server through the store.
func openCorpus(_ path: String, in dir: TemporaryDirectory) async throws -> any CorpusDocumentStore {
    if case .postgres(let address) = try StoreAddress(parsing: path) {
        return try await TeamCorpus.open(address, indexFolder: dir.file("writer-index"))
    }
    return try CorpusStore.open(path: path)
}

/// Ingests one corpus file as `jibang ingest` does.
func ingest(_ path: String, into corpus: any CorpusDocumentStore) throws -> IngestSummary {
    let ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
    return try ingest.ingest(path, format: .inferred(from: path))
}

@Suite struct ServerTests {
    static let validator = try! OpenAPIValidator(String(decoding: try! Data(contentsOf: Self.openAPIURL()), as: UTF8.self))

    static func openAPIURL() throws -> URL {
        // The document the server serves is the bundled one; read it through the server in tests too.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/JibangServer/Resources/openapi.json")
    }

    /// A copy of the fixture store, so writes in one test do not leak into another: a SQLite
    /// file, or a PostgreSQL database of its own (with this server's index folder in `dir`).
    /// The second value is the store's path or URL.
    func app(
        _ chosen: Engine? = nil, privateReads: Bool = false, cacheMegabytes: Int = 64, trustProxy: Bool = false
    ) async throws -> (
        some ApplicationProtocol, String, TemporaryDirectory
    ) {
        let source = try await Fixture.shared.databasePath()
        let dir = TemporaryDirectory()
        let path = dir.file("copy.sqlite")
        // SQLite's online backup: a consistent copy even while the fixture's last connection
        // closes (copying the file and its -wal/-shm by hand raced with that).
        _ = try SQLiteStore.copy(from: source, to: path)
        let engine = chosen ?? .sqlite
        var database = path
        var indexFolder: String?
        if engine == .postgres {
            // The same fixture (moved as `jibang migrate` moves it) in a database of its own,
            // with a copy of a node's index folder built from it.
            let template = try await Fixture.shared.postgresTemplate()
            let address = try await TestPostgres.database(from: template.address)
            database = TestPostgres.url(address)
            indexFolder = dir.file("index")
            try FileManager.default.createDirectory(atPath: dir.file("index"), withIntermediateDirectories: true)
            _ = try SQLiteStore.copy(from: template.index + "/corpus.sqlite", to: dir.file("index/corpus.sqlite"))
        }
        // Counted per engine when the test runs on each (`chosen`), for .ci/run's comparison.
        if chosen != nil { BackendTally.record("server", engine.rawValue) }
        let app = try await buildApplication(
            ServerSettings(
                port: 0, databasePath: database, privateReads: privateReads, logLevel: .error, cacheMegabytes: cacheMegabytes, trustProxy: trustProxy,
                indexFolder: indexFolder))
        return (app, database, dir)
    }

    func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) }

    /// Every read route answers, and its JSON conforms to the OpenAPI document.
    static let reads: [(String, String, Int)] = [
        ("/api/v1/places?q=Unsan", "/places", 200),
        ("/api/v1/programme/status", "/programme/status", 200),
        ("/api/v1/programme/status?year=2024&province=South%20Phyongan", "/programme/status", 200),
        ("/api/v1/programme/status?min_grade=state-media", "/programme/status", 200),
        ("/api/v1/programme/status?min_grade=official", "/programme/status", 400),
        ("/api/v1/sites?year=2024&per_page=5&page=2", "/sites", 200),
        ("/api/v1/sites?phase=stalled&as_of=2026-06-30&stall_months=3&role=associated", "/sites", 200),
        ("/api/v1/sites?phase=finished", "/sites", 400),
        ("/api/v1/programme/status?as_of=2025-06-30", "/programme/status", 200),
        ("/api/v1/programme/status?as_of=June", "/programme/status", 400),
        ("/api/v1/programme/forecast?runs=200", "/programme/forecast", 200),
        ("/api/v1/programme/forecast?runs=200&as_of=2025-06-30&seed=3", "/programme/forecast", 200),
        ("/api/v1/programme/forecast?runs=0", "/programme/forecast", 400),
        ("/api/v1/releases", "/releases", 200),
        ("/api/v1/releases/diff?from=current&to=current", "/releases/diff", 200),
        ("/api/v1/releases/diff?from=nope&to=current", "/releases/diff", 404),
        ("/api/v1/releases/diff?from=current", "/releases/diff", 400),
        ("/api/v1/sites/Kimhwa", "/sites/{id}", 200),
        ("/api/v1/sites/KP0310", "/sites/{id}", 200),
        ("/api/v1/sites/Kimhwa%20County", "/sites/{id}", 200),
        ("/api/v1/sites/%EA%B9%80%ED%99%94%EA%B5%B0", "/sites/{id}", 200),
        ("/api/v1/sites/Unsan,%20South%20Phyongan", "/sites/{id}", 200),
        // Issue 17: a place the gazetteer does not have is not there (404, was 422); one that names
        // several divisions is still the request's fault (422).
        ("/api/v1/sites/Nowhereville", "/sites/{id}", 404),
        ("/api/v1/sites/Unsan", "/sites/{id}", 422),
        ("/api/v1/trend?q=regional-economy&q=defence-industry&by=year", "/trend", 200),
        ("/api/v1/kwic?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85&limit=3", "/kwic", 200),
        ("/api/v1/compare?a=regional-economy&b=defence-industry&measure=mentions", "/compare", 200),
        ("/api/v1/peaks?q=regional-economy&measure=mentions", "/peaks", 200),
        ("/api/v1/indicators", "/indicators", 200),
        ("/api/v1/evidence?status=pending", "/evidence", 200),
        ("/api/v1/places?q=Nowhereville", "/places", 404),
        ("/api/v1/sites?status=finished", "/sites", 400),
        ("/api/v1/trend?q=regional-economy&outlet=kcna", "/trend", 200),
        // As HTML forms write a query: + is a space.
        ("/api/v1/trend?q=regional-economy&outlet=New+Year+joint+editorial", "/trend", 200),
        ("/api/v1/places?q=Unsan+County", "/places", 200),
        ("/api/v1/compare?a=regional-economy&b=defence-industry&measure=mentions&outlet_a=new%20year%20address", "/compare", 200),
        ("/api/v1/compare?a=regional-economy&b=defence-industry&outlet_b=Minju%20Joson", "/compare", 422),
        ("/api/v1/trend?q=regional-economy&outlet=Minju%20Joson", "/trend", 422),
        ("/api/v1/kwic?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85&from=2015&to=2010", "/kwic", 422),
        ("/api/v1/compare?a=regional-economy&b=nothing=%EC%A1%B4%EC%9E%AC%EC%95%88%ED%95%A8", "/compare", 422),
        // Issue 19: versions, coverage and changes.
        ("/api/v1/trend?q=regional-economy&versions=first", "/trend", 200),
        ("/api/v1/trend?q=regional-economy&versions=oldest", "/trend", 400),
        ("/api/v1/kwic?q=regional%20industry&versions=first&limit=3", "/kwic", 200),
        ("/api/v1/corpus/coverage?by=year", "/corpus/coverage", 200),
        ("/api/v1/collocates?q=regional%20industry&from=2024&window=3", "/collocates", 200),
        ("/api/v1/collocates?q=regional%20industry&reference=2015..2019", "/collocates", 200),
        ("/api/v1/collocates?q=regional%20industry&reference=2019..2015", "/collocates", 422),
        ("/api/v1/collocates?q=regional%20industry&reference=2015", "/collocates", 400),
        ("/api/v1/corpus/coverage?by=month&outlet=KCNA&from=2024", "/corpus/coverage", 200),
        ("/api/v1/corpus/coverage?from=2024&to=2020", "/corpus/coverage", 422),
        ("/api/v1/corpus/changes", "/corpus/changes", 200),
        ("/api/v1/corpus/reprints?limit=5", "/corpus/reprints", 200),
        ("/api/v1/corpus/reprints?outlet=null", "/corpus/reprints", 422),
        ("/api/v1/corpus/changes?outlet=kcna", "/corpus/changes", 200),
        ("/api/v1/trend?q=regional-economy&reprints=once", "/trend", 200),
        ("/api/v1/trend?q=regional-economy&reprints=twice", "/trend", 400),
        ("/api/v1/corpus/changes?from=2020-01-01&limit=2", "/corpus/changes", 200),
        ("/api/v1/corpus/changes?from=yesterday", "/corpus/changes", 400),
        ("/api/v1/corpus/changes?from=0", "/corpus/changes", 400),
        ("/api/v1/corpus/changes?from=2024-10-01T00:00:00Z", "/corpus/changes", 200),
        ("/api/v1/corpus/changes?from_version=1", "/corpus/changes", 400),
        ("/api/v1/corpus/changes?document=nothing-stored&from_version=1&to_version=2", "/corpus/changes", 200),
        (
            "/api/v1/corpus/changes?document=http%3A%2F%2Fwww.kcna.kp%2Fen%2Farticle%2Fq%2F47c41e4ac69d4c885872357481a8008e.kcmsf&to_version=3",
            "/corpus/changes", 404
        ),
    ]

    @Test(arguments: reads, Engine.all)
    func readsConformToTheOpenAPIDocument(_ read: (String, String, Int), _ engine: Engine) async throws {
        let (uri, template, expected) = read
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                let status = response.status.code
                #expect(status == expected, "\(uri) answered \(status)")
                let schema = try #require(
                    Self.validator.responseSchema(path: template, method: "get", status: status), "no schema for \(status) of \(template)")
                let problems = Self.validator.problems(try json(response.body), schema)
                #expect(problems.isEmpty, "\(uri): \(problems.prefix(5))")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test(arguments: Engine.all)
    func statusIsTheSameJSONAsTheCLI(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let cli = await Jibang.capture(["status", "--format", "json", "--database", path], in: dir.path)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/programme/status", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).trimmingCharacters(in: .newlines) == cli.stdout.trimmingCharacters(in: .newlines))
            }
        }
    }

    @Test(arguments: Engine.all)
    func writesNeedAValidTokenAndChangeNothingWithout(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let before = try await store.sites().flatMap(\.milestones).count
        let body = ByteBuffer(
            string:
                #"{"place": "Kosan County", "stage": "2024", "event": "inauguration", "date": "2025-01-15", "source": {"url": "https://example.org/kosan"}}"#
        )
        let token = try await store.createToken(role: .editor)
        let revoked = try await store.createToken(role: .editor)
        try await store.revokeToken(id: try await store.tokens().first { _ in true }!.id)
        try await app.test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                try await client.execute(uri: "/api/v1/milestones", method: method, body: body) { response in
                    #expect(response.status == .unauthorized, "\(method)")
                    let object = try json(response.body) as? [String: Any]
                    #expect(object?["error"] as? String == "unauthorized")
                }
            }
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(revoked)"], body: body) {
                response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer wrong"], body: body) { response in
                #expect(response.status == .unauthorized)
            }
            #expect(try await store.sites().flatMap(\.milestones).count == before)
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(token)"], body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(token)"], body: body) { response in
                #expect(response.status == .conflict, "the same milestone twice")
            }
            let bad = ByteBuffer(
                string:
                    #"{"place": "Kosan County", "stage": "2024", "event": "inauguration", "date": "2025-13-15", "source": {"url": "https://example.org/x"}}"#
            )
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(token)"], body: bad) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("date"))
            }
        }
        #expect(try await store.sites().flatMap(\.milestones).count == before + 1)
        #expect(try await store.tokens().count == 2)
        // Only hashes are stored: read the database file and its write-ahead log, where a
        // fresh write sits until a checkpoint, and find the token's hash but not the token.
        var raw = ""
        if case .postgres(let address) = try StoreAddress(parsing: path) {
            // On PostgreSQL: every text column of the token table, as the database holds it.
            raw = try await TestPostgres.execute("SELECT string_agg(t::text, ' ') FROM api_token t", on: address).compactMap { $0 }.joined()
        }
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            raw += try String(contentsOfFile: file, encoding: .isoLatin1)
        }
        let hash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(raw.contains(hash), "the token's hash is in the store files, so the search below reads the right bytes")
        #expect(!raw.contains(token))
    }

    @Test(arguments: Engine.all)
    func privateServersNeedATokenForReadsToo(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine, privateReads: true)
        defer { dir.remove() }
        let token = try await openStore(path).createToken(role: .editor)
        let viewer = try await openStore(path).createToken(role: .viewer, label: "reader")
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/programme/status", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            }
            try await client.execute(uri: "/api/v1/programme/status", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
            }
            let basic = Data("analyst:\(token)".utf8).base64EncodedString()
            try await client.execute(uri: "/", method: .get, headers: [.authorization: "Basic \(basic)"]) { #expect($0.status == .ok) }
            // The sign-in page opens without a token; a signed-in session then reads the pages.
            let browser = try await ReviewDeskTests.signIn(client, token: token)
            try await client.execute(uri: "/", method: .get, headers: [.cookie: browser.cookie]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "jibang_session=forged"]) { #expect($0.status == .unauthorized) }
            // A viewer reads, and writes nothing.
            try await client.execute(uri: "/api/v1/programme/status", method: .get, headers: [.authorization: "Bearer \(viewer)"]) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "/api/v1/milestones/1/retract", method: .post, headers: [.authorization: "Bearer \(viewer)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"reason": "test"}"#)
            ) { #expect($0.status == .forbidden) }
        }
        #expect(try await openStore(path).sites().flatMap(\.milestones).allSatisfy { $0.retraction == nil })
    }

    @Test(arguments: Engine.all)
    func limitsAnswerWithClearErrors(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let token = try await openStore(path).createToken(role: .editor)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/trend?q=" + String(repeating: "a", count: 5000), method: .get) { response in
                #expect(response.status == .uriTooLong)
            }
            let many = (0..<11).map { "q=t\($0)" }.joined(separator: "&")
            try await client.execute(uri: "/api/v1/trend?" + many, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("at most 10"))
            }
            let big = ByteBuffer(string: "{\"note\": \"" + String(repeating: "x", count: 70_000) + "\"}")
            try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(token)"], body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/v1/trend?q=%7C%7C", method: .get) { response in
                #expect(response.status == .badRequest)
                let body = String(buffer: response.body)
                #expect(!body.contains("Swift/") && !body.contains("SELECT") && !body.contains("at /"), "no internals: \(body)")
            }
        }
    }

    static let payloads = [
        "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>", "javascript:alert(1)",
        "</title><script>x</script>",
    ]

    @Test(arguments: Engine.all)
    func everyStringReachingHTMLIsEscaped(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        // Payloads in article text, a note, a source title and a quote.
        let corpus = dir.write(
            "xss.jsonl",
            Self.payloads.enumerated().map { i, p in
                #"{"id": "xss-\#(i)", "outlet": "\#(p.replacingOccurrences(of: "\"", with: "\\\""))", "date": "2024-09-0\#(i + 1)", "title": "\#(p.replacingOccurrences(of: "\"", with: "\\\""))", "body": "지방공업공장 \#(p.replacingOccurrences(of: "\"", with: "\\\"")) regional-industry factories"}"#
            }.joined(separator: "\n"))
        #expect(try ingest(corpus, into: await openCorpus(path, in: dir)).ingested == Self.payloads.count)
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        for (i, p) in Self.payloads.enumerated() {
            let escaped = p.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let body = ByteBuffer(
                string:
                    #"{"place": "Kosan County", "stage": "2024", "event": "official_visit", "date": "2024-0\#(i + 1)-02", "note": "\#(escaped)", "source": {"url": "https://example.org/\#(i)", "title": "\#(escaped)", "quote": "\#(escaped)", "outlet": "\#(escaped)"}}"#
            )
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/v1/milestones", method: .post, headers: [.authorization: "Bearer \(token)"], body: body) {
                    response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                }
            }
        }
        // A release whose notes and changelog carry the payloads.
        _ = try await store.createRelease(name: "xss", notes: Self.payloads[0], jibangVersion: "test")
        let query = Self.payloads.map { "q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }.prefix(1).joined(
            separator: "&")
        let pages = [
            "/", "/sites", "/sites/Kosan", "/trend?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85&by=day&" + query,
            "/compare?a=x&b=" + (Self.payloads[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            "/kwic?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85", "/review", "/releases", "/corpus", "/corpus/changes",
            "/corpus/changes?document=" + (Self.payloads[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            "/nowhere/" + (Self.payloads[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
        ]
        try await app.test(.router) { client in
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    let html = String(buffer: response.body)
                    for payload in Self.payloads where payload.contains("<") {
                        #expect(!html.contains(payload), "\(page) contains a raw payload \(payload)")
                    }
                    // The only script is the desk's own keyboard file.
                    #expect(
                        !html.replacingOccurrences(of: #"<script src="/assets/desk.js" defer></script>"#, with: "").contains("<script"), "\(page)")
                    #expect(!html.contains("onerror=alert") || html.contains("onerror=alert(1)&gt;"), "\(page)")
                }
            }
            try await client.execute(uri: "/sites/Kosan", method: .get) { response in
                #expect(String(buffer: response.body).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "the note is shown, escaped")
            }
        }
    }

    /// Issue 15: the site dossier shows the phase with its rule, a timeline, the place on the map,
    /// sources by outlet name, and the corpus's articles naming the place per month, counted here
    /// with a plain scan of the fixture files.
    @Test(arguments: Engine.all)
    func theSiteDossier(_ engine: Engine) async throws {
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        var months: [String: Int] = [:]
        let kcna = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-programme-subset.json"))))
                as? [[String: Any]])
        var seen = Set<String>()
        // The fixture holds some articles twice; the corpus stores each once (same date and text).
        for article in kcna where seen.insert("\(article["date_str"] ?? "")|\(article["story_text"] ?? "")").inserted {
            let text = "\(article["headline"] as? String ?? "") \(article["story_text"] as? String ?? "")"
            if text.range(of: #"\bSongchon\b"#, options: [.regularExpression, .caseInsensitive]) != nil || text.contains("성천군") {
                months[String((article["date_str"] as? String ?? "").prefix(7)), default: 0] += 1
            }
        }
        let addresses = try String(contentsOfFile: Fixtures.path("new-year-addresses-1995-2019.jsonl"), encoding: .utf8)
        for line in addresses.split(separator: "\n") where line.contains("성천군") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            months[String((object["date"] as? String ?? "").prefix(7)), default: 0] += 1
        }
        #expect(!months.isEmpty)
        let expected = months
        try await app.test(.router) { client in
            try await client.execute(uri: "/sites/Songchon", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<b>Phase · 단계:</b> inaugurated"))
                #expect(html.contains("aria-label=\"Timeline of the site's milestones\""))
                #expect(html.contains("font-weight=\"700\">Songchon County</text>"), "the place is ringed and named on the map")
                #expect(html.contains("<td>KCNA Watch (mirror of KCNA)</td>"), "sources by outlet name")
                for (month, count) in expected {
                    #expect(html.contains(">\(month)</a></td><td class=\"num\">\(count)</td>"), "\(month): \(count)")
                }
                #expect(html.contains("@media print"))
            }
        }
    }

    /// Site pages accept any spelling the CLI accepts, percent-decoded (issue 12, part 6).
    @Test(
        arguments: ["/sites/Kimhwa%20County", "/sites/%EA%B9%80%ED%99%94%EA%B5%B0", "/sites/Unsan,%20South%20Phyongan", "/sites/KP0409"], Engine.all)
    func sitePagesTakeAnySpelling(_ uri: String, _ engine: Engine) async throws {
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok, "\(uri)")
                let html = String(buffer: response.body)
                #expect(html.contains("Kimhwa County") || html.contains("Unsan County"), "\(uri)")
            }
        }
    }

    /// The served document states what the server accepts: the corpus's outlets as the outlet
    /// filters' values (the fixture's three), and the source address rule the server applies.
    @Test(arguments: Engine.all)
    func theServedDocumentListsTheCorpusOutletsAndTheAddressRule(_ engine: Engine) async throws {
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let doc = try #require(try json(response.body) as? [String: Any])
                func schema(_ path: String, _ name: String) -> [String: Any]? {
                    let paths = doc["paths"] as? [String: Any]
                    let parameters = ((paths?[path] as? [String: Any])?["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
                    return parameters?.first { $0["name"] as? String == name }?["schema"] as? [String: Any]
                }
                let outlets = ["KCNA", "New Year address", "New Year joint editorial"]
                for path in ["/trend", "/kwic", "/compare", "/peaks"] {
                    #expect((schema(path, "outlet")?["items"] as? [String: Any])?["enum"] as? [String] == outlets, "\(path) outlet")
                }
                #expect(schema("/compare", "outlet_a")?["enum"] as? [String] == outlets)
                #expect(schema("/compare", "outlet_b")?["enum"] as? [String] == outlets)
                #expect(schema("/compare", "a")?["format"] as? String == "jibang-term-group")
                var patterns: [String] = []
                func collect(_ node: Any) {
                    if let object = node as? [String: Any] {
                        if let pattern = object["pattern"] as? String, pattern.contains("[Hh][Tt][Tt][Pp]") { patterns.append(pattern) }
                        object.values.forEach(collect)
                    } else if let array = node as? [Any] {
                        array.forEach(collect)
                    }
                }
                collect(doc)
                #expect(
                    patterns.count >= 2 && patterns.allSatisfy { $0 == Source.webAddressPattern },
                    "every source url is described by the rule the server applies")
            }
            // Each listed outlet is accepted, in any case; one the corpus lacks is not.
            for outlet in ["New%20Year%20joint%20editorial", "kcna"] {
                try await client.execute(uri: "/api/v1/trend?q=regional-economy&outlet=\(outlet)", method: .get) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/api/v1/compare?a=regional-economy&a=defence-industry&b=20x10", method: .get) { response in
                #expect(response.status == .badRequest, "a is one group")
            }
        }
    }

    /// The pages' forms submit with GET, and browsers write a space in a field as +.
    @Test(arguments: Engine.all)
    func aFormsPlusIsASpace(_ engine: Engine) async throws {
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        try await app.test(.router) { client in
            try await client.execute(uri: "/trend?q=regional-economy&outlet=New+Year+address&from=&to=", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!html.contains("no outlet"), "New+Year+address is the outlet New Year address")
                #expect(html.contains("<svg"), "the trend is drawn")
            }
        }
    }

    /// With no corpus no outlet is accepted, and the document says so.
    @Test func withoutACorpusNoOutletIsListed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let app = try await buildApplication(ServerSettings(port: 0, databasePath: dir.file("new.sqlite"), logLevel: .error))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let doc = try #require(try json(response.body) as? [String: Any])
                let trend = ((doc["paths"] as? [String: Any])?["/trend"] as? [String: Any])?["get"] as? [String: Any]
                let outlet = (trend?["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "outlet" }
                let items = (outlet?["schema"] as? [String: Any])?["items"] as? [String: Any]
                #expect(items?["not"] != nil && items?["enum"] == nil)
            }
            try await client.execute(uri: "/api/v1/trend?q=regional-economy&outlet=KCNA", method: .get) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
    }

    @Test(arguments: Engine.all)
    func pagesRenderWithTheirData(_ engine: Engine) async throws {
        let (app, _, dir) = try await app(engine)
        defer { dir.remove() }
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<svg") && html.contains("Kimhwa County (김화군)"), "the map titles each site")
                #expect(html.contains("지방발전 20×10 정책"))
                #expect(html.contains("Record as of 20") && html.contains("bundled data 20x10-sites.csv@"), "the overview says which record it shows")
            }
            try await client.execute(uri: "/trend?q=regional-economy&measure=mentions", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("/kwic?"), "each period links to its documents")
                #expect(html.contains("format=csv"))
                #expect(html.contains("지방공업"))
                // No documents at all in 2020–2022 (against the years around): shaded and explained.
                #expect(html.contains("2021: few documents in the corpus") && html.contains("under a quarter of the usual documents"))
            }
            try await client.execute(uri: "/corpus?by=year", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("KCNA, 2024: 126 documents"), "the heatmap titles each cell")
                #expect(html.contains("2021 (0)"), "the gap years are listed")
                #expect(html.contains("/corpus/changes?document=http%3A%2F%2Fwww.kcna.kp"), "edited articles link to their diff")
            }
            // The fixture's KCNA article on Shoigu was republished with "received" changed to "met".
            let shoigu = "http://www.kcna.kp/en/article/q/47c41e4ac69d4c885872357481a8008e.kcmsf"
            try await client.execute(
                uri: "/corpus/changes?document=" + shoigu.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, method: .get
            ) {
                response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h3>Version 1</h3>") && html.contains("<h3>Version 2</h3>"))
                #expect(html.contains("on September 13 <del>received</del> Sergei Shoigu"))
                #expect(html.contains("on September 13 <ins>met</ins> Sergei Shoigu"))
            }
            try await client.execute(uri: "/compare?a=regional-economy&b=defence-industry&measure=mentions", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Pearson r") && html.contains("Correlation by lag"))
                // New Year addresses in Korean to 2019, KCNA in English from 2023: both changes are named.
                #expect(html.contains("2023: + KCNA; − New Year address"), "the page names the change of sources")
                #expect(html.contains("The languages change: 2023: + en; − ko"), "the page names the change of language")
                #expect(html.contains("Left out, no documents (missing, not zero): 2020, 2021, 2022"))
            }
            try await client.execute(uri: "/review", method: .get) { response in
                #expect(String(buffer: response.body).contains("Hamju County"))
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let doc = try #require(try json(response.body) as? [String: Any])
                #expect(doc["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test(arguments: Engine.all)
    func reviewButtonsNeedATokenAndAcceptCreatesTheMilestone(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        // A report that matches no stored milestone (the fixture's reports all corroborate one
        // of the full bundled record), so that accepting it creates one.
        let fresh = Candidate(
            placeID: "KP0310", placeName: nil, provinceID: "KP03", event: .officialVisit, facilities: ["regional-industry factories"],
            date: .day(Day(year: 2026, month: 1, day: 15)!), documentID: "test-fresh", documentTitle: "A report", documentDate: "2026-01-16",
            outlet: "KCNA", url: "https://example.org/fresh", snippet: "the sentence", confidence: 0.9, why: "test")
        let candidate = try #require(try await review.queue([fresh]).candidates.first)
        #expect(candidate.corroborates == nil)
        let token = try await store.createToken(role: .editor)
        // And one of the fixture's, which corroborates a stored milestone: accepting adds the source.
        let corroborating = try await review.candidates(status: .pending).first { $0.placeID != nil && $0.corroborates != nil }
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/review/\(candidate.id!)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=nope&decision=accept")
            ) { #expect($0.status == .forbidden, "a form post needs a signed-in session") }
            try await client.execute(
                uri: "/api/v1/evidence/\(candidate.id!)/accept", method: .post, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/evidence/{id}/accept", method: "post", status: 200))
                let body = try json(response.body)
                #expect(Self.validator.problems(body, schema).isEmpty)
                #expect((body as? [String: Any])?["created"] as? Bool == true)
            }
            if let corroborating {
                try await client.execute(
                    uri: "/api/v1/evidence/\(corroborating.id!)/accept", method: .post, headers: [.authorization: "Bearer \(token)"]
                ) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let body = try json(response.body) as? [String: Any]
                    #expect(body?["created"] as? Bool == false)
                }
            }
        }
        #expect(try await review.candidate(id: candidate.id!).status == .accepted)
        if let corroborating, let corroborated = corroborating.corroborates {
            let milestone = try #require(try await store.sites().flatMap(\.milestones).first { $0.id == corroborated })
            #expect(milestone.sources.contains { $0.url == corroborating.url }, "accepting adds the report as a source")
        }
    }

    /// Issue 14: an editor corrects a milestone from its site page (a form with a reason, from a
    /// signed-in session since issue 20); the change is audited under the session's token; a
    /// viewer's session or none changes nothing.
    @Test(arguments: Engine.all)
    func theSitePageCorrectsAMilestoneWithATokenAndAReason(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let editor = try await store.createToken(role: .editor, label: "desk")
        let viewer = try await store.createToken(role: .viewer)
        let site = try #require(try await store.sites().first { $0.milestones.contains { $0.date.exactDay != nil } })
        let milestone = try #require(site.milestones.first { $0.date.exactDay != nil })
        let id = try #require(milestone.id)
        let newDay = milestone.date.exactDay!.adding(days: -2).description
        @Sendable func body(_ csrf: String, _ action: String, date: String = "", reason: String = "the%20report%20says%20so") -> ByteBuffer {
            ByteBuffer(string: "csrf=\(csrf)&action=\(action)&date=\(date)&reason=\(reason)")
        }
        try await app.test(.router) { client in
            let editorBrowser = try await ReviewDeskTests.signIn(client, token: editor)
            let viewerBrowser = try await ReviewDeskTests.signIn(client, token: viewer)
            let form = editorBrowser.headers
            try await client.execute(uri: "/sites/\(site.divisionID)", method: .get, headers: [.cookie: editorBrowser.cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"action="/sites/\#(site.divisionID)/milestones/\#(id)""#), "each milestone has its correction form")
            }
            try await client.execute(uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: form, body: body("nope", "retract")) {
                #expect($0.status == .forbidden, "a stale CSRF token")
            }
            try await client.execute(
                uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: viewerBrowser.headers,
                body: body(viewerBrowser.csrf, "retract")
            ) {
                #expect($0.status == .forbidden, "a viewer's session reads only")
            }
            try await client.execute(
                uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: form,
                body: body(editorBrowser.csrf, "edit", date: newDay, reason: "")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.contains("reason") == true, "a reason is required: \(response.headers[.location] ?? "")")
            }
            try await client.execute(
                uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: form, body: body(editorBrowser.csrf, "edit", date: newDay)
            ) { response in
                #expect(response.status == .seeOther)
                let location = try #require(response.headers[.location])
                try await client.execute(uri: location, method: .get, headers: [.cookie: editorBrowser.cookie]) { page in
                    #expect(String(buffer: page.body).contains("dated \(newDay)"))
                }
            }
            let url = milestone.sources[0].url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try await client.execute(
                uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(editorBrowser.csrf)&action=retract-source&source=\(url)&reason=another%20county")
            ) { #expect($0.status == .seeOther) }
            try await client.execute(
                uri: "/sites/\(site.divisionID)/milestones/\(id)", method: .post, headers: form, body: body(editorBrowser.csrf, "retract")
            ) {
                #expect($0.status == .seeOther)
            }
        }
        let stored = try #require(try await store.sites().flatMap(\.milestones).first { $0.id == id })
        #expect(stored.date.description == newDay)
        #expect(stored.retraction?.reason == "the report says so")
        #expect(stored.sources[0].retraction?.reason == "another county", "a source retracted from the page")
        let audit = try await store.auditEntries(since: nil, entity: "milestone", entityID: String(id), limit: 10)
        #expect(audit.map(\.action) == ["retract", "edit"])
        #expect(audit.allSatisfy { $0.actor.kind == "token" && $0.actor.label == "desk" && $0.actor.role == "editor" })
    }

    /// Corrections through the API (issue 14): PATCH, retract and restore with a reason, and
    /// the audit trail for admins only.
    @Test(arguments: Engine.all)
    func correctionsAndTheAuditTrail(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let editor = try await store.createToken(role: .editor)
        let admin = try await store.createToken(role: .admin, label: "lead analyst")
        @Sendable func headers(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }
        let milestone = try #require(try await store.sites().flatMap(\.milestones).first { $0.date.exactDay != nil })
        let id = try #require(milestone.id)
        let newDay = milestone.date.exactDay!.adding(days: -1).description
        try await app.test(.router) { client in
            let noReason = ByteBuffer(string: #"{"date": "\#(newDay)"}"#)
            try await client.execute(uri: "/api/v1/milestones/\(id)", method: .patch, headers: headers(editor), body: noReason) { response in
                #expect(response.status == .unprocessableContent, "a reason is required: \(String(buffer: response.body))")
                let body = try json(response.body) as? [String: Any]
                #expect(body?["hint"] as? [String: Any] != nil)
            }
            let edit = ByteBuffer(string: #"{"date": "\#(newDay)", "reason": "KCNA gives the day before"}"#)
            try await client.execute(uri: "/api/v1/milestones/\(id)", method: .patch, body: edit) { response in
                #expect(response.status == .unauthorized, "writes need a token")
            }
            try await client.execute(uri: "/api/v1/milestones/\(id)", method: .patch, headers: headers(editor), body: edit) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/milestones/{id}", method: "patch", status: 200))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
                let stored = try json(response.body) as? [String: Any]
                #expect(stored?["date"] as? String == newDay)
            }
            let reason = ByteBuffer(string: #"{"reason": "wrong county"}"#)
            try await client.execute(uri: "/api/v1/milestones/\(id)/retract", method: .post, headers: headers(editor), body: reason) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/milestones/{id}/retract", method: "post", status: 200))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/milestones/\(id)/restore", method: .post, headers: headers(editor), body: reason) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/milestones/999999/retract", method: .post, headers: headers(editor), body: reason) { response in
                #expect(response.status == .notFound)
            }
            // Issue 15: a site's role, with a reason, through the API.
            let role = ByteBuffer(string: #"{"role": "wave", "stage": "2025", "reason": "Chosun Sinbo's list"}"#)
            try await client.execute(uri: "/api/v1/sites/Rakwon/role", method: .post, body: role) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/sites/Rakwon/role", method: .post, headers: headers(editor), body: role) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/sites/{id}/role", method: "post", status: 200))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/sites/Rakwon/role", method: .post, headers: headers(editor), body: role) { response in
                // Issue 17: a request the record's state refuses is a conflict (409), not a bad request.
                #expect(response.status == .conflict, "it already is a wave site")
            }
            try await client.execute(
                uri: "/api/v1/sites/Rakwon/role", method: .post, headers: headers(editor), body: ByteBuffer(string: #"{"role": "wave"}"#)
            ) {
                response in #expect(response.status == .unprocessableContent, "a reason is required")
            }
            let source = ByteBuffer(string: #"{"url": "\#(milestone.sources[0].url)", "reason": "another county"}"#)
            try await client.execute(uri: "/api/v1/milestones/\(id)/sources/retract", method: .post, headers: headers(editor), body: source) {
                response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/milestones/{id}/sources/retract", method: "post", status: 200))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/audit", method: .get, headers: headers(editor)) { response in
                #expect(response.status == .forbidden, "an editor cannot read the audit trail")
            }
            let division = try #require(try await store.sites().first { $0.milestones.contains { $0.id == id } }?.divisionID)
            try await client.execute(uri: "/sites/\(division)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("History"), "the site page shows the corrections")
                #expect(html.contains("edit milestone #\(id) — KCNA gives the day before"))
                #expect(html.contains("retract a source of milestone #\(id) — another county"))
            }
            try await client.execute(uri: "/api/v1/audit?entity=source&id=\(id)", method: .get, headers: headers(admin)) { response in
                let entries = try #require(try json(response.body) as? [[String: Any]])
                #expect(entries.map { $0["action"] as? String } == ["retract"])
            }
            try await client.execute(uri: "/api/v1/audit?entity=milestone&id=\(id)", method: .get, headers: headers(admin)) { response in
                #expect(response.status == .ok)
                let schema = try #require(Self.validator.responseSchema(path: "/audit", method: "get", status: 200))
                let body = try json(response.body)
                #expect(Self.validator.problems(body, schema).isEmpty)
                let entries = try #require(body as? [[String: Any]])
                #expect(entries.map { $0["action"] as? String } == ["restore", "retract", "edit"])
                #expect((entries.last?["actor"] as? [String: Any])?["kind"] as? String == "token")
                #expect((entries.last?["actor"] as? [String: Any])?["role"] as? String == "editor")
            }
        }
    }

    @Test(arguments: Engine.all)
    func theOtherWritesWorkWithATokenAndConformToo(_ engine: Engine) async throws {
        let (app, path, dir) = try await app(engine)
        defer { dir.remove() }
        let store = try await openStore(path)
        let token = try await store.createToken(role: .editor)
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let milestone = try #require(try await store.sites().flatMap(\.milestones).first?.id)
        let review = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
        let pending = try #require(try await review.candidates(status: .pending).first?.id)
        try await app.test(.router) { client in
            let source = ByteBuffer(string: #"{"url": "https://example.org/another-report", "title": "Another report"}"#)
            try await client.execute(uri: "/api/v1/milestones/\(milestone)/sources", method: .post, headers: auth, body: source) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/milestones/{id}/sources", method: "post", status: 201))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/milestones/999999/sources", method: .post, headers: auth, body: source) { response in
                #expect(response.status == .notFound)
            }
            let indicator = ByteBuffer(
                string: #"{"name": "Grain output", "unit": "million tonnes", "period": "2020", "value": 5.5, "source": "FAO GIEWS"}"#)
            try await client.execute(uri: "/api/v1/indicators", method: .post, headers: auth, body: indicator) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/indicators", method: "post", status: 201))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/indicators", method: .post, headers: auth, body: indicator) { response in
                #expect(response.status == .conflict)
                let body = try #require(try json(response.body) as? [String: Any])
                #expect(body["error"] as? String == "duplicate")
                #expect((body["hint"] as? [String: Any])?["field"] as? String == "replace", "the hint names the API field")
                #expect((body["detail"] as? String)?.contains("--replace") == false, "no CLI flag in an API answer")
                let schema = try #require(Self.validator.responseSchema(path: "/indicators", method: "post", status: 409))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            let replacement = ByteBuffer(
                string:
                    #"{"name": "Grain output", "unit": "million tonnes", "period": "2020", "value": 5.8, "source": "FAO GIEWS", "replace": true}"#)
            try await client.execute(uri: "/api/v1/indicators", method: .post, headers: auth, body: replacement) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
            }
            try await client.execute(
                uri: "/api/v1/evidence/\(pending)/reject", method: .post, headers: auth,
                body: ByteBuffer(string: #"{"note": "not a programme site"}"#)
            ) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let schema = try #require(Self.validator.responseSchema(path: "/evidence/{id}/reject", method: "post", status: 200))
                #expect(Self.validator.problems(try json(response.body), schema).isEmpty)
            }
            try await client.execute(uri: "/api/v1/evidence/\(pending)/accept", method: .post, headers: auth) { response in
                #expect(response.status == .conflict, "a rejected candidate stays rejected")
            }
        }
        #expect(try await store.indicators().filter { $0.name == "Grain output" }.map(\.value) == [5.8], "replaced, not added")
        #expect(try await review.candidate(id: pending).status == .rejected)
        // Every write above is in the audit trail under the token that made it.
        let entries = try await store.auditEntries(since: nil, entity: nil, entityID: nil, limit: 50)
        let sourceEntry = try #require(entries.first { $0.action == "add" && $0.entity == "source" && $0.entityID == String(milestone) })
        #expect(sourceEntry.actor.kind == "token" && sourceEntry.actor.role == "editor" && sourceEntry.actor.id != nil)
        #expect(entries.contains { $0.action == "reject" && $0.entity == "candidate" && $0.reason == "not a programme site" })
        #expect(entries.filter { $0.entity == "indicator" }.map(\.action) == ["edit", "add"], "the replacement is an edit")
    }
}
