import Foundation
import JibangBase

/// Reads corpus files and stores them in batches, reporting progress.
public struct CorpusIngest: Sendable {
    public var corpus: any CorpusDocumentStore
    public var options: ReadOptions
    /// Stop at the first bad record and store nothing from that file.
    public var strict = false
    /// Documents and text bytes per batch (one transaction and one index segment each).
    public var batchDocuments = 5_000
    public var batchBytes = 24 << 20
    /// The source this file is a complete listing of (a snapshot): its documents not in the
    /// file are marked withdrawn once the whole file is stored (not when records were skipped:
    /// their ids are unknown).
    public var snapshot: String?

    public init(corpus: any CorpusDocumentStore, options: ReadOptions) {
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
                    throw JibangError.invalidInput(
                        InputLocation(file: p.file, line: p.line),
                        "\(p.kind.rawValue): \(p.detail) (a strict ingest stops at the first bad record: nothing from \(file) was stored)")
                }
            }
        }
        var summary = IngestSummary(file: file)
        // Two stages on two threads: a reader parses and prepares documents (JSON, NFC, search
        // text) while this thread stores the previous batch and builds its segment.
        let channel = BatchChannel(capacity: 2)
        let reader = ReaderStage(
            path: path, format: format, options: options, file: file, batchDocuments: batchDocuments, batchBytes: batchBytes, channel: channel,
            buildsSegments: corpus.indexesWhenStoring)
        let thread = Thread { reader.run() }
        thread.stackSize = 8 << 20
        thread.start()
        var storeError: (any Error)?
        var listed = Set<String>()
        while let item = channel.receive() {
            switch item {
            case let .batch(batch, segment, bytesRead):
                guard storeError == nil else { continue }
                if snapshot != nil { listed.formUnion(batch.map(\.document.id)) }
                do {
                    let result = try corpus.store(batch, prebuilt: segment)
                    summary.ingested += result.stored
                    summary.alreadyStored += result.alreadyStored
                    summary.duplicates += result.duplicates
                    summary.newVersions += result.newVersions
                    progress(Progress(file: file, documents: summary.ingested + summary.alreadyStored, bytesRead: bytesRead, totalBytes: total))
                } catch {
                    storeError = error
                    channel.cancel()
                }
            case let .problem(p):
                summary.skipped += 1
                summary.skippedByReason[p.kind.rawValue, default: 0] += 1
                problem(p)
            case let .failed(error):
                storeError = storeError ?? error
            }
        }
        if let storeError { throw storeError }
        if let snapshot {
            summary.withdrawn = try corpus.recordSnapshot(
                source: snapshot, ids: listed, at: options.observedAt ?? ObservedTime.string(Date()), complete: summary.skipped == 0)
        }
        try corpus.record(summary)
        return summary
    }
}

/// What the reader stage hands to the storing stage.
enum StageItem: Sendable {
    case batch([PreparedDocument], BuiltSegment?, bytesRead: Int)
    case problem(ReadProblem)
    case failed(any Error)
}

/// A bounded queue between the two ingest stages; `receive` returns nil once the sender is done.
final class BatchChannel: @unchecked Sendable {
    // @unchecked: every access to the state goes through `condition`.
    private var items: [StageItem] = []
    private var batches = 0
    private var finished = false
    private(set) var cancelled = false
    private let capacity: Int
    private let condition = NSCondition()

    init(capacity: Int) { self.capacity = capacity }

    /// Batches sent and not yet received.
    var queuedBatches: Int {
        condition.lock()
        defer { condition.unlock() }
        return batches
    }

    /// Queues an item; a batch waits while `capacity` batches are queued. False once cancelled.
    @discardableResult
    func send(_ item: StageItem) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if case .batch = item {
            while batches >= capacity && !cancelled { condition.wait() }
            batches += 1
        }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    func receive() -> StageItem? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if items.isEmpty { return nil }
        let item = items.removeFirst()
        if case .batch = item {
            batches -= 1
            condition.broadcast()
        }
        return item
    }
}

/// Reads a file, prepares its documents and sends them in batches.
struct ReaderStage: Sendable {
    let path: String
    let format: CorpusFormat
    let options: ReadOptions
    let file: String
    let batchDocuments: Int
    let batchBytes: Int
    let channel: BatchChannel
    /// Whether to build segments ahead for the store (not for one that indexes later).
    let buildsSegments: Bool

    struct Cancelled: Error {}

    func run() {
        defer { channel.finish() }
        var batch: [PreparedDocument] = []
        var batchText = 0
        var bytesRead = 0
        let packer = TextPacker()
        // Reading, building segments and storing rows cost about a third each. The segment is
        // built by whichever thread would otherwise wait: here when the storing thread still has
        // a batch queued, there (inside `store`) when it is idle.
        func send() -> Bool {
            // Built in one tight loop (not interleaved with parsing): the hash table stays in cache.
            var segment: BuiltSegment?
            if buildsSegments && channel.queuedBatches > 0 {
                let builder = SegmentBuilder()
                for prepared in batch {
                    builder.add(IndexedDocument(rowID: 0, outlet: prepared.document.outlet, date: prepared.document.date!, text: prepared.text))
                }
                segment = builder.buildSegment()
            }
            defer {
                batch = []
                batchText = 0
            }
            return channel.send(.batch(batch, segment, bytesRead: bytesRead))
        }
        do {
            try CorpusReader.read(
                path, format: format, options: options, progress: { bytesRead = $0 },
                emit: { record in
                    switch record {
                    case let .document(document, _):
                        guard document.date != nil else { break }
                        batch.append(PreparedDocument(document, file: file, packer: packer))
                        batchText += document.body.utf8.count
                        if batch.count >= batchDocuments || batchText >= batchBytes {
                            guard send() else { throw Cancelled() }
                        }
                    case let .problem(p):
                        channel.send(.problem(p))
                    }
                })
            if !batch.isEmpty { _ = send() }
        } catch is Cancelled {
            return
        } catch {
            channel.send(.failed(error))
        }
    }
}
