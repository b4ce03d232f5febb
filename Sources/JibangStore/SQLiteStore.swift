import Foundation
import GRDB
public import JibangBase
public import JibangCore

/// The embedded store: one SQLite file (WAL mode), migrated when opened.
///
/// Every write runs in one transaction, so an interrupted import — even `kill -9` — leaves
/// the file as it was before.
public struct SQLiteStore: SeedableStore {
    let writer: any DatabaseWriter

    /// Opens (creating when missing) the store at `path` and migrates it.
    public static func open(path: String) throws(JibangError) -> SQLiteStore {
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
                throw JibangError.storage(
                    "the folder \(directory) does not exist; create it or choose another path for the store", hint: .init(field: "database"))
            }
            return try SQLiteStore(DatabasePool(path: path, configuration: configuration))
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("cannot open \(path): \(error.localizedDescription)")
        }
    }

    /// A private in-memory store, for tests and dry runs.
    public static func inMemory() throws(JibangError) -> SQLiteStore {
        do { return try SQLiteStore(DatabaseQueue(configuration: configuration)) } catch let error as JibangError { throw error } catch {
            throw .storage("cannot create an in-memory store: \(error)")
        }
    }

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    static var configuration: Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        // WAL with synchronous=NORMAL: a killed process never loses a committed transaction;
        // only a power cut may lose the last ones, and the file stays consistent either way.
        // 64 KiB pages (set before the first table, so on new files only): article bodies span
        // fewer overflow pages, and ingest writes a tenth as many pages.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA page_size = 65536") }
        return config
    }

    // MARK: - Reads

    public func sites() async throws(JibangError) -> [Site] {
        try await run { try writer.read(Self.fetchSites) }
    }

    static func fetchSites(_ db: Database) throws -> [Site] {
        let sourcesByMilestone = Dictionary(grouping: try SourceRecord.order(Column("position")).fetchAll(db), by: \.milestoneId)
        let actorsByMilestone = Dictionary(grouping: try ActorRecord.order(Column("position")).fetchAll(db), by: \.milestoneId)
        let milestonesBySite = Dictionary(grouping: try MilestoneRecord.order(Column("id")).fetchAll(db), by: \.siteId)
        return try SiteRecord.order(Column("id")).fetchAll(db).map { site in
            let milestones = (milestonesBySite[site.id!] ?? []).compactMap { m -> Milestone? in
                guard let kind = Milestone.Kind(rawValue: m.kind), let date = MilestoneDate(m.date),
                    let status = Milestone.Status(rawValue: m.status)
                else { return nil }
                return Milestone(
                    id: m.id, kind: kind, date: date, status: status, detail: m.detail, facilities: m.facilities, note: m.note,
                    actors: (actorsByMilestone[m.id!] ?? []).compactMap { a in Actor.Kind(rawValue: a.kind).map { Actor(name: a.name, kind: $0) } },
                    sources: (sourcesByMilestone[m.id!] ?? []).map(\.source),
                    retraction: m.retractedAt.map { Milestone.Retraction(at: $0, reason: m.retractionReason ?? "") })
            }
            return Site(
                id: site.id, stageID: site.stageId, divisionID: site.divisionId, milestones: milestones,
                role: Site.Role(rawValue: site.role) ?? .wave, roleReadings: site.readings)
        }
    }

    // MARK: - Writes

    public func importEntries(_ entries: [ProgrammeEntry], file: String, sha256: String?) async throws(JibangError) -> ImportSummary {
        try entries.checkNoDuplicates()
        return try await run {
            try writer.write { db in
                let summary = try Self.insert(entries, file: file, db)
                try Self.audit(db, "import", "import", file, after: summary.audited(sha256: sha256))
                return summary
            }
        }
    }

    static func insert(_ entries: [ProgrammeEntry], file: String, _ db: Database) throws -> ImportSummary {
        var summary = ImportSummary(file: file, milestones: 0, sitesCreated: 0, sources: 0)
        for entry in entries {
            var site = try SiteRecord.filter(Column("stage_id") == entry.stageID && Column("division_id") == entry.divisionID).fetchOne(db)
            if site == nil {
                guard try DivisionRecord.exists(db, key: entry.divisionID) else {
                    throw JibangError.invalidInput(
                        entry.origin, "division \(entry.divisionID) is not in this store's gazetteer; load the bundled gazetteer into the store first"
                    )
                }
                var created = SiteRecord(
                    id: nil, stageId: entry.stageID, divisionId: entry.divisionID, role: (entry.role ?? .wave).rawValue,
                    roleReadings: SiteRecord.encode(entry.roleReadings))
                try created.insert(db)
                site = created
                summary.sitesCreated += 1
            } else if let role = entry.role,
                role.rawValue != site!.role || !entry.roleReadings.isEmpty && SiteRecord.encode(entry.roleReadings) != site!.roleReadings
            {
                // An import that states a role sets it, and its readings when it gives some (the
                // import's audit entry records the file).
                site!.role = role.rawValue
                if !entry.roleReadings.isEmpty { site!.roleReadings = SiteRecord.encode(entry.roleReadings) }
                try site!.update(db)
            }
            let siteID = site!.id!
            let existing =
                try MilestoneRecord
                .filter(
                    Column("site_id") == siteID && Column("kind") == entry.milestone.kind.rawValue
                        && Column("date") == entry.milestone.date.description
                )
                .fetchOne(db)
            if let existing {
                throw JibangError.duplicate(
                    entry.origin,
                    "\(entry.identity) is already in the store (milestone #\(existing.id!)); remove the row or import into an empty store")
            }
            var milestone = MilestoneRecord(entry.milestone, siteID: siteID)
            try milestone.insert(db)
            for (position, actor) in entry.milestone.actors.enumerated() {
                try ActorRecord(milestoneId: milestone.id!, position: position, name: actor.name, kind: actor.kind.rawValue).insert(db)
            }
            for (position, source) in entry.milestone.sources.enumerated() {
                try SourceRecord(source, milestoneID: milestone.id!, position: position).insert(db)
            }
            summary.milestones += 1
            summary.sources += entry.milestone.sources.count
        }
        return summary
    }

    public func addSource(_ source: Source, toMilestone id: Int64) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard try MilestoneRecord.exists(db, key: id) else {
                    throw JibangError.notFound("no milestone #\(id); a site's listing shows its milestone ids", subject: "milestone #\(id)")
                }
                if try SourceRecord.filter(Column("milestone_id") == id && Column("url") == source.url).fetchCount(db) > 0 {
                    throw JibangError.duplicate(nil, "milestone #\(id) already cites \(source.url)")
                }
                try Self.appendSource(source, toMilestone: id, db)
                try Self.audit(db, "add", "source", String(id), after: JSONValue.of(source))
            }
        }
    }

    /// Adds `source` after the milestone's last source.
    static func appendSource(_ source: Source, toMilestone id: Int64, _ db: Database) throws {
        let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM source WHERE milestone_id = ?", arguments: [id]) ?? 0
        try SourceRecord(source, milestoneID: id, position: next).insert(db)
    }

    // MARK: - Reference data and seeding

    public func bundledRecord() async throws(JibangError) -> String? {
        try await seedState().programme
    }

    public func seedState() async throws(JibangError) -> (referenceLoaded: Bool, programme: String?) {
        try await run {
            try writer.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'reference_data'") != nil,
                    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'bundled_programme'")
                )
            }
        }
    }

    public func prepare(
        divisions: [Division], bundled: [ProgrammeEntry], bundleID: String, sha256: String, programme: Bool
    ) async throws(JibangError) -> SeedResult {
        try await run {
            try writer.write { db in
                var result = SeedResult()
                if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'reference_data'") == nil {
                    for division in divisions where division.level == 1 { try DivisionRecord(division).insert(db) }
                    for division in divisions where division.level == 2 { try DivisionRecord(division).insert(db) }
                    for stage in Programme.stages { try StageRecord(stage).insert(db) }
                    try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('reference_data', ?)", arguments: [BundledData.divisionsFile])
                    result.divisions = divisions.count
                }
                if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'bundled_programme'") == nil {
                    if programme {
                        let summary = try Self.insert(bundled, file: BundledData.programmeFile, db)
                        result.programme = summary
                        try Self.audit(db, "seed", "import", bundleID, after: summary.auditedSeed(sha256: sha256))
                    }
                    try db.execute(
                        sql: "INSERT INTO meta (key, value) VALUES ('bundled_programme', ?)", arguments: [programme ? bundleID : "skipped"])
                }
                return result
            }
        }
    }

    /// Runs a database call, turning GRDB errors into `JibangError.storage`.
    func run<T>(_ body: () async throws -> T) async throws(JibangError) -> T {
        do { return try await body() } catch let error as JibangError { throw error } catch let error as DatabaseError {
            throw .storage("\(error.message ?? "SQLite error \(error.resultCode)")")
        } catch {
            throw .storage("\(error)")
        }
    }
}
