import ArgumentParser
import Foundation
import JibangCore
import JibangServer
import JibangStore

/// `jibang token create|list|revoke`: bearer tokens for writes through the API.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create, list and revoke API tokens (only their hashes are stored).",
        subcommands: [Create.self, List.self, Revoke.self])
}
