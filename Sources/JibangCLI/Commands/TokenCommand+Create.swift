import ArgumentParser
import Foundation
import JibangCore
import JibangServer
import JibangStore

extension TokenCommand {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it once.")
        @Option(help: "viewer (reads a --private server), editor (adds, corrects, reviews evidence) or admin (also tokens and the audit trail).")
        var role: String = "editor"
        @Option(help: "Whose token it is, for the list.")
        var label: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard TokenRole(rawValue: role) != nil else { throw ValidationError("--role \(role): expected viewer, editor or admin") }
        }

        func run() async throws {
            try await reportingErrors {
                let secret = try await store.open().createToken(role: TokenRole(rawValue: role)!, label: label)
                emit(secret)
                note("\(role == "viewer" ? "a" : "an") \(role) token; it is shown only now. Send it as: Authorization: Bearer <token>")
            }
        }
    }
}
