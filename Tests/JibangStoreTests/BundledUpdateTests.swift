import Foundation
import JibangBase
import JibangCore
import JibangStore
import JibangTestSupport
import Testing

/// Newer bundled data that never overwrites an analyst (issue 14, part 4): a store seeded from
/// the previous bundled record and then corrected takes the current one.
@Suite struct BundledUpdateTests {
    let gazetteer = try! BundledData.gazetteer()

    func identities(_ entries: [ProgrammeEntry]) -> Set<String> {
        Set(entries.map { "\($0.stageID)|\($0.divisionID)|\($0.milestone.kind.rawValue)|\($0.milestone.date)" })
    }

    /// A store as the previous release seeded it, from the previous bundled record (a fixture).
    func storeSeededByThePreviousRelease(at path: String) async throws -> (SQLiteStore, [ProgrammeEntry]) {
        let previous = try ProgrammeCSV.read(Fixtures.text("20x10-sites-previous.csv"), file: "20x10-sites.csv", gazetteer: gazetteer)
        let old = try SQLiteStore.open(path: path)
        _ = try await old.prepare(
            divisions: gazetteer.divisions, bundled: previous, bundleID: "20x10-sites.csv@previous", sha256: "0", programme: true)
        return (old, previous)
    }

    /// Issue 15: a store seeded before roles existed takes the record's roles when it opens,
    /// except where an analyst set a site's role.
    @Test func theUpgradeSetsRolesButNotOverAnAnalyst() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.sqlite")
        let (old, previous) = try await storeSeededByThePreviousRelease(at: path)
        let before = try await old.sites()
        #expect(before.allSatisfy { $0.role == .wave }, "the previous record states no roles")
        // An analyst decides Kusong's 2025 hospital counts as a wave site; the record says otherwise.
        let kusong = try gazetteer.resolve("Kusong City")
        let hospital = try #require(before.first { $0.divisionID == kusong.id && $0.stageID == "2025" })
        try await old.setRole(site: hospital.id!, .associated, reason: "a hospital at a 2024 site")
        try await old.setRole(site: hospital.id!, .wave, reason: "counted by the analyst's own list")

        let (store, seeded) = try await StoreBootstrap.open(path: path)
        let update = try #require(seeded.update)
        let after = try await store.sites()
        let sinpho = try gazetteer.resolve("Sinpho City")
        #expect(after.first { $0.divisionID == sinpho.id && $0.stageID == "2024" }?.role == .associated)
        #expect(after.first { $0.id == hospital.id }?.role == .wave, "the analyst's role stands")
        let rakwon = try #require(after.first { $0.divisionID == (try? gazetteer.resolve("Rakwon County"))?.id })
        #expect(rakwon.role == .associated && rakwon.roleReadings.map(\.role) == [.associated, .wave])
        // Of the previous record's sites, Kusong 2025 and Unsan (은산) 2025 are associated now; Kusong
        // is the analyst's, so only Unsan changes (Sinpho 2024 and Rakwon are new sites).
        #expect(update.rolesSet == 1)
        let unsan = try gazetteer.resolve("은산군")
        #expect(after.first { $0.divisionID == unsan.id && $0.stageID == "2025" }?.role == .associated)
        let audit = try await store.auditEntries(since: nil, entity: "site", entityID: String(hospital.id!), limit: 5)
        #expect(audit.map(\.action) == ["role", "role"])
        await #expect(throws: JibangError.self) { try await store.setRole(site: hospital.id!, .wave, reason: "again") }
    }

    @Test func theUpgradeAddsWhatIsNewAndLeavesTheAnalystsWorkAlone() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("old.sqlite")
        let (old, previous) = try await storeSeededByThePreviousRelease(at: path)
        // An analyst corrects two bundled milestones that the current record still has.
        let current = try BundledProgramme.entries()
        let sites = try await old.sites()
        let shared = sites.flatMap { site in site.milestones.map { (site, $0) } }.filter { site, m in
            identities(current).contains("\(site.stageID)|\(site.divisionID)|\(m.kind.rawValue)|\(m.date)")
        }
        let (_, edited) = try #require(shared.first { $0.1.date.exactDay != nil })
        let (_, retracted) = try #require(shared.first { $0.1.id != edited.id })
        var moved = edited
        moved.date = .day(edited.date.exactDay!.adding(days: -1))
        _ = try await old.editMilestone(id: edited.id!, to: moved, divisionID: nil, reason: "the report's day was taken")
        try await old.setRetracted(milestone: retracted.id!, true, reason: "not a programme site")

        // Opening with the current release applies the current bundled record.
        let (store, seeded) = try await StoreBootstrap.open(path: path)
        let update = try #require(seeded.update)
        let added = identities(current).subtracting(identities(previous))
        #expect(update.milestonesAdded == added.count, "every new row, computed by a plain difference of the two files")
        #expect(update.leftForAnalysts >= 2)
        let after = try await store.sites()
        let all = after.flatMap(\.milestones)
        #expect(all.first { $0.id == edited.id }?.date == moved.date, "the edit stands")
        #expect(
            all.filter { $0.kind == edited.kind && $0.date == edited.date }.allSatisfy { $0.id != nil && $0.id != edited.id },
            "the old date is not added back")
        let editedSite = try #require(sites.first { $0.milestones.contains { $0.id == edited.id } })
        #expect(!after.first { $0.id == editedSite.id }!.milestones.contains { $0.kind == edited.kind && $0.date == edited.date })
        #expect(all.first { $0.id == retracted.id }?.retraction != nil, "the retraction stands")
        let bundle = try await store.bundledRecord()
        #expect(bundle?.hasPrefix("20x10-sites.csv@") == true && bundle != "20x10-sites.csv@previous")
        let audit = try await store.auditEntries(since: nil, entity: "import", entityID: nil, limit: 5)
        #expect(audit.first?.action == "update")

        // Opening again applies nothing more.
        #expect(try await StoreBootstrap.open(path: path).seeded == SeedResult())
    }
}
