import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore {
    /// Applies a newer bundled record (or a data file of the same shape) in one transaction: what
    /// `BundledUpdatePlan` decides over the record as it stands in the transaction, never over an
    /// analyst's corrections. Records the update in the audit trail and, for the binary's own
    /// bundle (`isBundle`), the bundle in `meta`: a data file applied by hand leaves that alone,
    /// so that opening the store does not apply the (perhaps older) bundle over it again.
    /// Applying the same record again adds nothing.
    public func applyBundled(
        _ entries: [ProgrammeEntry], bundleID: String, sha256: String? = nil, isBundle: Bool = true
    ) async throws(JibangError) -> BundledUpdate {
        try await run {
            try writer.write { db in
                let corrections = try Self.fetchAudit(db, entity: "milestone") + Self.fetchAudit(db, entity: "site")
                let plan = BundledUpdatePlan(entries, sites: try Self.fetchSites(db), corrections: corrections)
                var update = BundledUpdate(bundle: bundleID, sha256: sha256)
                for addition in plan.sources { try Self.appendSource(addition.source, toMilestone: addition.milestoneID, db) }
                update.sourcesAdded = plan.sources.count
                if !plan.entries.isEmpty { update.milestonesAdded = try Self.insert(plan.entries, file: bundleID, db).milestones }
                update.leftForAnalysts = plan.leftForAnalysts
                for change in plan.roles {
                    try db.execute(
                        sql: "UPDATE site SET role = ?, role_readings = COALESCE(?, role_readings) WHERE id = ?",
                        arguments: [change.role.rawValue, SiteRecord.encode(change.readings), change.siteID])
                }
                update.rolesSet = plan.roles.count
                if isBundle {
                    try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('bundled_programme', ?)", arguments: [bundleID])
                }
                try Self.audit(db, "update", "import", bundleID, after: JSONValue.of(update))
                return update
            }
        }
    }
}
