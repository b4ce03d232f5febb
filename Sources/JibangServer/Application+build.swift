import Foundation
public import Hummingbird
import JibangCore
import JibangCorpus
import Logging

/// How to run the server.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// The store: a SQLite file or a `postgres://` URL.
    public var databasePath: String
    /// With a PostgreSQL store: the folder of this server's corpus copy and index (nil: the default).
    public var indexFolder: String?
    public var privateReads: Bool
    public var logLevel: LogLevel
    /// Megabytes of trend, compare and peaks answers kept in memory (0: none).
    public var cacheMegabytes: Int
    /// Believe `X-Forwarded-Proto`/`X-Forwarded-For`: the server sits behind a TLS reverse proxy.
    public var trustProxy: Bool
    /// Hours a review-desk sign-in lasts.
    public var sessionHours: Double

    /// How much the server logs: each request at `info`, problems at `warning` and above.
    public enum LogLevel: String, Sendable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical

        var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
    }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "jibang.sqlite", privateReads: Bool = false,
        logLevel: LogLevel = .info, cacheMegabytes: Int = 64, trustProxy: Bool = false, sessionHours: Double = 12, indexFolder: String? = nil
    ) {
        self.indexFolder = indexFolder
        self.trustProxy = trustProxy
        self.sessionHours = sessionHours
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.privateReads = privateReads
        self.logLevel = logLevel
        self.cacheMegabytes = cacheMegabytes
    }
}

/// Builds the application: opens (and on first run creates and seeds) the store, then
/// composes the router. Tests call it too.
public func buildApplication(_ settings: ServerSettings) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "jibang")
    logger.logLevel = settings.logLevel.level
    let services = try await JibangServices.open(
        path: settings.databasePath, indexFolder: settings.indexFolder, privateReads: settings.privateReads, cacheMegabytes: settings.cacheMegabytes,
        trustProxy: settings.trustProxy, sessionLifetime: settings.sessionHours * 3600)
    return Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "Jibang"),
        logger: logger)
}

/// Runs the server until Ctrl-C or SIGTERM: what `jibang serve` calls. `ready` is told once
/// the store is open, before the first request is served.
public func serve(_ settings: ServerSettings, ready: @Sendable () -> Void = {}) async throws {
    let app = try await buildApplication(settings)
    ready()
    try await app.runService()
}

/// Every route: pages at `/`, the JSON API under `/api/v1`.
public func buildRouter(_ services: JibangServices) -> Router<JibangRequestContext> {
    let router = Router(context: JibangRequestContext.self)
    router.addMiddleware {
        LogRequestsMiddleware(.info)
        AccessMiddleware(services: services)
        ContractMiddleware(openAPI: OpenAPIDocument.text)
    }
    let api = router.group("api/v1")
    api.get("openapi.json") { _, _ in
        JSONResponse.text(OpenAPIDocument.serving(outlets: FilterCheck.outlets(in: try services.segments())))
    }
    ProgrammeController(services: services).addRoutes(to: api)
    CorpusController(services: services).addRoutes(to: api)
    EvidenceController(services: services).addRoutes(to: api)
    PageController(services: services).addRoutes(to: router)
    return router
}
