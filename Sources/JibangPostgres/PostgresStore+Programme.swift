import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

// The programme record: sites, milestones, actors and sources, with seeding and corrections.
// What to write is decided in JibangCore (`BundledUpdatePlan`, `MilestoneSnapshot`); this keeps it.

extension PostgresStore: SeedableStore {
    public func sites() async throws(JibangError) -> [Site] {
        try await transaction { connection in try await Self.fetchSites(connection) }
    }

    /// Every site with its milestones, actors and sources, in id (and position) order: one
    /// consistent snapshot when called in a transaction.
    static func fetchSites(_ connection: PostgresConnection) async throws -> [Site] {
        var sources: [Int64: [Source]] = [:]
        for row in try await connection.rows(
            """
            SELECT milestone_id, url, outlet, title, published, language, quote, retracted_at, retraction_reason, reading
            FROM source ORDER BY milestone_id, position
            """)
        {
            let (milestone, url, outlet, title, published, language, quote, retractedAt, reason, reading) = try row.decode(
                (Int64, String, String?, String?, String?, String?, String?, String?, String?, String?).self)
            sources[milestone, default: []].append(
                Source(
                    url: url, outlet: outlet, title: title, published: published.flatMap { Day(iso: $0) }, language: language, quote: quote,
                    retraction: retractedAt.map { Milestone.Retraction(at: $0, reason: reason ?? "") }, reading: reading.flatMap { MilestoneDate($0) }
                ))
        }
        var actors: [Int64: [Actor]] = [:]
        for row in try await connection.rows("SELECT milestone_id, name, kind FROM actor ORDER BY milestone_id, position") {
            let (milestone, name, kind) = try row.decode((Int64, String, String).self)
            if let kind = Actor.Kind(rawValue: kind) { actors[milestone, default: []].append(Actor(name: name, kind: kind)) }
        }
        var milestones: [Int64: [Milestone]] = [:]
        for row in try await connection.rows(
            "SELECT id, site_id, kind, date, status, detail, facilities, note, retracted_at, retraction_reason FROM milestone ORDER BY id")
        {
            let (id, site, kind, date, status, detail, facilities, note, retractedAt, reason) = try row.decode(
                (Int64, Int64, String, String, String, String?, String, String?, String?, String?).self)
            guard let kind = Milestone.Kind(rawValue: kind), let date = MilestoneDate(date), let status = Milestone.Status(rawValue: status) else {
                continue
            }
            milestones[site, default: []].append(
                Milestone(
                    id: id, kind: kind, date: date, status: status, detail: detail, facilities: facilities, note: note, actors: actors[id] ?? [],
                    sources: sources[id] ?? [], retraction: retractedAt.map { Milestone.Retraction(at: $0, reason: reason ?? "") }))
        }
        var sites: [Site] = []
        for row in try await connection.rows("SELECT id, stage_id, division_id, role, role_readings FROM site ORDER BY id") {
            let (id, stage, division, role, readings) = try row.decode((Int64, String, String, String, String?).self)
            sites.append(
                Site(
                    id: id, stageID: stage, divisionID: division, milestones: milestones[id] ?? [], role: Site.Role(rawValue: role) ?? .wave,
                    roleReadings: Site.RoleReading.stored(readings)))
        }
        return sites
    }

    // MARK: - Imports

    public func importEntries(_ entries: [ProgrammeEntry], file: String, sha256: String?) async throws(JibangError) -> ImportSummary {
        try entries.checkNoDuplicates()
        return try await transaction { connection in
            let summary = try await Self.insert(entries, file: file, connection)
            try await Self.audit(connection, "import", "import", file, after: summary.audited(sha256: sha256))
            return summary
        }
    }

    /// Inserts entries in the caller's transaction. The database's constraints decide what is
    /// a duplicate: a milestone already stored (or stored meanwhile by another node) is an error
    /// naming the entry's origin.
    static func insert(_ entries: [ProgrammeEntry], file: String, _ connection: PostgresConnection) async throws -> ImportSummary {
        var summary = ImportSummary(file: file, milestones: 0, sitesCreated: 0, sources: 0)
        // Sites this batch already read or wrote, with what it set: one round trip fewer per row.
        var known: [String: (id: Int64, role: String, readings: String?)] = [:]
        for entry in entries {
            let place = "\(entry.stageID)|\(entry.divisionID)"
            var stored = known[place]
            if stored == nil {
                stored = try await connection.rows(
                    "SELECT id, role, role_readings FROM site WHERE stage_id = \(entry.stageID) AND division_id = \(entry.divisionID)"
                ).first.map { try $0.decode((Int64, String, String?).self) }
            }
            let siteID: Int64
            if let (id, role, readings) = stored {
                siteID = id
                let newReadings = Site.RoleReading.storedText(entry.roleReadings)
                if let wanted = entry.role, wanted.rawValue != role || !entry.roleReadings.isEmpty && newReadings != readings {
                    // An import that states a role sets it, and its readings when it gives some.
                    try await connection.rows(
                        "UPDATE site SET role = \(wanted.rawValue), role_readings = COALESCE(\(newReadings), role_readings) WHERE id = \(id)")
                    known[place] = (id, wanted.rawValue, newReadings ?? readings)
                } else {
                    known[place] = (id, role, readings)
                }
            } else {
                guard try await !connection.rows("SELECT 1 FROM division WHERE id = \(entry.divisionID)").isEmpty else {
                    throw JibangError.invalidInput(
                        entry.origin, "division \(entry.divisionID) is not in this store's gazetteer; load the bundled gazetteer into the store first"
                    )
                }
                let role = (entry.role ?? .wave).rawValue
                let readings = Site.RoleReading.storedText(entry.roleReadings)
                let inserted = try await connection.rows(
                    """
                    INSERT INTO site (stage_id, division_id, role, role_readings) VALUES (\(entry.stageID), \(entry.divisionID), \(role), \(readings))
                    ON CONFLICT (stage_id, division_id) DO NOTHING RETURNING id
                    """)
                if let row = inserted.first {
                    siteID = try row.decode(Int64.self)
                    summary.sitesCreated += 1
                    known[place] = (siteID, role, readings)
                } else {
                    // Another node created it meanwhile: read it as stored (the next row of this place does).
                    siteID = try await connection.rows(
                        "SELECT id FROM site WHERE stage_id = \(entry.stageID) AND division_id = \(entry.divisionID)"
                    ).first!.decode(Int64.self)
                }
            }
            let m = entry.milestone
            let inserted = try await connection.rows(
                """
                INSERT INTO milestone (site_id, kind, date, date_precision, date_earliest, date_latest, status, detail, facilities, note,
                    retracted_at, retraction_reason)
                VALUES (\(siteID), \(m.kind.rawValue), \(m.date.description), \(m.date.precision.rawValue), \(m.date.earliest?.description),
                    \(m.date.latest.description), \(m.status.rawValue), \(m.detail), \(m.facilities), \(m.note), \(m.retraction?.at),
                    \(m.retraction?.reason))
                ON CONFLICT (site_id, kind, date) DO NOTHING RETURNING id
                """)
            guard let row = inserted.first else {
                let existing = try await connection.rows(
                    "SELECT id FROM milestone WHERE site_id = \(siteID) AND kind = \(m.kind.rawValue) AND date = \(m.date.description)"
                ).first.map { try $0.decode(Int64.self) }
                throw JibangError.duplicate(
                    entry.origin,
                    "\(entry.identity) is already in the store (milestone #\(existing.map(String.init) ?? "?")); remove the row or import into an empty store"
                )
            }
            let milestoneID = try row.decode(Int64.self)
            for (position, actor) in m.actors.enumerated() {
                try await connection.rows(
                    "INSERT INTO actor (milestone_id, position, name, kind) VALUES (\(milestoneID), \(position), \(actor.name), \(actor.kind.rawValue))"
                )
            }
            for (position, source) in m.sources.enumerated() {
                try await insertSource(source, milestone: milestoneID, position: position, connection)
            }
            summary.milestones += 1
            summary.sources += m.sources.count
        }
        return summary
    }

    /// Inserts a source at `position` (after the last one when nil); false when the milestone
    /// already cites its address (the constraint decides).
    @discardableResult
    static func insertSource(_ source: Source, milestone id: Int64, position: Int? = nil, _ connection: PostgresConnection) async throws -> Bool {
        let position = position.map(Int64.init)
        return try await !connection.rows(
            """
            INSERT INTO source (milestone_id, position, url, outlet, title, published, language, quote, retracted_at, retraction_reason, reading)
            SELECT \(id), COALESCE(\(position), (SELECT COALESCE(MAX(position) + 1, 0) FROM source WHERE milestone_id = \(id))),
                \(source.url), \(source.outlet), \(source.title), \(source.published?.description), \(source.language), \(source.quote),
                \(source.retraction?.at), \(source.retraction?.reason), \(source.reading?.description)
            ON CONFLICT (milestone_id, url) DO NOTHING RETURNING id
            """
        ).isEmpty
    }

    public func addSource(_ source: Source, toMilestone id: Int64) async throws(JibangError) {
        try await transaction { connection in
            guard try await !connection.rows("SELECT 1 FROM milestone WHERE id = \(id) FOR SHARE").isEmpty else {
                throw JibangError.notFound("no milestone #\(id); a site's listing shows its milestone ids", subject: "milestone #\(id)")
            }
            guard try await Self.insertSource(source, milestone: id, connection) else {
                throw JibangError.duplicate(nil, "milestone #\(id) already cites \(source.url)")
            }
            try await Self.audit(connection, "add", "source", String(id), after: JSONValue.of(source))
        }
    }

    // MARK: - Seeding

    public func bundledRecord() async throws(JibangError) -> String? {
        try await seedState().programme
    }

    public func seedState() async throws(JibangError) -> (referenceLoaded: Bool, programme: String?) {
        var state: (referenceLoaded: Bool, programme: String?) = (false, nil)
        for row in try await rows("SELECT key, value FROM meta WHERE key IN ('reference_data', 'bundled_programme')") {
            let (key, value) = try Self.decode(row, as: (String, String).self)
            if key == "reference_data" { state.referenceLoaded = true } else { state.programme = value }
        }
        return state
    }

    public func prepare(
        divisions: [Division], bundled: [ProgrammeEntry], bundleID: String, sha256: String, programme: Bool
    ) async throws(JibangError) -> SeedResult {
        try await transaction { connection in
            // Nodes starting at once seed once: the second waits here, then finds it done.
            try await connection.rows("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))")
            var result = SeedResult()
            if try await connection.rows("SELECT 1 FROM meta WHERE key = 'reference_data'").isEmpty {
                for division in divisions.filter({ $0.level == 1 }) + divisions.filter({ $0.level == 2 }) {
                    try await connection.rows(
                        """
                        INSERT INTO division (id, level, kind, province_id, name_ko, name_kcna, name_rr, name_mr, lat, lon, aliases, source)
                        VALUES (\(division.id), \(division.level), \(division.kind.rawValue), \(division.provinceID), \(division.nameKo),
                            \(division.nameKCNA), \(division.nameRR), \(division.nameMR), \(division.lat), \(division.lon),
                            \(division.aliases.joined(separator: ";")), \(division.source))
                        """)
                }
                for stage in Programme.stages {
                    try await connection.rows(
                        "INSERT INTO stage (id, kind, year, target, label) VALUES (\(stage.id), \(stage.kind.rawValue), \(stage.year), \(stage.target), \(stage.label))"
                    )
                }
                try await connection.rows("INSERT INTO meta (key, value) VALUES ('reference_data', \(BundledData.divisionsFile))")
                result.divisions = divisions.count
            }
            if try await connection.rows("SELECT 1 FROM meta WHERE key = 'bundled_programme'").isEmpty {
                if programme {
                    let summary = try await Self.insert(bundled, file: BundledData.programmeFile, connection)
                    result.programme = summary
                    try await Self.audit(connection, "seed", "import", bundleID, after: summary.auditedSeed(sha256: sha256))
                }
                try await connection.rows("INSERT INTO meta (key, value) VALUES ('bundled_programme', \(programme ? bundleID : "skipped"))")
            }
            return result
        }
    }

    public func applyBundled(
        _ entries: [ProgrammeEntry], bundleID: String, sha256: String?, isBundle: Bool
    ) async throws(JibangError) -> BundledUpdate {
        try await transaction { connection in
            try await connection.rows("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))")
            let corrections =
                try await Self.fetchAudit(connection, since: nil, entity: "milestone", entityID: nil, limit: -1)
                + Self.fetchAudit(connection, since: nil, entity: "site", entityID: nil, limit: -1)
            let plan = BundledUpdatePlan(entries, sites: try await Self.fetchSites(connection), corrections: corrections)
            var update = BundledUpdate(bundle: bundleID, sha256: sha256)
            for addition in plan.sources { try await Self.insertSource(addition.source, milestone: addition.milestoneID, connection) }
            update.sourcesAdded = plan.sources.count
            if !plan.entries.isEmpty { update.milestonesAdded = try await Self.insert(plan.entries, file: bundleID, connection).milestones }
            update.leftForAnalysts = plan.leftForAnalysts
            for change in plan.roles {
                try await connection.rows(
                    """
                    UPDATE site SET role = \(change.role.rawValue), role_readings = COALESCE(\(Site.RoleReading.storedText(change.readings)), role_readings)
                    WHERE id = \(change.siteID)
                    """)
            }
            update.rolesSet = plan.roles.count
            if isBundle {
                try await connection.rows(
                    "INSERT INTO meta (key, value) VALUES ('bundled_programme', \(bundleID)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            }
            try await Self.audit(connection, "update", "import", bundleID, after: JSONValue.of(update))
            return update
        }
    }
}
