import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore {
    /// Applies a newer bundled record (or a data file of the same shape) in one transaction: adds
    /// the milestones the store lacks and the sources its milestones lack, except where an
    /// analyst edited or retracted the milestone, or edited a bundled row's milestone away
    /// (the audit trail's before-values are the tombstones). Records the bundle in `meta` and
    /// the update in the audit trail. Applying the same record again adds nothing.
    public func applyBundled(_ entries: [ProgrammeEntry], bundleID: String, sha256: String? = nil) async throws(JibangError) -> BundledUpdate {
        try await run {
            try writer.write { db in
                var update = BundledUpdate(bundle: bundleID, sha256: sha256)
                // Milestones analysts touched, and the identities they edited away.
                var touched = Set<String>()
                var tombstones = Set<String>()
                let rows = try Row.fetchAll(
                    db, sql: "SELECT entity_id, before FROM audit WHERE entity = 'milestone' AND action IN ('edit', 'retract')")
                for row in rows {
                    if let id: String = row["entity_id"] { touched.insert(id) }
                    if case let .object(before)? = JSONValue.parse(row["before"]), case let .string(stage)? = before["stage"],
                        case let .string(division)? = before["division_id"], case let .object(m)? = before["milestone"],
                        case let .string(kind)? = m["kind"], case let .string(date)? = m["date"]
                    {
                        tombstones.insert([stage, division, kind, date].joined(separator: "|"))
                    }
                }
                var fresh: [ProgrammeEntry] = []
                for entry in entries {
                    let identity = [entry.stageID, entry.divisionID, entry.milestone.kind.rawValue, entry.milestone.date.description]
                        .joined(separator: "|")
                    let existing = try Int64.fetchOne(
                        db,
                        sql: """
                            SELECT milestone.id FROM milestone JOIN site ON site.id = milestone.site_id
                            WHERE site.stage_id = ? AND site.division_id = ? AND milestone.kind = ? AND milestone.date = ?
                            """,
                        arguments: [entry.stageID, entry.divisionID, entry.milestone.kind.rawValue, entry.milestone.date.description])
                    if let existing {
                        if touched.contains(String(existing)) {
                            update.leftForAnalysts += 1
                            continue
                        }
                        for source in entry.milestone.sources
                        where try SourceRecord.filter(Column("milestone_id") == existing && Column("url") == source.url).fetchCount(db) == 0 {
                            try Self.appendSource(source, toMilestone: existing, db)
                            update.sourcesAdded += 1
                        }
                    } else if tombstones.contains(identity) {
                        update.leftForAnalysts += 1
                    } else {
                        fresh.append(entry)
                    }
                }
                if !fresh.isEmpty {
                    let summary = try Self.insert(fresh, file: bundleID, db)
                    update.milestonesAdded = summary.milestones
                }
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('bundled_programme', ?)", arguments: [bundleID])
                try Self.audit(db, "update", "import", bundleID, after: JSONValue.of(update))
                return update
            }
        }
    }
}
