import Foundation
import JibangCore
import JibangCorpus

/// Reads corpus files and stores them in batches, reporting progress.
public struct CorpusIngest: Sendable {
    public var corpus: CorpusStore
    public var options: ReadOptions
    /// Stop at the first bad record and store nothing from that file.
    public var strict = false
    /// Documents and text bytes per batch (one transaction and one index segment each).
    public var batchDocuments = 20_000
    public var batchBytes = 96 << 20

    public init(corpus: CorpusStore, options: ReadOptions) {
        self.corpus = corpus
        self.options = options
    }

    /// Progress of one file: documents stored so far, bytes read of the total.
    public struct Progress: Sendable {
        public let file: String
        public let documents: Int
        public let bytesRead: Int
        public let totalBytes: Int
    }

    /// Ingests one file (or folder). Problems are counted and passed to `problem`; with
    /// `strict`, the first one throws before anything from the file is stored.
    public func ingest(
        _ path: String, format: CorpusFormat, progress: (Progress) -> Void = { _ in }, problem: (ReadProblem) -> Void = { _ in }
    ) throws -> IngestSummary {
        let file = (path as NSString).lastPathComponent
        let total = CorpusReader.size(of: path)
        if strict {
            // Check the whole file first, so a bad record means nothing is stored.
            try CorpusReader.read(path, format: format, options: options) { record in
                if case let .problem(p) = record {
                    problem(p)
                    throw JibangError.invalidInput(InputLocation(file: p.file, line: p.line), "\(p.kind.rawValue): \(p.detail) (--strict: nothing from \(file) was stored)")
                }
            }
        }
        var summary = IngestSummary(file: file)
        var batch: [(Document, file: String)] = []
        var batchText = 0
        var bytesRead = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let result = try corpus.store(batch)
            summary.ingested += result.stored
            summary.alreadyStored += result.alreadyStored
            summary.duplicates += result.duplicates
            batch.removeAll(keepingCapacity: true)
            batchText = 0
            progress(Progress(file: file, documents: summary.ingested + summary.alreadyStored, bytesRead: bytesRead, totalBytes: total))
        }
        try CorpusReader.read(path, format: format, options: options, progress: { bytesRead = $0 }) { record in
            switch record {
            case let .document(document, _):
                batch.append((document, file))
                batchText += document.body.utf8.count
                if batch.count >= batchDocuments || batchText >= batchBytes { try flush() }
            case let .problem(p):
                summary.skipped += 1
                summary.skippedByReason[p.kind.rawValue, default: 0] += 1
                problem(p)
            }
        }
        try flush()
        try corpus.record(summary)
        return summary
    }
}
