import ArgumentParser
import Foundation
import JibangCore
import JibangServer
import JibangStore

extension TokenCommand {
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by id; it stops working at once, and browsers signed in with it are signed out.")
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
