import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

// Corrections: edits, retractions and roles, each audited with its reason and the record
// before and after (`MilestoneSnapshot`), as the embedded store keeps them.

extension PostgresStore {
    /// The milestone with this id as the record reads it, with its site, or nil; the rows are
    /// locked until the caller's transaction ends, so two corrections of one milestone take turns.
    static func milestone(_ connection: PostgresConnection, id: Int64) async throws -> (milestone: Milestone, site: Site)? {
        guard try await !connection.rows("SELECT 1 FROM milestone WHERE id = \(id) FOR UPDATE").isEmpty else { return nil }
        for site in try await fetchSites(connection) {
            if let milestone = site.milestones.first(where: { $0.id == id }) { return (milestone, site) }
        }
        return nil
    }

    static func unknownMilestone(_ id: Int64) -> JibangError {
        .notFound("no milestone #\(id)", subject: "milestone #\(id)")
    }

    public func editMilestone(id: Int64, to milestone: Milestone, divisionID: String?, reason: String) async throws(JibangError) -> Milestone {
        try await transaction { connection in
            guard let (before, site) = try await Self.milestone(connection, id: id) else { throw Self.unknownMilestone(id) }
            var siteID = site.id!
            if let divisionID, divisionID != site.divisionID {
                guard try await !connection.rows("SELECT 1 FROM division WHERE id = \(divisionID)").isEmpty else {
                    throw JibangError.unknownPlace(nil, divisionID, suggestions: [])
                }
                siteID = try await connection.rows(
                    """
                    INSERT INTO site (stage_id, division_id) VALUES (\(site.stageID), \(divisionID))
                    ON CONFLICT (stage_id, division_id) DO UPDATE SET stage_id = excluded.stage_id RETURNING id
                    """
                ).first!.decode(Int64.self)
            }
            let clash = try await connection.rows(
                """
                SELECT id FROM milestone WHERE site_id = \(siteID) AND kind = \(milestone.kind.rawValue) AND date = \(milestone.date.description)
                    AND id != \(id)
                """
            ).first.map { try $0.decode(Int64.self) }
            if let clash {
                throw JibangError.duplicate(
                    InputLocation(file: "milestone #\(id)"),
                    "the site already has a \(milestone.kind.rawValue) on \(milestone.date) (milestone #\(clash)); edit or retract that one instead")
            }
            try await connection.rows(
                """
                UPDATE milestone SET site_id = \(siteID), kind = \(milestone.kind.rawValue), date = \(milestone.date.description),
                    date_precision = \(milestone.date.precision.rawValue), date_earliest = \(milestone.date.earliest?.description),
                    date_latest = \(milestone.date.latest.description), status = \(milestone.status.rawValue), detail = \(milestone.detail),
                    facilities = \(milestone.facilities), note = \(milestone.note)
                WHERE id = \(id)
                """)
            // Drop a site the move left empty.
            if siteID != site.id!, try await connection.rows("SELECT 1 FROM milestone WHERE site_id = \(site.id!)").isEmpty {
                try await connection.rows("DELETE FROM site WHERE id = \(site.id!)")
            }
            guard let (after, afterSite) = try await Self.milestone(connection, id: id) else { throw Self.unknownMilestone(id) }
            try await Self.audit(
                connection, "edit", "milestone", String(id), reason: reason, before: MilestoneSnapshot(before, site: site).json,
                after: MilestoneSnapshot(after, site: afterSite).json)
            return after
        }
    }

    public func setRetracted(milestone id: Int64, _ retracted: Bool, reason: String) async throws(JibangError) {
        try await transaction { connection in
            guard let (before, site) = try await Self.milestone(connection, id: id) else { throw Self.unknownMilestone(id) }
            guard (before.retraction != nil) != retracted else {
                throw JibangError.conflict(
                    InputLocation(file: "milestone #\(id)"),
                    retracted ? "it is already retracted" : "it is not retracted; there is nothing to restore")
            }
            let at = retracted ? ISO8601DateFormatter().string(from: Date()) : nil
            let note = retracted ? reason : nil
            try await connection.rows("UPDATE milestone SET retracted_at = \(at), retraction_reason = \(note) WHERE id = \(id)")
            guard let (after, afterSite) = try await Self.milestone(connection, id: id) else { throw Self.unknownMilestone(id) }
            try await Self.audit(
                connection, retracted ? "retract" : "restore", "milestone", String(id), reason: reason,
                before: MilestoneSnapshot(before, site: site).json, after: MilestoneSnapshot(after, site: afterSite).json)
        }
    }

    public func setRetracted(sourceOf id: Int64, url: String, _ retracted: Bool, reason: String) async throws(JibangError) {
        try await transaction { connection in
            guard let (milestone, _) = try await Self.milestone(connection, id: id) else { throw Self.unknownMilestone(id) }
            guard let before = milestone.sources.first(where: { $0.url == url }) else {
                throw JibangError.notFound("milestone #\(id) cites no \(url)", subject: "milestone #\(id)")
            }
            guard (before.retraction != nil) != retracted else {
                throw JibangError.conflict(
                    InputLocation(file: "source \(url)"), retracted ? "it is already retracted" : "it is not retracted; there is nothing to restore")
            }
            let at = retracted ? ISO8601DateFormatter().string(from: Date()) : nil
            let note = retracted ? reason : nil
            try await connection.rows(
                "UPDATE source SET retracted_at = \(at), retraction_reason = \(note) WHERE milestone_id = \(id) AND url = \(url)")
            var after = before
            after.retraction = at.map { Milestone.Retraction(at: $0, reason: reason) }
            try await Self.audit(
                connection, retracted ? "retract" : "restore", "source", String(id), reason: reason, before: JSONValue.of(before),
                after: JSONValue.of(after))
        }
    }

    public func setRole(site id: Int64, _ role: Site.Role, reason: String) async throws(JibangError) {
        try await transaction { connection in
            guard
                let (stage, division, current) = try await connection.rows(
                    "SELECT stage_id, division_id, role FROM site WHERE id = \(id) FOR UPDATE"
                ).first.map({ try $0.decode((String, String, String).self) })
            else { throw JibangError.notFound("no site #\(id); a place's listing shows its sites", subject: "site #\(id)") }
            guard current != role.rawValue else {
                throw JibangError.conflict(InputLocation(file: "site #\(id)"), "it already is a \(role.rawValue) site; nothing to change")
            }
            try await connection.rows("UPDATE site SET role = \(role.rawValue) WHERE id = \(id)")
            try await Self.audit(
                connection, "role", "site", String(id), reason: reason,
                before: .object(["stage": .string(stage), "division_id": .string(division), "role": .string(current)]),
                after: .object(["stage": .string(stage), "division_id": .string(division), "role": .string(role.rawValue)]))
        }
    }
}
