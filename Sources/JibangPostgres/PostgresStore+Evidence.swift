import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

/// The evidence review queue's table. Which proposals are new, what accepting one means and
/// which milestone it matches are decided in `JibangEvidence`; this only keeps the records.
extension PostgresStore: CandidateRecordStore {
    public func insertCandidates(_ records: [CandidateRecord]) async throws(JibangError) -> [(record: CandidateRecord, isNew: Bool)] {
        try await transaction { connection in
            var stored: [(record: CandidateRecord, isNew: Bool)] = []
            for var record in records {
                // The key's constraint decides which is new, also against another node's scan.
                let inserted = try await connection.rows(
                    """
                    INSERT INTO evidence_candidate (key, document_id, place_id, province_id, event, date, confidence, status, payload, corroborates)
                    VALUES (\(record.key), \(record.documentID), \(record.placeID), \(record.provinceID), \(record.event), \(record.date),
                        \(record.confidence), \(record.status), \(record.payload), \(record.corroborates))
                    ON CONFLICT (key) DO NOTHING RETURNING id
                    """)
                if let row = inserted.first {
                    record.id = try row.decode(Int64.self)
                    stored.append((record, true))
                } else if let existing = try await connection.rows(
                    "SELECT \(unescaped: Self.candidateColumns) FROM evidence_candidate WHERE key = \(record.key)"
                ).first {
                    stored.append((try Self.candidateRecord(existing), false))
                }
            }
            return stored
        }
    }

    public func candidateRecords(status: String?, event: String?, limit: Int) async throws(JibangError) -> [CandidateRecord] {
        try await rows(
            """
            SELECT \(unescaped: Self.candidateColumns) FROM evidence_candidate
            WHERE (\(status)::text IS NULL OR status = \(status)) AND (\(event)::text IS NULL OR event = \(event))
            ORDER BY status = 'pending' DESC, confidence DESC, date DESC, id LIMIT \(limit < 0 ? Int64.max : Int64(limit))
            """
        ).map { row throws(JibangError) in try Self.candidateRecord(row) }
    }

    public func candidateRecord(id: Int64) async throws(JibangError) -> CandidateRecord? {
        try await rows("SELECT \(unescaped: Self.candidateColumns) FROM evidence_candidate WHERE id = \(id)").first.map {
            row throws(JibangError) in try Self.candidateRecord(row)
        }
    }

    public func updatePendingCandidate(_ record: CandidateRecord) async throws(JibangError) -> Bool {
        guard let id = record.id else { return false }
        return try await transaction { connection in
            if let other = try await connection.rows("SELECT id FROM evidence_candidate WHERE key = \(record.key)").first?.decode(Int64.self),
                other != id
            {
                return false
            }
            let updated = try await connection.rows(
                """
                UPDATE evidence_candidate SET key = \(record.key), event = \(record.event), date = \(record.date), confidence = \(record.confidence),
                    payload = \(record.payload), corroborates = \(record.corroborates)
                WHERE id = \(id) AND status = 'pending' RETURNING id
                """)
            guard !updated.isEmpty else { return false }
            try await Self.audit(
                connection, "redate", "candidate", String(id), after: CandidateAudit.redated(record))
            return true
        }
    }

    public func rejectCandidate(id: Int64, note: String?) async throws(JibangError) -> Bool {
        try await transaction { connection in
            let updated = try await connection.rows(
                "UPDATE evidence_candidate SET status = 'rejected', decision_note = \(note) WHERE id = \(id) AND status != 'accepted' RETURNING id")
            guard !updated.isEmpty else { return false }
            try await Self.audit(connection, "reject", "candidate", String(id), reason: note)
            return true
        }
    }

    public func acceptCandidate(
        id: Int64, placeID: String, note: String?, write: AcceptanceWrite, correction: JSONValue?
    ) async throws(JibangError)
        -> Int64
    {
        try await transaction { connection in
            // Locked: two analysts accepting one report at once take turns, and the second finds it decided.
            guard
                let status = try await connection.rows("SELECT status FROM evidence_candidate WHERE id = \(id) FOR UPDATE").first?.decode(
                    String.self)
            else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
            guard status == "pending" else { throw JibangError.conflict(InputLocation(file: "candidate #\(id)"), "it is already \(status)") }
            let milestoneID: Int64
            var createdSite = false
            var addedSource = false
            let created = if case .addMilestone = write { true } else { false }
            switch write {
            case let .addSource(source, existing):
                guard try await !connection.rows("SELECT 1 FROM milestone WHERE id = \(existing) FOR SHARE").isEmpty else {
                    throw JibangError.notFound("no milestone #\(existing)", subject: "milestone #\(existing)")
                }
                addedSource = try await Self.insertSource(source, milestone: existing, connection)
                milestoneID = existing
            case let .addMilestone(entry):
                createdSite = try await Self.insert([entry], file: "evidence", connection).sitesCreated > 0
                milestoneID =
                    try await connection.rows(
                        """
                        SELECT milestone.id FROM milestone JOIN site ON site.id = milestone.site_id
                        WHERE site.stage_id = \(entry.stageID) AND site.division_id = \(entry.divisionID)
                            AND milestone.kind = \(entry.milestone.kind.rawValue) AND milestone.date = \(entry.milestone.date.description)
                        """
                    ).first?.decode(Int64.self) ?? 0
            }
            try await connection.rows(
                """
                UPDATE evidence_candidate SET status = 'accepted', milestone_id = \(milestoneID), place_id = \(placeID), decision_note = \(note),
                    created_milestone = \(created), created_site = \(createdSite), added_source = \(addedSource)
                WHERE id = \(id)
                """)
            try await Self.audit(
                connection, "accept", "candidate", String(id), reason: note,
                after: CandidateAudit.accepted(milestone: milestoneID, placeID: placeID, correction: correction))
            return milestoneID
        }
    }

    public func revertCandidate(id: Int64, sourceURL: String, reason: String) async throws(JibangError) -> (milestone: Int64, retracted: Bool) {
        try await transaction { connection in
            guard
                let (status, stored, createdFlag) = try await connection.rows(
                    "SELECT status, milestone_id, created_milestone FROM evidence_candidate WHERE id = \(id) FOR UPDATE"
                ).first.map({ try $0.decode((String, Int64?, Bool?).self) })
            else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
            guard status == "accepted", let milestoneID = stored else {
                throw JibangError.conflict(InputLocation(file: "candidate #\(id)"), "it is \(status), not accepted; there is nothing to revert")
            }
            let created = createdFlag ?? false
            let at = ISO8601DateFormatter().string(from: Date())
            let note = "reverted: \(reason)"
            if created {
                try await connection.rows(
                    "UPDATE milestone SET retracted_at = \(at), retraction_reason = \(note) WHERE id = \(milestoneID) AND retracted_at IS NULL")
            } else {
                try await connection.rows(
                    """
                    UPDATE source SET retracted_at = \(at), retraction_reason = \(note)
                    WHERE milestone_id = \(milestoneID) AND url = \(sourceURL) AND retracted_at IS NULL
                    """)
            }
            try await connection.rows("UPDATE evidence_candidate SET status = 'rejected', decision_note = \(note) WHERE id = \(id)")
            try await Self.audit(
                connection, "revert", "candidate", String(id), reason: reason,
                after: CandidateAudit.reverted(milestone: milestoneID, retracted: created))
            return (milestoneID, created)
        }
    }

    public func undoDecision(id: Int64, sourceURL: String, reason: String) async throws(JibangError) {
        try await transaction { connection in
            guard
                let (status, milestoneID, createdMilestone, createdSite, addedSource) = try await connection.rows(
                    """
                    SELECT status, milestone_id, created_milestone, created_site, added_source FROM evidence_candidate WHERE id = \(id) FOR UPDATE
                    """
                ).first.map({ try $0.decode((String, Int64?, Bool?, Bool?, Bool?).self) })
            else { throw JibangError.notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }
            let location = InputLocation(file: "candidate #\(id)")
            if status == "pending" { throw JibangError.conflict(location, "it is pending; there is no decision to undo") }
            if status == "accepted", let milestoneID {
                if createdMilestone ?? false {
                    let others = try await connection.rows(
                        "SELECT count(*) FROM source WHERE milestone_id = \(milestoneID) AND url != \(sourceURL)"
                    ).first!.decode(Int64.self)
                    guard others == 0 else {
                        throw JibangError.conflict(
                            location,
                            "milestone #\(milestoneID) has gained other sources since; revert the candidate instead (a retraction, kept in the record)"
                        )
                    }
                    let siteID = try await connection.rows("DELETE FROM milestone WHERE id = \(milestoneID) RETURNING site_id").first?.decode(
                        Int64.self)
                    if createdSite ?? false, let siteID, try await connection.rows("SELECT 1 FROM milestone WHERE site_id = \(siteID)").isEmpty {
                        try await connection.rows("DELETE FROM site WHERE id = \(siteID)")
                    }
                } else if addedSource ?? false {
                    // Only a source this acceptance added: one the milestone cited before stays.
                    try await connection.rows("DELETE FROM source WHERE milestone_id = \(milestoneID) AND url = \(sourceURL)")
                }
            }
            try await connection.rows(
                """
                UPDATE evidence_candidate SET status = 'pending', milestone_id = NULL, decision_note = NULL, created_milestone = NULL,
                    created_site = NULL, added_source = NULL
                WHERE id = \(id)
                """)
            try await Self.audit(
                connection, "undo", "candidate", String(id), reason: reason,
                before: CandidateAudit.undone(status: status, milestone: milestoneID))
        }
    }

    /// The columns `candidateRecord` reads, in its order.
    static let candidateColumns =
        "id, key, document_id, place_id, province_id, event, date, confidence, status, payload, corroborates, milestone_id"

    static func candidateRecord(_ row: PostgresRow) throws(JibangError) -> CandidateRecord {
        let (id, key, document, place, province, event, date, confidence, status, payload, corroborates, milestone) = try decode(
            row, as: (Int64, String, String, String?, String?, String, String, Double, String, String, Int64?, Int64?).self)
        return CandidateRecord(
            id: id, key: key, documentID: document, placeID: place, provinceID: province, event: event, date: date, confidence: confidence,
            status: status, payload: payload, corroborates: corroborates, milestoneID: milestone)
    }
}
