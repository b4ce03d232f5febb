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
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port \(port): expected 1–65535") }
    }

    func run() async throws {
        try await reportingErrors {
            let settings = ServerSettings(host: host, port: port, databasePath: store.path, privateReads: privateReads, logLevel: logLevel)
            try await JibangServer.serve(settings) {
                note("Jibang on http://\(host):\(port)/ (store \(store.path)\(privateReads ? ", private" : "")); Ctrl-C to stop")
            }
        }
    }
}

/// `jibang token create|list|revoke`: bearer tokens for writes through the API.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens (only their hashes are stored).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @Option(help: "editor (adds milestones, sources, reviews evidence) or admin.")
        var role: String = "editor"
        @Option(help: "Whose token it is, for the list.")
        var label: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard TokenRole(rawValue: role) != nil else { throw ValidationError("--role \(role): expected editor or admin") }
        }

        func run() async throws {
            try await reportingErrors {
                let secret = try await store.open().createToken(role: TokenRole(rawValue: role)!, label: label)
                emit(secret)
                note("a \(role) token; it is shown only now. Send it as: Authorization: Bearer <token>")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (ids, roles, labels; never secrets).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var table = TextTable(["id", "role", "label", "created", "revoked"])
                let format = ISO8601DateFormatter()
                for t in try await store.open().tokens() {
                    table.add([
                        String(t.id), t.role.rawValue, t.label ?? "", format.string(from: t.created), t.revoked.map(format.string(from:)) ?? "",
                    ])
                }
                emit(table.render())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id; it stops working at once.")
        @Argument(help: "The token's id (see `jibang token list`).")
        var id: Int64
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                try await store.open().revokeToken(id: id)
                note("revoked token #\(id)")
            }
        }
    }
}
