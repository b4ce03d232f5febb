public import ArgumentParser
import Foundation
import JibangCore
import JibangServer
import JibangStore

extension ServerSettings.LogLevel: ExpressibleByArgument {}

/// `jibang serve`: the dashboard and JSON API.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web dashboard and the JSON API (/api/v1) on the store.",
        discussion: """
            Reads are public unless --private; writes (POST under /api/v1, the review page's buttons) need a token \
            from `jibang token create --role editor`. Stops cleanly on Ctrl-C or SIGTERM.
            """)

    @Option(help: "Address to listen on (127.0.0.1: this machine only; 0.0.0.0: the network).")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on.")
    var port = 8080
    @Flag(name: .customLong("private"), help: "Require a token for reads too (browsers ask for it: any user name, the token as password).")
    var privateReads = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: ServerSettings.LogLevel = .info
    @Option(name: .customLong("cache-mb"), help: "Megabytes of trend, compare and peaks answers kept in memory (0: none).")
    var cacheMegabytes = 64
    @Flag(
        help: ArgumentHelp(
            "Behind a TLS reverse proxy: believe its X-Forwarded-Proto (sign-in cookies become Secure) and X-Forwarded-For (sign-in rate limits per client).",
            discussion: "Only with a proxy you run: without one, any client could claim to be anyone."))
    var trustProxy = false
    @Option(name: .customLong("session-hours"), help: "Hours a review-desk sign-in lasts before the analyst signs in again.")
    var sessionHours = 12.0
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port \(port): expected 1–65535") }
        guard (0...65536).contains(cacheMegabytes) else { throw ValidationError("--cache-mb \(cacheMegabytes): expected 0–65536") }
        guard sessionHours > 0 && sessionHours <= 24 * 90 else {
            throw ValidationError("--session-hours \(sessionHours): expected more than 0, at most 2160 (90 days)")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let database: String
            var serving: AdvisoryLock?
            var indexFolder: String?
            switch store.address {
            case .sqlite(let path):
                database = path
                // Held while serving: `jibang restore` refuses to replace a store a server is using.
                serving = try AdvisoryLock.shared(AdvisoryLock.servingPath(store: path))
            case .postgres(let address):
                database = store.given
                indexFolder = store.indexFolder(for: address)
            }
            defer { serving?.release() }
            let settings = ServerSettings(
                host: host, port: port, databasePath: database, privateReads: privateReads, logLevel: logLevel, cacheMegabytes: cacheMegabytes,
                trustProxy: trustProxy, sessionHours: sessionHours, indexFolder: indexFolder)
            let shown = store.shown + (settings.indexFolder.map { ", index \($0)" } ?? "")
            try await JibangServer.serve(settings) {
                note(
                    "Jibang on http://\(host):\(port)/ (store \(shown)\(privateReads ? ", private" : "")\(trustProxy ? ", behind a trusted proxy" : "")); review desk at /review, sign in at /signin with an editor's token; Ctrl-C to stop"
                )
            }
        }
    }
}
