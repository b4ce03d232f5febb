import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: AuditStore {
    /// Records one write in the audit trail, in the caller's transaction, under `AuditActor.current`.
    static func audit(
        _ db: Database, _ action: String, _ entity: String, _ entityID: String?, reason: String? = nil, before: JSONValue? = nil,
        after: JSONValue? = nil
    ) throws {
        let actor = AuditActor.current
        let at = ISO8601DateFormatter().string(from: Date())
        try db.execute(
            sql: """
                INSERT INTO audit (at, actor_kind, actor_id, actor_label, actor_role, action, entity, entity_id, reason, before, after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [at, actor.kind, actor.id, actor.label, actor.role, action, entity, entityID, reason, before?.text, after?.text])
    }

    public func auditEntries(since: String?, entity: String?, entityID: String?, limit: Int) async throws(JibangError) -> [AuditEntry] {
        try await run { try writer.read { db in try Self.fetchAudit(db, since: since, entity: entity, entityID: entityID, limit: limit) } }
    }

    /// Audit entries, newest first, in the caller's transaction.
    static func fetchAudit(
        _ db: Database, since: String? = nil, entity: String? = nil, entityID: String? = nil, limit: Int = -1
    ) throws -> [AuditEntry] {
        var sql = "SELECT * FROM audit WHERE 1 = 1"
        var arguments: StatementArguments = []
        if let since {
            sql += " AND at >= ?"
            arguments += [since]
        }
        if let entity {
            sql += " AND entity = ?"
            arguments += [entity]
        }
        if let entityID {
            sql += " AND entity_id = ?"
            arguments += [entityID]
        }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments += [limit]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            AuditEntry(
                id: row["id"], at: row["at"],
                actor: AuditActor(kind: row["actor_kind"], id: row["actor_id"], label: row["actor_label"], role: row["actor_role"]),
                action: row["action"], entity: row["entity"], entityID: row["entity_id"], reason: row["reason"],
                before: JSONValue.parse(row["before"]), after: JSONValue.parse(row["after"]))
        }
    }

    // MARK: - Corrections

    /// The milestone with this id as the record reads it, or nil.
    static func milestone(_ db: Database, id: Int64) throws -> (milestone: Milestone, site: Site)? {
        for site in try fetchSites(db) {
            if let milestone = site.milestones.first(where: { $0.id == id }) { return (milestone, site) }
        }
        return nil
    }

    static func unknownMilestone(_ id: Int64) -> JibangError {
        .notFound("no milestone #\(id)", subject: "milestone #\(id)")
    }

    public func editMilestone(id: Int64, to milestone: Milestone, divisionID: String?, reason: String) async throws(JibangError) -> Milestone {
        try await run {
            try writer.write { db in
                guard let (before, site) = try Self.milestone(db, id: id) else { throw Self.unknownMilestone(id) }
                var siteID = site.id!
                if let divisionID, divisionID != site.divisionID {
                    guard try DivisionRecord.exists(db, key: divisionID) else {
                        throw JibangError.unknownPlace(nil, divisionID, suggestions: [])
                    }
                    if let other = try SiteRecord.filter(Column("stage_id") == site.stageID && Column("division_id") == divisionID).fetchOne(db) {
                        siteID = other.id!
                    } else {
                        var created = SiteRecord(id: nil, stageId: site.stageID, divisionId: divisionID)
                        try created.insert(db)
                        siteID = created.id!
                    }
                }
                let clash = try Int64.fetchOne(
                    db, sql: "SELECT id FROM milestone WHERE site_id = ? AND kind = ? AND date = ? AND id != ?",
                    arguments: [siteID, milestone.kind.rawValue, milestone.date.description, id])
                if let clash {
                    throw JibangError.duplicate(
                        InputLocation(file: "milestone #\(id)"),
                        "the site already has a \(milestone.kind.rawValue) on \(milestone.date) (milestone #\(clash)); edit or retract that one instead"
                    )
                }
                try db.execute(
                    sql: """
                        UPDATE milestone SET site_id = ?, kind = ?, date = ?, date_precision = ?, date_earliest = ?, date_latest = ?,
                            status = ?, detail = ?, facilities = ?, note = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        siteID, milestone.kind.rawValue, milestone.date.description, milestone.date.precision.rawValue,
                        milestone.date.earliest?.description, milestone.date.latest.description, milestone.status.rawValue, milestone.detail,
                        milestone.facilities, milestone.note, id,
                    ])
                // Drop a site the move left empty.
                if siteID != site.id!, try MilestoneRecord.filter(Column("site_id") == site.id!).fetchCount(db) == 0 {
                    try db.execute(sql: "DELETE FROM site WHERE id = ?", arguments: [site.id!])
                }
                guard let (after, afterSite) = try Self.milestone(db, id: id) else { throw Self.unknownMilestone(id) }
                try Self.audit(
                    db, "edit", "milestone", String(id), reason: reason, before: Self.snapshot(before, site: site),
                    after: Self.snapshot(after, site: afterSite))
                return after
            }
        }
    }

    public func setRetracted(milestone id: Int64, _ retracted: Bool, reason: String) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard let (before, site) = try Self.milestone(db, id: id) else { throw Self.unknownMilestone(id) }
                guard (before.retraction != nil) != retracted else {
                    throw JibangError.conflict(
                        InputLocation(file: "milestone #\(id)"),
                        retracted ? "it is already retracted" : "it is not retracted; there is nothing to restore")
                }
                let at = retracted ? ISO8601DateFormatter().string(from: Date()) : nil
                try db.execute(
                    sql: "UPDATE milestone SET retracted_at = ?, retraction_reason = ? WHERE id = ?", arguments: [at, retracted ? reason : nil, id])
                guard let (after, afterSite) = try Self.milestone(db, id: id) else { throw Self.unknownMilestone(id) }
                try Self.audit(
                    db, retracted ? "retract" : "restore", "milestone", String(id), reason: reason, before: Self.snapshot(before, site: site),
                    after: Self.snapshot(after, site: afterSite))
            }
        }
    }

    public func setRole(site id: Int64, _ role: Site.Role, reason: String) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard var site = try SiteRecord.fetchOne(db, key: id) else {
                    throw JibangError.notFound("no site #\(id); a place's listing shows its sites", subject: "site #\(id)")
                }
                guard site.role != role.rawValue else {
                    throw JibangError.conflict(InputLocation(file: "site #\(id)"), "it already is a \(role.rawValue) site; nothing to change")
                }
                let before = site.role
                site.role = role.rawValue
                try site.update(db)
                try Self.audit(
                    db, "role", "site", String(id), reason: reason,
                    before: .object(["stage": .string(site.stageId), "division_id": .string(site.divisionId), "role": .string(before)]),
                    after: .object(["stage": .string(site.stageId), "division_id": .string(site.divisionId), "role": .string(role.rawValue)]))
            }
        }
    }

    public func setRetracted(sourceOf id: Int64, url: String, _ retracted: Bool, reason: String) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard let (milestone, _) = try Self.milestone(db, id: id) else { throw Self.unknownMilestone(id) }
                guard let before = milestone.sources.first(where: { $0.url == url }) else {
                    throw JibangError.notFound("milestone #\(id) cites no \(url)", subject: "milestone #\(id)")
                }
                guard (before.retraction != nil) != retracted else {
                    throw JibangError.conflict(
                        InputLocation(file: "source \(url)"),
                        retracted ? "it is already retracted" : "it is not retracted; there is nothing to restore")
                }
                let at = retracted ? ISO8601DateFormatter().string(from: Date()) : nil
                try db.execute(
                    sql: "UPDATE source SET retracted_at = ?, retraction_reason = ? WHERE milestone_id = ? AND url = ?",
                    arguments: [at, retracted ? reason : nil, id, url])
                var after = before
                after.retraction = at.map { Milestone.Retraction(at: $0, reason: reason) }
                try Self.audit(
                    db, retracted ? "retract" : "restore", "source", String(id), reason: reason, before: JSONValue.of(before),
                    after: JSONValue.of(after))
            }
        }
    }

    /// A milestone with its site, as the audit trail keeps it.
    static func snapshot(_ milestone: Milestone, site: Site) -> JSONValue? { MilestoneSnapshot(milestone, site: site).json }
}
