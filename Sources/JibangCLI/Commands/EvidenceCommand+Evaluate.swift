import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure precision and recall of the queued (place, event, month) against a hand-labelled CSV.")
        @Option(help: ArgumentHelp("Labels: CSV with place_id,event,month[,note].", valueName: "file"))
        var labels: String
        @Option(help: "Only candidates at least this confident.")
        var minConfidence = 0.0
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                guard let text = try? String(contentsOfFile: Console.current.resolve(labels), encoding: .utf8) else {
                    throw JibangError.notFound("cannot read \(labels)")
                }
                let labelled = try Evaluation.labels(csv: text, file: (labels as NSString).lastPathComponent)
                let candidates = try await store.reviewQueue().candidates(limit: Int.max).filter {
                    $0.confidence >= minConfidence && $0.status != .rejected
                }
                let result = Evaluation(candidates: candidates, labels: labelled)
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines))
                case .csv, .table:
                    emit(
                        String(
                            format: "precision %.3f (%d of %d proposed), recall %.3f (%d of %d labelled)", result.precision,
                            result.truePositives.count,
                            result.truePositives.count + result.falsePositives.count, result.recall, labelled.count - result.falseNegatives.count,
                            labelled.count))
                    for key in result.falsePositives { emit("false positive: \(key)") }
                    for key in result.falseNegatives { emit("missed:         \(key)") }
                }
            }
        }
    }
}
