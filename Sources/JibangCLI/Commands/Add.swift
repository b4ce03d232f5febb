import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang add milestone|source`: single edits, validated like imports.
struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add one milestone or one source, validated like an import.",
        subcommands: [AddMilestone.self, AddSource.self])
}
