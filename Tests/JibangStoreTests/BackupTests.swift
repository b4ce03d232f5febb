import Foundation
import GRDB
import JibangBase
import JibangCorpus
import JibangStore
import JibangTestSupport
import Testing

/// Issue 17, part 3: backups of a live store, and restores that check before they replace.
@Suite struct BackupTests {
    func ingest(_ fixture: String, into corpus: CorpusStore, format: CorpusFormat = .jsonl) throws {
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.batchDocuments = 5
        _ = try ingest.ingest(Fixtures.path(fixture), format: format)
    }

    /// Rows of a table, read with plain SQL.
    func count(_ path: String, _ table: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    func integrity(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// A backup taken while another thread keeps ingesting is one consistent snapshot: it
    /// passes the integrity check, and its index files hold exactly its documents.
    @Test func aBackupOfAStoreBeingWrittenIsConsistent() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("live.sqlite")
        let corpus = try CorpusStore.open(path: path)
        try ingest("new-year-addresses-1995-2019.jsonl", into: corpus)
        let writer = Task.detached {
            let other = try CorpusStore.open(path: path)
            try self.ingest("kcna-sample.json", into: other, format: .kcna)
            try self.ingest("kcna-programme-subset.json", into: other, format: .kcna)
        }
        var backups: [String] = []
        for n in 0..<4 {
            let backup = dir.file("backup-\(n).sqlite")
            _ = try SQLiteStore.backup(from: path, to: backup, withIndex: true)
            backups.append(backup)
        }
        try await writer.value
        for backup in backups {
            #expect(try integrity(backup) == "ok")
            let documents = try count(backup, "document")
            let copy = try CorpusStore.open(path: backup)
            #expect(try copy.outdatedSegments().isEmpty, "every segment the snapshot names was copied")
            #expect(try copy.segments().reduce(0) { $0 + $1.count } == documents)
            #expect(!FileManager.default.fileExists(atPath: backup + ".partial"))
        }
        // Nothing is overwritten.
        #expect(throws: JibangError.self) { try SQLiteStore.backup(from: path, to: backups[0], withIndex: false) }
    }

    /// While a backup holds the index pinned, a reindex keeps the file it replaced, and an open
    /// keeps a file no transaction names yet; both go once the pin is released.
    @Test func pinnedSegmentFilesStayUntilReleased() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("c.sqlite")
        let corpus = try CorpusStore.open(path: path)
        try ingest("new-year-addresses-1995-2019.jsonl", into: corpus)
        let queue = try DatabaseQueue(path: path)
        let before = try queue.read { db in try String.fetchOne(db, sql: "SELECT file FROM corpus_segment WHERE id = 1") }!
        let inFlight = corpus.folder + "/segment-in-flight.jbx"
        _ = FileManager.default.createFile(atPath: inFlight, contents: Data("being written".utf8))

        let pin = try AdvisoryLock.shared(corpus.folder + "/.lock")
        try corpus.reindex(segment: 1)
        _ = try CorpusStore.open(path: path)
        #expect(FileManager.default.fileExists(atPath: corpus.folder + "/" + before), "the replaced file is still being copied")
        #expect(FileManager.default.fileExists(atPath: inFlight), "the unnamed file may still be committed")
        pin.release()

        _ = try CorpusStore.open(path: path)
        #expect(!FileManager.default.fileExists(atPath: corpus.folder + "/" + before))
        #expect(!FileManager.default.fileExists(atPath: inFlight))
    }

    /// A backup without the index restores with its segments rebuilt from the documents; the
    /// replaced store is kept beside, with what was written after the backup.
    @Test func restoreReplacesTheStoreAndKeepsThePreviousOne() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("jibang.sqlite")
        let corpus = try CorpusStore.open(path: path)
        try ingest("new-year-addresses-1995-2019.jsonl", into: corpus)
        let backup = dir.file("backup.sqlite")
        let taken = try SQLiteStore.backup(from: path, to: backup, withIndex: false)
        #expect(taken.documents == 25 && taken.segments == 0)
        #expect(!FileManager.default.fileExists(atPath: backup + ".corpus"))
        try ingest("kcna-sample.json", into: corpus, format: .kcna)
        let grown = try count(path, "document")
        #expect(grown > 25)

        let summary = try SQLiteStore.restore(from: backup, to: path, now: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(summary.documents == 25)
        #expect(summary.segmentsCopied == 0 && summary.segmentsRebuilt == 5)
        #expect(try count(path, "document") == 25)
        #expect(try integrity(path) == "ok")
        let restored = try CorpusStore.open(path: path)
        #expect(try restored.outdatedSegments().isEmpty)
        #expect(try restored.segments().reduce(0) { $0 + $1.count } == 25)
        let previous = try #require(summary.previous)
        #expect(previous == path + ".before-restore-20260528T202640Z")
        #expect(try count(previous, "document") == grown, "the replaced store keeps what came after the backup")
        #expect(FileManager.default.fileExists(atPath: previous + ".corpus"))
    }

    /// A restore checks before it replaces: a damaged copy, a file that is not a store, or a
    /// server on the store, and the store stays byte for byte as it was.
    @Test func restoreRefusesAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("jibang.sqlite")
        let corpus = try CorpusStore.open(path: path)
        try ingest("new-year-addresses-1995-2019.jsonl", into: corpus)
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let original = try Data(contentsOf: URL(fileURLWithPath: path))

        let backup = dir.file("backup.sqlite")
        _ = try SQLiteStore.backup(from: path, to: backup, withIndex: true)
        // Damage: overwrite a page in the middle of the file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let page = 65_536
        try #require(bytes.count > 3 * page)
        bytes.replaceSubrange((2 * page)..<(2 * page + 4096), with: Data(repeating: 0xA5, count: 4096))
        let damaged = dir.file("damaged.sqlite")
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect(throws: JibangError.self) { try SQLiteStore.restore(from: damaged, to: path) }

        let stranger = dir.file("other.sqlite")
        try DatabaseQueue(path: stranger).write { db in try db.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        do {
            _ = try SQLiteStore.restore(from: stranger, to: path)
            Issue.record("a file that is not a store was restored")
        } catch { #expect(error.message.contains("not a Jibang store")) }

        let serving = try AdvisoryLock.shared(AdvisoryLock.servingPath(store: path))
        do {
            _ = try SQLiteStore.restore(from: backup, to: path)
            Issue.record("restored under a running server")
        } catch { #expect(error.message.contains("a server is using")) }
        serving.release()

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!siblings.contains { $0.contains("before-restore") || $0.contains("restoring") }, "\(siblings)")
    }
}
