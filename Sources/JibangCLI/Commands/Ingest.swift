public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

extension CorpusFormat: ExpressibleByArgument {}

/// `jibang ingest FILE…`: read corpus files into the store and index them.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add state-media articles to the corpus (JSONL, CSV, a folder of .txt files, or the KCNA scraper JSON).",
        discussion: """
            Bad records (malformed lines, invalid UTF-8, missing dates, empty bodies, oversized documents) are \
            skipped and summarised; --strict stops at the first one and stores nothing from that file. Each batch \
            is one transaction: an interrupted ingest can simply be run again, and every document is stored once.
            """)

    @Argument(help: "Files or folders to ingest.")
    var files: [String]
    @Option(help: "jsonl, csv, txt (a folder) or kcna (default: from the file name; .json means kcna).")
    var format: CorpusFormat?
    @Option(help: "The outlet of every document (overrides the records' own).")
    var outlet: String?
    @Option(help: "The language of documents that name none (ko, en).")
    var language: String?
    @Flag(help: "Stop at the first bad record and store nothing from that file.")
    var strict = false
    @Option(help: "Field names as source=field pairs, e.g. --field body=text --field date=published.")
    var field: [String] = []
    @Option(help: "For .txt folders without metadata.csv: a file-name pattern such as {outlet}_{date}_{id}.txt.")
    var namePattern: String?
    @Option(help: "Refuse documents larger than this many megabytes.")
    var maxDocumentMb = 16
    @Option(
        help: ArgumentHelp(
            "This file lists every document SOURCE publishes now: its documents seen before and missing here are marked withdrawn.",
            valueName: "source"))
    var snapshot: String?
    @Option(
        help:
            "When the records were seen (ISO 8601, e.g. 2024-10-06T09:30:00Z), for records without an observed_at field; default: now. Orders the versions of edited documents."
    )
    var observedAt: String?
    @Flag(inversion: .prefixedNo, help: "Cluster near-copies across outlets and ids after ingesting (see `jibang corpus reprints`).")
    var findReprints = true
    @Option(help: "Documents per transaction (each batch is stored whole or not at all).")
    var batchSize = 5_000
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let observedAt, ObservedTime.parse(observedAt) == nil {
            throw ValidationError("--observed-at \(observedAt): expected an ISO 8601 time such as 2024-10-06T09:30:00Z, or a date")
        }
        guard (1...1_000_000).contains(batchSize) else { throw ValidationError("--batch-size \(batchSize): expected 1 to 1000000") }
        for pair in field {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, ["id", "outlet", "date", "title", "body", "language", "url", "observed"].contains(String(parts[0])) else {
                throw ValidationError("--field \(pair): expected id|outlet|date|title|body|language|url|observed=NAME, e.g. --field body=text")
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            var options = ReadOptions()
            options.outlet = outlet
            options.overrideOutlet = outlet != nil
            options.language = language
            options.fileNamePattern = namePattern
            options.maxDocumentBytes = maxDocumentMb << 20
            options.observedAt = observedAt.flatMap(ObservedTime.parse)
            for pair in field {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                switch parts[0] {
                case "id": options.idField = parts[1]
                case "outlet": options.outletField = parts[1]
                case "date": options.dateField = parts[1]
                case "title": options.titleField = parts[1]
                case "body": options.bodyField = parts[1]
                case "language": options.languageField = parts[1]
                case "observed": options.observedFields = [parts[1]]
                default: options.urlField = parts[1]
                }
            }
            var ingest = CorpusIngest(corpus: try await store.openCorpus(), options: options)
            ingest.batchDocuments = batchSize
            ingest.strict = strict
            ingest.snapshot = snapshot
            var nothingStored: [String] = []
            for path in files.map(Console.current.resolve) {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw JibangError.notFound("cannot read \(path): no such file or folder")
                }
                let bar = ProgressBar()
                var shown = 0
                let summary = try ingest.ingest(
                    path, format: format ?? .inferred(from: path),
                    progress: { bar.show($0) },
                    problem: { problem in
                        shown += 1
                        if shown <= 10 {
                            bar.message("skipped \(problem)")
                        } else if shown == 11 {
                            bar.message("(further problems are only counted)")
                        }
                    })
                bar.finish()
                var line = "\(summary.file): \(summary.ingested) documents stored"
                if summary.alreadyStored > 0 { line += ", \(summary.alreadyStored) already stored" }
                if summary.newVersions > 0 { line += " (\(summary.newVersions) of them new versions of edited documents)" }
                if summary.duplicates > 0 { line += ", \(summary.duplicates) duplicates skipped" }
                if let snapshot {
                    line +=
                        summary.skipped > 0
                        ? "; withdrawals from \(snapshot) not checked (bad records were skipped, so the listing is incomplete)"
                        : ", \(summary.withdrawn) withdrawn from \(snapshot)"
                }
                if summary.skipped > 0 {
                    line +=
                        ", \(summary.skipped) bad records skipped ("
                        + summary.skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
                }
                note(line + " in \(String(format: "%.1f", bar.elapsed)) s")
                if summary.skipped > 0 && summary.ingested + summary.alreadyStored + summary.duplicates == 0 { nothingStored.append(summary.file) }
            }
            if findReprints {
                let started = Date()
                let found = try ingest.corpus.clusterReprints(threshold: nil) { message in note(message) }
                note(
                    "reprints: \(found.clusters) clusters of near-copies (\(found.reprints) reprints) among \(found.documents) documents at Jaccard ≥ \(found.threshold), in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
                )
            }
            if !nothingStored.isEmpty {
                throw JibangError(
                    .invalidInput,
                    "nothing was stored from \(nothingStored.joined(separator: ", ")): every record was bad (the problems are listed above)")
            }
        }
    }
}
