import ArgumentParser
import Foundation
import JibangCore
import KoreanText

extension Jibang {
    /// The message for a first argument that is neither an option nor a command, with the
    /// nearest command names; nil when the arguments start well. Without this check a typo
    /// (`jibang trnd …`) would be blamed on the default command, `status`.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(first) else { return nil }
        let nearest = names.sorted { editDistance($0, first) < editDistance($1, first) }.prefix(3)
        return "jibang: unknown command '\(first)'; did you mean \(nearest.joined(separator: ", "))? (`jibang --help` lists them all)"
    }

    /// What the `jibang` executable runs: the unknown-command check, then ArgumentParser.
    public static func runMain() async {
        if let message = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
            note(message)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        // Every write of this run is audited under the operating-system user.
        let environment = ProcessInfo.processInfo.environment
        await AuditActor.$current.withValue(.cli(user: environment["USER"] ?? environment["LOGNAME"] ?? NSUserName())) {
            await main(nil)
        }
    }
}
