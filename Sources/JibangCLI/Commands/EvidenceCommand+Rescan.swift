import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    /// `jibang evidence rescan [--redate]`: old answers read again with the current rules.
    struct Rescan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-read the articles of pending and accepted candidates with the current rules.",
            discussion: """
                Without --redate, lists what would change. With --redate, pending candidates take the new kind and \
                date. Accepted candidates whose new reading disagrees with their milestone are listed for review and \
                never changed here. Rejected candidates stay rejected.
                """)
        @Flag(help: "Write the new kind and date of each pending candidate the rules now read otherwise.")
        var redate = false
        @OptionGroup var rules: RulesOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let result = try await store.reviewQueue().rescan(try await store.openCorpus(), apply: redate, rules: try rules.load())
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines))
                case .csv, .table:
                    for change in result.redated {
                        emit("candidate #\(change.candidate)\t\(change.place)\t\(change.before) → \(change.after)")
                    }
                    for change in result.disagreements {
                        emit(
                            "review: candidate #\(change.candidate) (milestone #\(change.milestone ?? 0))\t\(change.place)\taccepted \(change.before), now read \(change.after)"
                        )
                    }
                }
                let verb = redate ? "redated" : "would redate (run with --redate to write)"
                note(
                    "read \(result.articles) articles again: \(verb) \(result.redated.count) pending candidates, \(result.unchanged) unchanged, "
                        + "\(result.unread.count) no longer proposed or unreadable (left as they are); "
                        + "\(result.disagreements.count) accepted ones read otherwise now (listed for review)")
            }
        }
    }
}
