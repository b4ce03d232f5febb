import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus

/// `jibang corpus changes`: documents republished with edits, and withdrawn ones.
struct CorpusChangesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "List documents republished with edited wording (with a word diff) and documents withdrawn.",
        discussion: """
            A document stored again under its id with a different text is kept as a new version; versions are \
            ordered by when they were observed (the record's observed_at, the snapshot's --observed-at, or the \
            ingest time). The diff compares the two versions observed last, word by word (Korean: by eojeol): \
            [-removed-] {+added+}. Documents a snapshot ingest (--snapshot) no longer found are listed as withdrawn.
            """)

    @Option(help: "Only changes observed on or after this time or date (ISO 8601).")
    var from: String?
    @Option(help: "Only this outlet.")
    var outlet: String?
    @Option(help: "Only this document id.")
    var document: String?
    @Option(help: "Compare this version (default: the one observed before the last).")
    var fromVersion: Int?
    @Option(help: "Compare with this version (default: the one observed last).")
    var toVersion: Int?
    @Option(help: "At most this many documents.")
    var limit = 100
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let from, ObservedTime.parse(from) == nil { throw ValidationError("--from \(from): expected a date or time, e.g. 2024-10-06") }
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit \(limit): expected 1 to 10000") }
        if (fromVersion != nil || toVersion != nil) && document == nil {
            throw ValidationError("--from-version and --to-version compare two versions of one document: name it with --document ID")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let corpus = try await store.openCorpus()
            let outlet = try self.outlet.map { try FilterCheck.outlets([$0], in: try corpus.segments())[0] }
            let changes = try corpus.changes(
                ChangeFilter(
                    since: from.flatMap(ObservedTime.parse), outlet: outlet, documentId: document, fromVersion: fromVersion, toVersion: toVersion,
                    limit: limit))
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(changes).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["document_id", "outlet", "versions", "last_observed", "words_removed", "words_added", "withdrawn_at"]))
                for change in changes {
                    let counts = WordDiff.counts(change.diff)
                    emit(
                        CSVLine.join([
                            change.documentId, change.outlet, String(change.versions.count), change.versions.last?.observedAt ?? "",
                            String(counts.removed), String(counts.added), change.withdrawn?.noticedAt ?? "",
                        ]))
                }
            case .table:
                for change in changes { emit(Self.describe(change) + "\n") }
                note(changes.isEmpty ? "no edited or withdrawn documents" : "\(changes.count) documents")
            }
        }
    }

    /// A change as text: the document, its versions, and the diff with removals in [- -] and additions in {+ +}.
    static func describe(_ change: DocumentChange) -> String {
        var lines = ["\(change.documentId) (\(change.outlet))"]
        for version in change.versions {
            lines.append(
                "  version \(version.version): observed \(version.observedAt ?? "before versions were kept"), dated \(version.date): \(version.title)"
            )
        }
        if let withdrawn = change.withdrawn {
            lines.append("  withdrawn from \(withdrawn.source): last seen \(withdrawn.lastSeen), missing since \(withdrawn.noticedAt)")
        }
        if let from = change.fromVersion, let to = change.toVersion {
            let text = change.diff.map { piece in
                switch piece.op {
                case .equal: piece.abbreviated()
                case .delete: "[-\(piece.text)-]"
                case .insert: "{+\(piece.text)+}"
                }
            }
            lines.append("  version \(from) → \(to):")
            lines.append("  " + text.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
