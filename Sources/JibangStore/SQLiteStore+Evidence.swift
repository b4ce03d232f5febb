import Foundation
import GRDB
public import JibangBase
public import JibangCore

/// The evidence review queue's table. Which proposals are new, what accepting one means and
/// which milestone it matches are decided in `JibangEvidence`; this only keeps the records.
extension SQLiteStore: CandidateRecordStore {
    public func insertCandidates(_ records: [CandidateRecord]) async throws(JibangError) -> [(record: CandidateRecord, isNew: Bool)] {
        try await run {
            try writer.write { db in
                var stored: [(record: CandidateRecord, isNew: Bool)] = []
                for var record in records {
                    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM evidence_candidate WHERE key = ?", arguments: [record.key]) {
                        if let existing = try Self.fetchCandidateRecord(db, id: id) { stored.append((existing, false)) }
                        continue
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO evidence_candidate (key, document_id, place_id, province_id, event, date, confidence, status, payload, corroborates)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            record.key, record.documentID, record.placeID, record.provinceID, record.event, record.date, record.confidence,
                            record.status, record.payload, record.corroborates,
                        ])
                    record.id = db.lastInsertedRowID
                    stored.append((record, true))
                }
                return stored
            }
        }
    }

    public func candidateRecords(status: String?, event: String?, limit: Int) async throws(JibangError) -> [CandidateRecord] {
        try await run {
            try writer.read { db in
                var sql = "SELECT \(Self.candidateColumns) FROM evidence_candidate WHERE 1 = 1"
                var arguments: StatementArguments = []
                if let status {
                    sql += " AND status = ?"
                    arguments += [status]
                }
                if let event {
                    sql += " AND event = ?"
                    arguments += [event]
                }
                sql += " ORDER BY status = 'pending' DESC, confidence DESC, date DESC, id LIMIT ?"
                arguments += [limit]
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.candidateRecord)
            }
        }
    }

    public func candidateRecord(id: Int64) async throws(JibangError) -> CandidateRecord? {
        try await run { try writer.read { db in try Self.fetchCandidateRecord(db, id: id) } }
    }

    public func updatePendingCandidate(_ record: CandidateRecord) async throws(JibangError) -> Bool {
        guard let id = record.id else { return false }
        return try await run {
            try writer.write { db in
                if let other = try Int64.fetchOne(db, sql: "SELECT id FROM evidence_candidate WHERE key = ?", arguments: [record.key]), other != id {
                    return false
                }
                try db.execute(
                    sql: """
                        UPDATE evidence_candidate SET key = ?, event = ?, date = ?, confidence = ?, payload = ?, corroborates = ?
                        WHERE id = ? AND status = 'pending'
                        """,
                    arguments: [record.key, record.event, record.date, record.confidence, record.payload, record.corroborates, id])
                guard db.changesCount > 0 else { return false }
                try Self.audit(db, "redate", "candidate", String(id), after: CandidateAudit.redated(record))
                return true
            }
        }
    }

    public func rejectCandidate(id: Int64, note: String?) async throws(JibangError) -> Bool {
        try await run {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE evidence_candidate SET status = 'rejected', decision_note = ? WHERE id = ? AND status != 'accepted'",
                    arguments: [note, id])
                guard db.changesCount > 0 else { return false }
                try Self.audit(db, "reject", "candidate", String(id), reason: note)
                return true
            }
        }
    }

    public func acceptCandidate(
        id: Int64, placeID: String, note: String?, write: AcceptanceWrite, correction: JSONValue?
    ) async throws(JibangError)
        -> Int64
    {
        try await run {
            try writer.write { db in
                let status = try String.fetchOne(db, sql: "SELECT status FROM evidence_candidate WHERE id = ?", arguments: [id])
                guard let status else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
                guard status == "pending" else {
                    throw JibangError.conflict(InputLocation(file: "candidate #\(id)"), "it is already \(status)")
                }
                let milestoneID: Int64
                var createdSite = false
                var addedSource = false
                let created = if case .addMilestone = write { true } else { false }
                switch write {
                case let .addSource(source, existing):
                    guard try MilestoneRecord.exists(db, key: existing) else {
                        throw JibangError.notFound("no milestone #\(existing)", subject: "milestone #\(existing)")
                    }
                    if try SourceRecord.filter(Column("milestone_id") == existing && Column("url") == source.url).fetchCount(db) == 0 {
                        try Self.appendSource(source, toMilestone: existing, db)
                        addedSource = true
                    }
                    milestoneID = existing
                case let .addMilestone(entry):
                    createdSite = try Self.insert([entry], file: "evidence", db).sitesCreated > 0
                    milestoneID =
                        try Int64.fetchOne(
                            db,
                            sql: """
                                SELECT milestone.id FROM milestone JOIN site ON site.id = milestone.site_id
                                WHERE site.stage_id = ? AND site.division_id = ? AND milestone.kind = ? AND milestone.date = ?
                                """,
                            arguments: [entry.stageID, entry.divisionID, entry.milestone.kind.rawValue, entry.milestone.date.description]) ?? 0
                }
                try db.execute(
                    sql: """
                        UPDATE evidence_candidate SET status = 'accepted', milestone_id = ?, place_id = ?, decision_note = ?, created_milestone = ?,
                        created_site = ?, added_source = ? WHERE id = ?
                        """,
                    arguments: [milestoneID, placeID, note, created, createdSite, addedSource, id])
                try Self.audit(
                    db, "accept", "candidate", String(id), reason: note,
                    after: CandidateAudit.accepted(milestone: milestoneID, placeID: placeID, correction: correction))
                return milestoneID
            }
        }
    }

    public func revertCandidate(id: Int64, sourceURL: String, reason: String) async throws(JibangError) -> (milestone: Int64, retracted: Bool) {
        try await run {
            try writer.write { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT status, milestone_id, created_milestone FROM evidence_candidate WHERE id = ?", arguments: [id])
                else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
                let status: String = row[0]
                guard status == "accepted", let milestoneID: Int64 = row[1] else {
                    throw JibangError.conflict(
                        InputLocation(file: "candidate #\(id)"), "it is \(status), not accepted; there is nothing to revert")
                }
                let created: Bool = row[2] ?? false
                let at = ISO8601DateFormatter().string(from: Date())
                let note = "reverted: \(reason)"
                if created {
                    try db.execute(
                        sql: "UPDATE milestone SET retracted_at = ?, retraction_reason = ? WHERE id = ? AND retracted_at IS NULL",
                        arguments: [at, note, milestoneID])
                } else {
                    try db.execute(
                        sql: "UPDATE source SET retracted_at = ?, retraction_reason = ? WHERE milestone_id = ? AND url = ? AND retracted_at IS NULL",
                        arguments: [at, note, milestoneID, sourceURL])
                }
                try db.execute(sql: "UPDATE evidence_candidate SET status = 'rejected', decision_note = ? WHERE id = ?", arguments: [note, id])
                try Self.audit(
                    db, "revert", "candidate", String(id), reason: reason,
                    after: CandidateAudit.reverted(milestone: milestoneID, retracted: created))
                return (milestoneID, created)
            }
        }
    }

    public func undoDecision(id: Int64, sourceURL: String, reason: String) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT status, milestone_id, created_milestone, created_site, added_source FROM evidence_candidate WHERE id = ?",
                        arguments: [id])
                else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
                let status: String = row[0]
                let milestoneID: Int64? = row[1]
                let location = InputLocation(file: "candidate #\(id)")
                if status == "pending" { throw JibangError.conflict(location, "it is pending; there is no decision to undo") }
                if status == "accepted", let milestoneID {
                    if row[2] ?? false {
                        let others =
                            try Int.fetchOne(
                                db, sql: "SELECT COUNT(*) FROM source WHERE milestone_id = ? AND url != ?", arguments: [milestoneID, sourceURL]) ?? 0
                        guard others == 0 else {
                            throw JibangError.conflict(
                                location,
                                "milestone #\(milestoneID) has gained other sources since; revert the candidate instead (a retraction, kept in the record)"
                            )
                        }
                        let siteID = try Int64.fetchOne(db, sql: "SELECT site_id FROM milestone WHERE id = ?", arguments: [milestoneID])
                        try db.execute(sql: "DELETE FROM milestone WHERE id = ?", arguments: [milestoneID])
                        if row[3] ?? false, let siteID,
                            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM milestone WHERE site_id = ?", arguments: [siteID]) == 0
                        {
                            try db.execute(sql: "DELETE FROM site WHERE id = ?", arguments: [siteID])
                        }
                    } else if row[4] ?? false {
                        // Only a source this acceptance added: one the milestone cited before stays.
                        try db.execute(sql: "DELETE FROM source WHERE milestone_id = ? AND url = ?", arguments: [milestoneID, sourceURL])
                    }
                }
                try db.execute(
                    sql: """
                        UPDATE evidence_candidate SET status = 'pending', milestone_id = NULL, decision_note = NULL, created_milestone = NULL,
                        created_site = NULL, added_source = NULL WHERE id = ?
                        """, arguments: [id])
                try Self.audit(
                    db, "undo", "candidate", String(id), reason: reason,
                    before: CandidateAudit.undone(status: status, milestone: milestoneID))
            }
        }
    }

    /// The columns `candidateRecord` reads, in its order.
    static let candidateColumns =
        "id, key, document_id, place_id, province_id, event, date, confidence, status, payload, corroborates, milestone_id"

    static func candidateRecord(_ row: Row) -> CandidateRecord {
        CandidateRecord(
            id: row[0], key: row[1], documentID: row[2], placeID: row[3], provinceID: row[4], event: row[5], date: row[6], confidence: row[7],
            status: row[8], payload: row[9], corroborates: row[10], milestoneID: row[11])
    }

    static func fetchCandidateRecord(_ db: Database, id: Int64) throws -> CandidateRecord? {
        try Row.fetchOne(db, sql: "SELECT \(candidateColumns) FROM evidence_candidate WHERE id = ?", arguments: [id]).map(candidateRecord)
    }
}
