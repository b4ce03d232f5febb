import Foundation
import GRDB
import JibangBase
import JibangCore
import JibangCorpus
import JibangTestSupport
import Testing

@testable import JibangStore

/// Stores written by an earlier release open with their record intact.
@Suite struct MigrationTests {
    /// A store as the release before planned milestones left it (schema v5), with one site, one
    /// milestone, its actor and its source, written in that schema's own SQL.
    func versionFiveStore(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5 api tokens")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO division (id, level, kind, name_ko, name_kcna, name_rr, name_mr, aliases, source)
                        VALUES ('KP04', 1, 'province', '평안북도', 'North Phyongan Province', 'Pyeonganbuk-do', 'P''yŏnganbuk-to', '', 'test'),
                               ('KP0409', 2, 'county', '운산군', 'Unsan County', 'Unsan-gun', 'Unsan-gun', '', 'test');
                    UPDATE division SET province_id = 'KP04' WHERE id = 'KP0409';
                    INSERT INTO stage (id, kind, year, label) VALUES ('2024', '20x10', 2024, '20x10 2024');
                    INSERT INTO site (id, stage_id, division_id) VALUES (1, '2024', 'KP0409');
                    INSERT INTO milestone (id, site_id, kind, date, date_precision, date_earliest, date_latest, status, facilities, note)
                        VALUES (7, 1, 'inauguration', '2024-12-20', 'day', '2024-12-20', '2024-12-20', 'claimed', 'foodstuff factory', 'kept');
                    INSERT INTO actor (milestone_id, position, name, kind) VALUES (7, 0, 'Kim Jong Un', 'person');
                    INSERT INTO source (milestone_id, position, url, outlet) VALUES (7, 0, 'https://example.org/unsan', 'KCNA');
                    INSERT INTO corpus_segment (id, file, documents, text_bytes, index_bytes, segment_bytes) VALUES (1, 'segment-old.jbx', 3, 0, 0, 0);
                    INSERT INTO document (doc_id, content_key, outlet, date, day, precision, title, body, language, source_file, segment_id)
                        VALUES ('a', 'ka', 'KCNA', '2024-01-02', 19724, 'day', 't', 'b1', 'en', 'f', 1),
                               ('b', 'kb', 'KCNA', '2024-01-02', 19724, 'day', 't', 'b2', 'en', 'f', 1),
                               ('c', 'kc', 'Rodong Sinmun', '2024-01', 19723, 'month', 't', 'b3', NULL, 'f', 1);
                    """)
        }
    }

    @Test func aVersionFiveStoreKeepsItsRecordAndTakesPlannedMilestonesAndTallies() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.sqlite")
        try versionFiveStore(at: path)

        let store = try SQLiteStore.open(path: path)
        let sites = try await store.sites()
        #expect(sites.count == 1)
        let milestone = try #require(sites.first?.milestones.first)
        #expect(milestone.id == 7, "ids survive the rebuilt table")
        #expect(milestone.kind == .inauguration && milestone.date.description == "2024-12-20" && milestone.status == .claimed)
        #expect(milestone.facilities == "foodstuff factory" && milestone.note == "kept")
        #expect(milestone.actors == [Actor(name: "Kim Jong Un", kind: .person)])
        #expect(milestone.sources.map(\.url) == ["https://example.org/unsan"])

        // The rebuilt table accepts the new status, and the cascade from site to milestone still holds.
        let planned = ProgrammeEntry(
            stageID: "2024", divisionID: "KP0409",
            milestone: Milestone(
                kind: .officialVisit, date: MilestoneDate("2031-05")!, status: .planned,
                sources: [Source(url: "https://example.org/plan")]),
            origin: InputLocation(file: "test"))
        _ = try await store.importEntries([planned], file: "test")
        #expect(try await store.sites().first?.milestones.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.claimed, .planned])

        // The document tally is filled from the documents already stored.
        let tallies = try CorpusStore.open(path: path).languageTallies()
        #expect(
            Set(tallies.map { "\($0.day) \($0.precision) \($0.outlet) \($0.language ?? "-") \($0.documents)" }) == [
                "19724 0 KCNA en 2", "19723 1 Rodong Sinmun - 1",
            ])
        let queue = try DatabaseQueue(path: path)
        let orphans = try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(orphans.isEmpty)
    }
}
