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
            abstract: "Measure the scanner: against labelled reports (--reports), or the queue against hand labels (--labels).",
            discussion: """
                --reports FILE scans each labelled report itself and prints (place, kind) precision and recall, exact and honest \
                dates, with 95% Wilson intervals, pooled and by language and source; --findings lists every disagreement. \
                The project's own set is Tests/JibangTestSupport/Fixtures/evidence-reports (dev.json, heldout.json, heldout-2.json). \
                --labels FILE scores the candidates already queued by (place, event, month).
                """)
        @Option(help: ArgumentHelp("Labelled reports: a JSON array as in Tests/JibangTestSupport/Fixtures/evidence-reports.", valueName: "file"))
        var reports: String?
        @Flag(help: "With --reports: also list every missed, false and misdated proposal.")
        var findings = false
        @Option(help: ArgumentHelp("Labels: CSV with place_id,event,month[,note].", valueName: "file"))
        var labels: String?
        @OptionGroup var rules: RulesOptions
        @Option(help: "Only candidates at least this confident.")
        var minConfidence = 0.0
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                if let reports {
                    try await evaluateReports(reports)
                    return
                }
                guard let labels else {
                    throw JibangError.invalidInput(
                        InputLocation(file: "arguments"), "give --reports FILE (labelled reports) or --labels FILE (labels of the queue)",
                        hint: .init(field: "reports"))
                }
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

        /// Scans the labelled reports and prints the figures.
        func evaluateReports(_ file: String) async throws {
            guard let data = FileManager.default.contents(atPath: Console.current.resolve(file)) else {
                throw JibangError.notFound("cannot read \(file)")
            }
            let labelled = try LabelledReport.decode(data, file: (file as NSString).lastPathComponent)
            let scanner = EvidenceScanner(gazetteer: try BundledData.gazetteer(), sites: try await store.open().sites(), rules: try rules.load())
            let result = ReportEvaluation(reports: labelled, scanner: scanner)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines))
            case .csv, .table:
                for line in result.lines { emit(line) }
                if findings {
                    for f in result.findings {
                        emit(
                            "\(f.kind)\t\(f.report)\t\(f.place)\t\(f.event)\texpected \(f.expected ?? "–")\tproposed \(f.proposed ?? "–")"
                                + (f.why.map { "\t\($0)" } ?? ""))
                    }
                }
            }
        }
    }
}
