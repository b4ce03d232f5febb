public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceEvent: ExpressibleByArgument {}
extension Candidate.Status: ExpressibleByArgument {}

/// `jibang evidence …`: from state-media articles to proposed milestones, reviewed by an analyst.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Find groundbreakings, visits and inaugurations in the corpus and propose them as sourced milestones for review.",
        discussion: """
            Workflow: jibang evidence scan → jibang evidence list → jibang evidence show ID → jibang evidence accept ID \
            (or reject ID). Accepting adds the article as a source of the milestone it corroborates, or creates the \
            milestone (status claimed). Rescanning never proposes a rejected candidate again.
            """,
        subcommands: [Scan.self, List.self, Show.self, Accept.self, Reject.self, Evaluate.self])

    /// The --outlet/--from/--to filters of a scan.
    struct ScanFilters: ParsableArguments {
        @Option(help: "Only this outlet (repeatable).")
        var outlet: [String] = []
        @Option(help: "First publication date scanned: 2024, 2024-03 or 2024-03-05 (default 2020: the programme's pilot began then).")
        var from: String?
        @Option(help: "Last publication date scanned.")
        var to: String?
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scan the corpus and queue new candidates (those already proposed, accepted or rejected are skipped).")
        @OptionGroup var filters: ScanFilters
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var query = CorpusQueryOptions()
                query.from = filters.from ?? "2020"
                query.to = filters.to
                let (from, to) = try query.dayRange()
                let scan = try await store.reviewQueue().scan(try store.openCorpus(), outlets: filters.outlet, from: from, to: to) { n, total in
                    note("scanned \(n) of \(total) articles")
                }
                let (summary, queued) = (scan.summary, scan.candidates)
                emit(EvidenceView.render(queued, format: output.format))
                note(
                    "\(scan.articles) articles read; \(scan.found) candidates: \(summary.added) new (\(summary.corroborating) corroborate existing milestones), \(summary.known) proposed before"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the review queue, pending first, most confident first.")
        @Option(help: "Only pending, accepted or rejected candidates.")
        var status: Candidate.Status?
        @Option(help: "Only this event: groundbreaking, inauguration, leader_visit, official_visit, framework_completed, construction_progress.")
        var event: EvidenceEvent?
        @Option(help: "At most this many.")
        var limit = 1000
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let candidates = try await store.reviewQueue().candidates(status: status, event: event, limit: limit)
                emit(EvidenceView.render(candidates, format: output.format))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one candidate in full: snippet, reasons, document.")
        @Argument(help: "The candidate's id (see `jibang evidence list`).")
        var id: Int64
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let candidate = try await store.reviewQueue().candidate(id: id)
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(candidate).trimmingCharacters(in: .newlines))
                case .csv: emit(EvidenceView.render([candidate], format: .csv))
                case .table:
                    let gazetteer = try BundledData.gazetteer()
                    let place = candidate.placeID.flatMap(gazetteer.division(id:)).map(gazetteer.label) ?? "—"
                    let province = candidate.provinceID.flatMap(gazetteer.division(id:)).map { $0.englishName } ?? "—"
                    var lines = [
                        "candidate #\(id) (\(candidate.status.rawValue))",
                        "event:       \(candidate.event.rawValue)",
                        "place:       \(place)",
                        "province:    \(province)",
                        "date:        \(MilestoneDate(candidate.date)?.humanDescription ?? candidate.date)",
                        "facilities:  \(candidate.facilities.isEmpty ? "—" : candidate.facilities.joined(separator: "; "))",
                        "confidence:  \(String(format: "%.2f", candidate.confidence))",
                        "document:    \(candidate.documentID), \(candidate.outlet), \(candidate.documentDate): \(candidate.documentTitle)",
                        "url:         \(candidate.url ?? "—")",
                        "why:         \(candidate.why)",
                        "snippet:     \(candidate.snippet)",
                    ]
                    if let milestone = candidate.corroborates {
                        lines.append("corroborates: milestone #\(milestone) (accepting adds this article as its source)")
                    }
                    if !candidate.provinceSites.isEmpty { lines.append("sites in the province: \(candidate.provinceSites.joined(separator: ", "))") }
                    emit(lines.joined(separator: "\n"))
                }
            }
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept a candidate: its article becomes a source of the milestone (created when new).")
        @Argument(help: "The candidate's id.")
        var id: Int64
        @Option(help: "The place, for a candidate that names only a province (any spelling, or a gazetteer id).")
        var place: String?
        @Option(help: "The stage of a new site (a wave year 2024–2033, pilot, precursor-2023); default: the event's year.")
        var stage: String?
        @Option(help: "A note kept with the milestone.")
        var note: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                var placeID: String?
                if let place {
                    let gazetteer = try BundledData.gazetteer()
                    placeID = try gazetteer.resolve(idOrName: place, at: InputLocation(file: "--place")).id
                }
                let result = try await store.reviewQueue().accept(candidate: id, placeID: placeID, stageID: stage, note: self.note)
                JibangCLI.note(
                    result.created
                        ? "created milestone #\(result.milestoneID) at \(result.siteLabel), dated \(result.date), with the article as its source"
                        : "milestone #\(result.milestoneID) at \(result.siteLabel) now cites the article (corroboration)")
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a candidate; later scans will not propose it again.")
        @Argument(help: "The candidate's id.")
        var id: Int64
        @Option(help: "Why (kept with the decision).")
        var reason: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                try await store.reviewQueue().reject(candidate: id, note: reason)
                note("rejected candidate #\(id)")
            }
        }
    }

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

/// Renders candidates as a table, CSV or the JSON contract.
enum EvidenceView {
    static func render(_ candidates: [Candidate], format: OutputFormat) -> String {
        switch format {
        case .json:
            return ProgrammeJSON.encode(candidates).trimmingCharacters(in: .newlines)
        case .csv:
            let header = ["id", "status", "event", "place_id", "province_id", "date", "confidence", "document_id", "snippet"]
            return
                ([CSVLine.join(header)]
                + candidates.map {
                    CSVLine.join([
                        $0.id.map(String.init) ?? "", $0.status.rawValue, $0.event.rawValue, $0.placeID ?? "", $0.provinceID ?? "", $0.date,
                        String($0.confidence), $0.documentID, $0.snippet,
                    ])
                }).joined(separator: "\n")
        case .table:
            var table = TextTable(["id", "status", "event", "place", "date", "conf.", "article", "note"])
            for c in candidates {
                let place = c.placeName ?? "province \(c.provinceID ?? "?") (\(c.provinceSites.count) sites)"
                let noteText = c.corroborates.map { "corroborates milestone #\($0)" } ?? ""
                let title = c.documentTitle.count > 48 ? String(c.documentTitle.prefix(47)) + "…" : c.documentTitle
                table.add([
                    c.id.map(String.init) ?? "", c.status.rawValue, c.event.rawValue, place, c.date, String(format: "%.2f", c.confidence),
                    "\(c.documentDate) \(title)", noteText,
                ])
            }
            return table.render()
        }
    }
}

extension StoreOptions {
    /// The evidence review queue over the store, opened (and seeded) on first use.
    func reviewQueue() async throws(JibangError) -> ReviewQueue {
        ReviewQueue(store: try await open(), gazetteer: try BundledData.gazetteer())
    }
}
