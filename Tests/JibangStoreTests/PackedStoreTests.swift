import Foundation
import GRDB
import JibangBase
import JibangCorpus
import JibangStore
import JibangTestSupport
import KoreanText
import Testing

/// Document texts are stored once, compressed: they come back byte for byte (originals that
/// NFC changed included), and a store written before packing is converted by `reindex` with
/// the same answers.
@Suite struct PackedStoreTests {
    /// The New Year fixture plus two of its texts in decomposed Hangul (as some sources send
    /// them) under new ids: (id, body as sent).
    static func writeCorpus(to path: String) throws -> [(id: String, body: String)] {
        let lines = try String(contentsOfFile: Fixtures.path("new-year-addresses-1995-2019.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var sent: [(String, String)] = []
        var out: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            sent.append((object["id"] as! String, object["body"] as! String))
            out.append(line)
        }
        for (n, line) in lines.prefix(2).enumerated() {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let decomposed = (object["body"] as! String).decomposedStringWithCanonicalMapping
            object["id"] = "nfd-\(n)"
            object["body"] = decomposed
            object["date"] = "2020-01-0\(n + 1)"
            out.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
            sent.append(("nfd-\(n)", decomposed))
        }
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return sent
    }

    static func ingest(_ path: String, into corpus: CorpusStore) throws {
        var ingest = CorpusIngest(corpus: corpus, options: ReadOptions())
        ingest.batchDocuments = 7
        _ = try ingest.ingest(path, format: .jsonl)
    }

    static func rowIDs(_ queue: DatabaseQueue) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try queue.read { db in try Row.fetchAll(db, sql: "SELECT doc_id, id FROM document") }.map { ($0[0], $0[1]) })
    }

    /// The corpus of `writeCorpus`, ingested into a new store in `dir`: what was sent, the
    /// corpus, a plain connection to its database, and the row id of each document id.
    static func ingestedStore(
        in dir: TemporaryDirectory
    ) throws -> (
        sent: [(id: String, body: String)], corpus: CorpusStore, queue: DatabaseQueue, ids: [String: Int64]
    ) {
        let sent = try writeCorpus(to: dir.file("corpus.jsonl"))
        let corpus = try CorpusStore.open(path: dir.file("c.sqlite"))
        try ingest(dir.file("corpus.jsonl"), into: corpus)
        let queue = try DatabaseQueue(path: dir.file("c.sqlite"))
        return (sent, corpus, queue, try rowIDs(queue))
    }

    @Test func textsRoundTripByteForByte() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (sent, corpus, queue, ids) = try Self.ingestedStore(in: dir)
        #expect(ids.count == sent.count)
        var originals = 0
        for (id, body) in sent {
            let rowID = try #require(ids[id])
            let stored = try #require(try corpus.storedText(rowID: rowID))
            // Independent of the store: Foundation's NFC, compared scalar by scalar.
            let nfc = body.precomposedStringWithCanonicalMapping
            #expect(Array(stored.body.utf8) == Array(nfc.utf8), "\(id)")
            if Array(nfc.utf8) == Array(body.utf8) {
                #expect(stored.original == nil, "\(id)")
            } else {
                originals += 1
                #expect(Array(try #require(stored.original).utf8) == Array(body.utf8), "\(id)")
            }
        }
        #expect(originals == 2)
        // Stored once, compressed: no plain copies, and fewer bytes than the texts.
        let (plain, packed) = try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE body != '' OR original IS NOT NULL OR packed IS NULL")!,
                try Int.fetchOne(db, sql: "SELECT SUM(length(packed)) FROM document")!
            )
        }
        #expect(plain == 0)
        let textBytes = sent.reduce(0) { $0 + $1.body.precomposedStringWithCanonicalMapping.utf8.count }
        #expect(packed * 2 < textBytes, "\(packed) packed bytes for \(textBytes) of text")
        let stats = try corpus.stats()
        #expect(stats.documentBytes == packed)
        #expect(stats.storeBytes > stats.segmentBytes + stats.documentBytes)
    }

    /// What the last release wrote: plain bodies (and originals) and format 2 segments.
    static func downgrade(_ corpus: CorpusStore, _ queue: DatabaseQueue, sent: [(id: String, body: String)]) throws {
        let ids = try rowIDs(queue)
        try queue.write { db in
            for (id, body) in sent {
                let nfc = body.precomposedStringWithCanonicalMapping
                try db.execute(
                    sql: "UPDATE document SET body = ?, original = ?, packed = NULL, packed_bytes = NULL, packed_original = NULL WHERE id = ?",
                    arguments: [nfc, Array(nfc.utf8) == Array(body.utf8) ? nil : body, ids[id]])
            }
            try db.execute(sql: "UPDATE corpus_segment SET stored_bytes = text_bytes")
        }
        let segments = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, file FROM corpus_segment ORDER BY id") }
        for segment in segments {
            let builder = SegmentBuilder()
            let rows = try queue.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT id, outlet, date, title, body FROM document WHERE segment_id = ? ORDER BY id",
                    arguments: [segment["id"] as Int64])
            }
            for row in rows {
                let text = SearchText((row["title"] as String) + "\n" + (row["body"] as String))
                builder.add(IndexedDocument(rowID: row["id"], outlet: row["outlet"], date: try #require(DateParser.parse(row["date"])), text: text))
            }
            try Data(builder.build(format: 2).bytes).write(to: URL(fileURLWithPath: corpus.folder + "/" + (segment["file"] as String)))
        }
    }

    /// Everything a user reads from the corpus, as bytes: trend JSON, KWIC lines, the
    /// articles evidence reads, the stored texts and the fingerprint.
    static func answers(_ corpus: CorpusStore, ids: [String: Int64]) throws -> [String] {
        let group = try TermGroup(name: "re", query: "지방공업|지방경제|인민")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var out: [String] = []
        for measure in [Measure.documents, .mentions] {
            let result = try corpus.trend(TrendQuery(groups: [group], by: .year, measure: measure))
            out.append(String(decoding: try encoder.encode(result), as: UTF8.self))
        }
        let kwic = try corpus.keywordInContext(group, options: MatchOptions(), limit: 50, width: 30)
        out.append(String(decoding: try encoder.encode(kwic.hits), as: UTF8.self) + " \(kwic.documents)")
        out.append(try corpus.dayDatedArticles(matching: group).map { "\($0.documentID)|\($0.title)|\($0.body)" }.joined(separator: "\n"))
        for (id, rowID) in ids.sorted(by: { $0.key < $1.key }) {
            let stored = try #require(try corpus.storedText(rowID: rowID))
            out.append("\(id)|\(stored.body)|\(stored.original ?? "-")")
        }
        let fingerprint = try corpus.fingerprint()
        out.append("\(fingerprint.documents) \(fingerprint.hash)")
        return out
    }

    @Test func reindexConvertsAnOlderStoreWithIdenticalAnswers() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (sent, corpus, queue, ids) = try Self.ingestedStore(in: dir)
        let fresh = try Self.answers(corpus, ids: ids)

        try Self.downgrade(corpus, queue, sent: sent)
        let segmentCount = try corpus.stats().segments
        #expect(try corpus.outdatedSegments().count == segmentCount)
        #expect(try corpus.segments().allSatisfy { $0.formatVersion == 2 })
        // The older store answers the same before conversion.
        #expect(try Self.answers(corpus, ids: ids) == fresh)

        // Converted one segment at a time; stopping halfway leaves a store that answers the same.
        let outdated = try corpus.outdatedSegments()
        try corpus.reindex(segment: outdated[0])
        #expect(try corpus.outdatedSegments().count == segmentCount - 1)
        #expect(try Self.answers(corpus, ids: ids) == fresh)
        for id in outdated.dropFirst() { try corpus.reindex(segment: id) }
        // Packing freed pages of the file; compacting returns them.
        let sizeBefore = try corpus.stats().storeBytes
        #expect(try corpus.reclaimableBytes() > 0)
        try corpus.compact()
        #expect(try corpus.reclaimableBytes() == 0)
        #expect(try corpus.stats().storeBytes < sizeBefore)

        #expect(try corpus.outdatedSegments().isEmpty)
        #expect(try corpus.segments().allSatisfy { $0.formatVersion == Segment.currentFormatVersion })
        let unpacked = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE packed IS NULL OR body != ''")! }
        #expect(unpacked == 0)
        let converted = try Self.answers(corpus, ids: ids)
        #expect(converted.count == fresh.count)
        for (a, b) in zip(converted, fresh) { #expect(a == b) }
    }
}
