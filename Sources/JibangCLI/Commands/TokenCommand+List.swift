import ArgumentParser
import Foundation
import JibangCore
import JibangServer
import JibangStore

extension TokenCommand {
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
}
