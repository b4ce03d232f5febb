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
    @Option(help: "Documents per transaction (each batch is stored whole or not at all).")
    var batchSize = 5_000
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...1_000_000).contains(batchSize) else { throw ValidationError("--batch-size \(batchSize): expected 1 to 1000000") }
        for pair in field {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, ["id", "outlet", "date", "title", "body", "language", "url"].contains(String(parts[0])) else {
                throw ValidationError("--field \(pair): expected id|outlet|date|title|body|language|url=NAME, e.g. --field body=text")
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
            for pair in field {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                switch parts[0] {
                case "id": options.idField = parts[1]
                case "outlet": options.outletField = parts[1]
                case "date": options.dateField = parts[1]
                case "title": options.titleField = parts[1]
                case "body": options.bodyField = parts[1]
                case "language": options.languageField = parts[1]
                default: options.urlField = parts[1]
                }
            }
            var ingest = CorpusIngest(corpus: try store.openCorpus(), options: options)
            ingest.batchDocuments = batchSize
            ingest.strict = strict
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
                if summary.duplicates > 0 { line += ", \(summary.duplicates) duplicates skipped" }
                if summary.skipped > 0 {
                    line +=
                        ", \(summary.skipped) bad records skipped ("
                        + summary.skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
                }
                note(line + " in \(String(format: "%.1f", bar.elapsed)) s")
                if summary.skipped > 0 && summary.ingested + summary.alreadyStored + summary.duplicates == 0 { nothingStored.append(summary.file) }
            }
            if !nothingStored.isEmpty {
                throw JibangError(
                    .invalidInput,
                    "nothing was stored from \(nothingStored.joined(separator: ", ")): every record was bad (the problems are listed above)")
            }
        }
    }
}
