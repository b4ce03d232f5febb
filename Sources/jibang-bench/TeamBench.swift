import Foundation
import JibangBase
import JibangCore
import JibangPostgres
import JibangStore

/// `jibang-bench --team --postgres URL`: the record on PostgreSQL beside the embedded store
/// (the anchor), in one run: seeding, an import of generated milestones in one transaction,
/// reading the whole record (what `status` and the pages read), twenty writers of one
/// milestone at once, and moving the record over with `StoreMove`. The PostgreSQL side uses a
/// database of its own on the server URL names (created afresh; dropped first if left over).
struct TeamBench {
    let server: PostgresAddress
    let milestones: Int
    let work: String
    let repetitions: Int

    struct Side {
        var seedSeconds = 0.0
        var importSeconds = 0.0
        var readMs = 0.0
        var writersMs = 0.0
        var writersStored = 0
        var writersDuplicate = 0
    }

    struct Result {
        var sqlite = Side()
        var postgres = Side()
        var milestones = 0
        var rows = 0
        var moveSeconds = 0.0
        var moveLossless = false
    }

    /// Official visits at the bundled record's sites on distinct days: `milestones` new rows.
    func entries(sites: [Site]) -> [ProgrammeEntry] {
        var out: [ProgrammeEntry] = []
        let start = Day(year: 2030, month: 1, day: 1)!
        var index = 0
        while out.count < milestones {
            let site = sites[index % sites.count]
            let day = start.adding(days: index / sites.count)
            out.append(
                ProgrammeEntry(
                    stageID: site.stageID, divisionID: site.divisionID,
                    milestone: Milestone(
                        kind: .officialVisit, date: .day(day), status: .planned,
                        sources: [Source(url: "https://example.org/bench/\(index)", outlet: "KCNA")]),
                    origin: InputLocation(file: "bench.csv", line: index + 2)))
            index += 1
        }
        return out
    }

    func measure(_ store: some RecordStore & SeedableStore, into side: inout Side) async throws {
        var t = Date()
        try await StoreSeeding.prepare(store)
        side.seedSeconds = Date().timeIntervalSince(t)
        let batch = entries(sites: try await store.sites())
        t = Date()
        _ = try await store.importEntries(batch, file: "bench.csv")
        side.importSeconds = Date().timeIntervalSince(t)
        var times: [Double] = []
        for _ in 0..<repetitions {
            t = Date()
            _ = try await store.sites()
            times.append(Date().timeIntervalSince(t) * 1000)
        }
        side.readMs = times.sorted()[times.count / 2]
        let one = ProgrammeEntry(
            stageID: batch[0].stageID, divisionID: batch[0].divisionID,
            milestone: Milestone(
                kind: .officialVisit, date: .day(Day(year: 2040, month: 1, day: 1)!), sources: [Source(url: "https://example.org/x")]),
            origin: InputLocation(file: "writer"))
        t = Date()
        let outcomes = await withTaskGroup(of: Bool?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        _ = try await store.importEntries([one], file: "writer")
                        return true
                    } catch let error as JibangError { return error.code == .duplicate ? false : nil } catch { return nil }
                }
            }
            return await group.reduce(into: [Bool?]()) { $0.append($1) }
        }
        side.writersMs = Date().timeIntervalSince(t) * 1000
        side.writersStored = outcomes.filter { $0 == true }.count
        side.writersDuplicate = outcomes.filter { $0 == false }.count
    }

    func run() throws -> Result {
        let path = "\(work)/team-\(milestones).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var database = server
        database.database = "jibang_bench_\(milestones)"
        var moved = server
        moved.database = "jibang_bench_\(milestones)_moved"
        let server = self.server
        return try DeskBench.blocking { [self, database, moved] in
            for name in [database.database, moved.database] { try await PostgresStore.recreateDatabase(name, on: server) }
            var result = Result()
            result.milestones = milestones
            let sqlite = try SQLiteStore.open(path: path)
            try await measure(sqlite, into: &result.sqlite)
            let postgres = try await PostgresStore.open(database)
            try await measure(postgres, into: &result.postgres)
            let target = try await PostgresStore.open(moved)
            let t = Date()
            let report = try await StoreMove.copy(from: sqlite, to: target)
            result.moveSeconds = Date().timeIntervalSince(t)
            result.moveLossless = report.isLossless
            result.rows = report.counts.reduce(0) { $0 + $1.rows }
            return result
        }
    }

    static func report(_ r: Result) -> String {
        func line(_ label: String, _ a: Double, _ b: Double, _ unit: String) -> String {
            label.padding(toLength: 52, withPad: " ", startingAt: 0)
                + String(format: "%9.1f %@ %9.1f %@   ×%.2f", a, unit, b, unit, b / max(a, 0.0001))
        }
        let (s, p) = (r.sqlite, r.postgres)
        return """
            team store: the record on PostgreSQL beside SQLite (the anchor); \(r.milestones) generated milestones
                                                                   SQLite        PostgreSQL   PostgreSQL/SQLite
            \(line("seed (gazetteer, stages, bundled record)", s.seedSeconds * 1000, p.seedSeconds * 1000, "ms"))
            \(line("import \(r.milestones) milestones, one transaction", s.importSeconds * 1000, p.importSeconds * 1000, "ms"))
            \(line("  milestones per second", Double(r.milestones) / max(s.importSeconds, 0.0001), Double(r.milestones) / max(p.importSeconds, 0.0001), "/s"))
            \(line("read the whole record (median)", s.readMs, p.readMs, "ms"))
            \(line("20 writers of one milestone at once", s.writersMs, p.writersMs, "ms"))
              stored once: SQLite \(s.writersStored) + \(s.writersDuplicate) duplicates; PostgreSQL \(p.writersStored) + \(p.writersDuplicate) duplicates
            move SQLite → PostgreSQL (StoreMove): \(r.rows) rows in \(String(format: "%.2f", r.moveSeconds)) s, \(r.moveLossless ? "lossless" : "NOT LOSSLESS")
            """
    }
}
