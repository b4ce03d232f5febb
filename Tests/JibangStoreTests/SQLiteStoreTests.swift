import Foundation
import GRDB
import JibangBase
import JibangCore
import JibangStore
import JibangTestSupport
import Testing

@Suite struct SQLiteStoreTests {
    let gazetteer = try! BundledData.gazetteer()

    func export(_ store: SQLiteStore) async throws -> String {
        ProgrammeJSON.write(try await store.sites(), gazetteer: gazetteer)
    }

    @Test func firstOpenSeedsTheBundledRecordAndInitTwiceChangesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("j.sqlite")
        let (store, first) = try await StoreBootstrap.open(path: path)
        #expect(first.divisions == 213)
        #expect(first.programme?.milestones == (try BundledProgramme.entries().count))
        let before = try await export(store)
        let (again, second) = try await StoreBootstrap.open(path: path)
        #expect(second == SeedResult())
        #expect(try await export(again) == before)
        #expect(try await again.sites().flatMap(\.milestones).count == first.programme?.milestones)
    }

    @Test func emptyInitLoadsNoProgrammeAndStaysEmpty() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("e.sqlite")
        _ = try await StoreBootstrap.open(path: path, empty: true)
        let (store, seeded) = try await StoreBootstrap.open(path: path)
        #expect(seeded.programme == nil)
        #expect(try await store.sites().isEmpty)
    }

    @Test(arguments: [ProgrammeFormat.json, .csv])
    func exportThenImportIntoAnEmptyStoreReproducesTheData(format: ProgrammeFormat) async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let source = try await seededStore(in: dir)
        let exported = format.write(try await source.sites(), gazetteer: gazetteer)
        let target = try await StoreBootstrap.open(path: dir.file("copy.sqlite"), empty: true).store
        let entries = try format.read(Data(exported.utf8), file: "export.\(format)", gazetteer: gazetteer)
        _ = try await target.importEntries(entries, file: "export")
        let a = ProgrammeRecord.ordered(try await source.sites()).map(\.content)
        let b = ProgrammeRecord.ordered(try await target.sites()).map(\.content)
        #expect(a == b)
        #expect(a.count == 63, "the bundled record's sites")
        #expect(try await export(target) == (try await export(source)))
    }

    @Test func aFailingImportStoresNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seededStore(in: dir)
        let before = try await export(store)
        let csv = """
            year_wave,province,city_county,korean_name,event,date,source_url
            2027,Kangwon,Kimhwa County,김화군,groundbreaking,2027-02-01,https://example.org/new
            2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-02,https://example.org/new2
            2024,South Phyongan,Songchon County,성천군,groundbreaking,2024-02-28,https://example.org/dup
            """
        let entries = try ProgrammeCSV.read(csv, file: "late-duplicate.csv", gazetteer: gazetteer)
        let error = try await #require(throws: JibangError.self) {
            try await store.importEntries(entries, file: "late-duplicate.csv")
        }
        #expect(error.code == .duplicate, "the last row duplicates a stored milestone; got \(error)")
        let location = error.location
        #expect(location?.file == "late-duplicate.csv")
        #expect(location?.line == 4)
        #expect(try await export(store) == before)
    }

    @Test func addSourceAppendsAndRefusesUnknownOrRepeated() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seededStore(in: dir)
        let kimhwa = try gazetteer.resolve("Kimhwa")
        let milestone = try #require(try await store.sites(at: kimhwa).first?.milestones.first)
        let id = try #require(milestone.id)
        let added = Source(
            url: "https://example.org/report", outlet: "Example", title: "A report", published: Day(iso: "2022-06-22"), language: "en",
            quote: "inaugurated")
        try await store.addSource(added, toMilestone: id)
        let after = try #require(try await store.sites(at: kimhwa).first?.milestones.first)
        #expect(after.sources == milestone.sources + [added])
        await #expect(throws: JibangError.self) { try await store.addSource(added, toMilestone: id) }
        await #expect(throws: JibangError.self) { try await store.addSource(added, toMilestone: 99_999) }
    }

    @Test func theSchemaRefusesMilestonesWithoutASourceURL() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seededStore(in: dir, empty: true)
        let entry = ProgrammeEntry(
            stageID: "2027", divisionID: "KP0409",
            milestone: Milestone(kind: .groundbreaking, date: MilestoneDate("2027-01-01")!, sources: [Source(url: "")]),
            origin: InputLocation(file: "test"))
        await #expect(throws: JibangError.self) { _ = try await store.importEntries([entry], file: "test") }
        #expect(try await store.sites().isEmpty)
    }

    /// Issue 15: a stored release cannot be changed or deleted, even by SQL.
    @Test func releasesAreImmutableInTheFile() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("r.sqlite")
        let store = try await StoreBootstrap.open(path: path).store
        _ = try await store.createRelease(name: "r1", notes: nil, jibangVersion: "test")
        let db = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "UPDATE release SET notes = 'x'") } }
        #expect(throws: (any Error).self) { try db.write { try $0.execute(sql: "DELETE FROM release") } }
        #expect(try await store.releases().count == 1)
    }
}
