import ArgumentParser
import Foundation
import JibangBase
import JibangEvidence

/// `--rules FILE`: an analyst's additions to the evidence rules (see `EvidenceRules`).
struct RulesOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Extra evidence rules, one per line: KIND: cue | cue (KIND an event such as inauguration, or leader, programme, future, paperwork).",
            valueName: "file"))
    var rules: String?

    /// The compiled-in rules with the file's additions.
    func load() throws -> EvidenceRules {
        guard let rules else { return .standard }
        guard let text = try? String(contentsOfFile: Console.current.resolve(rules), encoding: .utf8) else {
            throw JibangError.notFound("cannot read the rules file \(rules)")
        }
        return try EvidenceRules.standard.adding(file: text, name: (rules as NSString).lastPathComponent)
    }
}
