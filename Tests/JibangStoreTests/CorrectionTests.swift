import Foundation
import JibangBase
import JibangCore
import JibangStore
import JibangTestSupport
import Testing

/// Correcting the record in the open (issue 14, parts 1 and 2): edits, retractions and
/// restorations with a reason, each in the audit trail with who, before and after.
@Suite struct CorrectionTests {
    let gazetteer = try! BundledData.gazetteer()

    func seeded(_ dir: TemporaryDirectory) async throws -> SQLiteStore {
        try await StoreBootstrap.open(path: dir.file("c.sqlite")).store
    }

    /// An inauguration dated to the day, found by a plain scan of the record.
    func inauguration(in sites: [Site]) throws -> (Site, Milestone) {
        for site in sites {
            if let m = site.milestones.first(where: { $0.kind == .inauguration && $0.date.exactDay != nil }) { return (site, m) }
        }
        throw JibangError.notFound("no inauguration dated to the day in the bundled record")
    }

    @Test func anEditIsStoredAndAuditedWithWhoBeforeAndAfter() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seeded(dir)
        let (_, milestone) = try inauguration(in: try await store.sites())
        let id = try #require(milestone.id)
        var changed = milestone
        let newDay = milestone.date.exactDay!.adding(days: -1)
        changed.date = .day(newDay)
        changed.note = "corrected"
        let stored = try await AuditActor.$current.withValue(.cli(user: "alice")) {
            try await store.editMilestone(id: id, to: changed, divisionID: nil, reason: "KCNA gives the day before")
        }
        #expect(stored.date == .day(newDay) && stored.note == "corrected")
        let reread = try await store.sites().flatMap(\.milestones).first { $0.id == id }
        #expect(reread?.date == .day(newDay), "the change is in the store")

        let entries = try await store.auditEntries(since: nil, entity: "milestone", entityID: String(id), limit: 10)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.action == "edit" && entry.reason == "KCNA gives the day before")
        #expect(entry.actor == AuditActor(kind: "cli", id: "cli:alice", label: "alice", role: nil))
        func date(_ value: JSONValue?) -> String? {
            guard case let .object(o) = value, case let .object(m) = o["milestone"], case let .string(d) = m["date"] else { return nil }
            return d
        }
        #expect(date(entry.before) == milestone.date.description && date(entry.after) == newDay.description)
        // The seeding is in the trail too, under the system.
        let all = try await store.auditEntries(since: nil, entity: nil, entityID: nil, limit: 100)
        #expect(all.last?.action == "seed" && all.last?.actor.kind == "system")
        #expect(all.first?.id == entry.id, "newest first")
    }

    @Test func aRetractedMilestoneIsKeptButNeverCountedUntilRestored() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seeded(dir)
        let sites = try await store.sites()
        let (site, milestone) = try inauguration(in: sites)
        let id = try #require(milestone.id)
        // Inaugurated sites of that stage, by a plain scan.
        func inaugurated(_ sites: [Site]) -> Int {
            sites.filter { $0.stageID == site.stageID && $0.milestones.contains { $0.kind == .inauguration && $0.retraction == nil } }.count
        }
        func wave(_ sites: [Site]) -> ProgrammeStatus.Wave? {
            ProgrammeStatus(sites: sites, gazetteer: gazetteer).waves.first { $0.stageId == site.stageID }
        }
        let others = site.milestones.filter { $0.kind == .inauguration && $0.id != id }.count
        try await store.setRetracted(milestone: id, true, reason: "the source reports a different county")
        let after = try await store.sites()
        let kept = after.flatMap(\.milestones).first { $0.id == id }
        #expect(kept?.retraction?.reason == "the source reports a different county", "kept, with its reason")
        #expect(wave(after)?.inaugurations == inaugurated(after))
        if others == 0 { #expect(wave(after)?.inaugurations == (wave(sites)?.inaugurations ?? 0) - 1, "no longer counted") }
        func exportedEvents(_ sites: [Site]) -> Int {
            ProgrammeJSON.write(sites, gazetteer: gazetteer).components(separatedBy: "\"event\"").count - 1
        }
        #expect(exportedEvents(after) == exportedEvents(sites) - 1, "exports carry the record as it stands")
        await #expect(throws: JibangError.self) { try await store.setRetracted(milestone: id, true, reason: "again") }

        try await store.setRetracted(milestone: id, false, reason: "the county was right after all")
        #expect(try await store.sites().flatMap(\.milestones).first { $0.id == id }?.retraction == nil)
        #expect(wave(try await store.sites())?.inaugurations == wave(sites)?.inaugurations)
        let actions = try await store.auditEntries(since: nil, entity: "milestone", entityID: String(id), limit: 10).map(\.action)
        #expect(actions == ["restore", "retract"])
    }

    @Test func anEditThatWouldDuplicateIsRefusedAndAMoveChangesTheSite() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seeded(dir)
        let sites = try await store.sites()
        let site = try #require(sites.first { $0.milestones.count >= 2 && Set($0.milestones.map(\.kind)).count == $0.milestones.count })
        let (a, b) = (site.milestones[0], site.milestones[1])
        var clash = a
        clash.kind = b.kind
        clash.date = b.date
        await #expect(throws: JibangError.self) { try await store.editMilestone(id: a.id!, to: clash, divisionID: nil, reason: "test") }
        // Move to another county of the gazetteer that has no site in this stage.
        let taken = Set(sites.filter { $0.stageID == site.stageID }.map(\.divisionID))
        let elsewhere = try #require(gazetteer.localUnits.first { !taken.contains($0.id) })
        _ = try await store.editMilestone(id: a.id!, to: a, divisionID: elsewhere.id, reason: "the report names another county")
        let moved = try await store.sites().first { $0.stageID == site.stageID && $0.divisionID == elsewhere.id }
        #expect(moved?.milestones.map(\.id) == [a.id])
        await #expect(throws: JibangError.self) { try await store.editMilestone(id: 999_999, to: a, divisionID: nil, reason: "test") }
    }

    @Test func aSourceIsRetractedAndRestoredWithItsReason() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await seeded(dir)
        let milestone = try #require(try await store.sites().flatMap(\.milestones).first { $0.sources.count >= 2 })
        let id = try #require(milestone.id)
        let url = milestone.sources[0].url
        try await store.setRetracted(sourceOf: id, url: url, true, reason: "the page reports another county")
        let sites = try await store.sites()
        let kept = try #require(sites.flatMap(\.milestones).first { $0.id == id })
        #expect(kept.sources.first { $0.url == url }?.retraction?.reason == "the page reports another county")
        #expect(!ProgrammeJSON.write(sites, gazetteer: gazetteer).contains(url), "exports leave the retracted source out")
        await #expect(throws: JibangError.self) { try await store.setRetracted(sourceOf: id, url: "https://example.org/none", true, reason: "x") }
        try await store.setRetracted(sourceOf: id, url: url, false, reason: "it was right")
        #expect(ProgrammeJSON.write(try await store.sites(), gazetteer: gazetteer).contains(url))
        let actions = try await store.auditEntries(since: nil, entity: "source", entityID: String(id), limit: 10).map(\.action)
        #expect(actions == ["restore", "retract"])
    }
}
