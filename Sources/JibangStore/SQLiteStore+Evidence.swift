import Foundation
import GRDB
import JibangCore
import JibangEvidence
import KoreanText

/// What storing a scan's candidates did.
public struct EvidenceScanSummary: Sendable, Equatable, Codable {
    /// New candidates queued for review.
    public var added = 0
    /// Already proposed by an earlier scan (pending, accepted or rejected): not proposed again.
    public var known = 0
    /// New candidates that match an existing milestone.
    public var corroborating = 0
    public init() {}
}

extension SQLiteStore {
    /// Queues new candidates for review, in one transaction. A candidate whose key (document,
    /// place, event, date) was seen before is skipped, so a rejected one never returns. Each new
    /// candidate is checked against the record: one that matches an existing milestone (same
    /// place, kind and an overlapping date) is marked as corroborating it.
    public func queue(_ candidates: [Candidate]) async throws(JibangError) -> (summary: EvidenceScanSummary, candidates: [Candidate]) {
        try await run {
            try writer.write { db in
                let sites = try Self.fetchSites(db)
                var summary = EvidenceScanSummary()
                var stored: [Candidate] = []
                for var candidate in candidates {
                    if let id = try Int64.fetchOne(db, sql: "SELECT id FROM evidence_candidate WHERE key = ?", arguments: [candidate.key]) {
                        summary.known += 1
                        if let existing = try Self.fetchCandidate(db, id: id) { stored.append(existing) }
                        continue
                    }
                    candidate.corroborates = Self.matchingMilestone(candidate, in: sites)
                    if candidate.corroborates != nil { summary.corroborating += 1 }
                    candidate.status = .pending
                    try db.execute(
                        sql: """
                            INSERT INTO evidence_candidate (key, document_id, place_id, province_id, event, date, confidence, status, payload, corroborates)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                            """,
                        arguments: [
                            candidate.key, candidate.documentID, candidate.placeID, candidate.provinceID, candidate.event.rawValue, candidate.date,
                            candidate.confidence, try Self.payload(candidate), candidate.corroborates,
                        ])
                    candidate.id = db.lastInsertedRowID
                    summary.added += 1
                    stored.append(candidate)
                }
                return (summary, stored)
            }
        }
    }

    /// Candidates in the review queue, best first (pending before decided, then by confidence).
    public func candidates(status: Candidate.Status? = nil, event: EvidenceEvent? = nil, limit: Int = 1000) async throws(JibangError) -> [Candidate] {
        try await run {
            try writer.read { db in
                var sql = "SELECT id FROM evidence_candidate WHERE 1 = 1"
                var arguments: StatementArguments = []
                if let status {
                    sql += " AND status = ?"
                    arguments += [status.rawValue]
                }
                if let event {
                    sql += " AND event = ?"
                    arguments += [event.rawValue]
                }
                sql += " ORDER BY status = 'pending' DESC, confidence DESC, date DESC, id LIMIT ?"
                arguments += [limit]
                return try Int64.fetchAll(db, sql: sql, arguments: arguments).compactMap { try Self.fetchCandidate(db, id: $0) }
            }
        }
    }

    /// One candidate.
    public func candidate(id: Int64) async throws(JibangError) -> Candidate {
        let found = try await run { try writer.read { db in try Self.fetchCandidate(db, id: id) } }
        guard let found else { throw .notFound("no evidence candidate #\(id); `jibang evidence list` shows the queue") }
        return found
    }

    /// Rejects a candidate; later scans will not propose it again.
    public func reject(candidate id: Int64, note: String?) async throws(JibangError) {
        try await run {
            try writer.write { db in
                guard let candidate = try Self.fetchCandidate(db, id: id) else {
                    throw JibangError.notFound("no evidence candidate #\(id); `jibang evidence list` shows the queue")
                }
                guard candidate.status != .accepted else {
                    throw JibangError.invalidInput(
                        InputLocation(file: "candidate #\(id)"),
                        "it was accepted as milestone #\(try Self.milestoneID(db, candidate: id) ?? 0); it cannot be rejected now")
                }
                try db.execute(sql: "UPDATE evidence_candidate SET status = 'rejected', decision_note = ? WHERE id = ?", arguments: [note, id])
            }
        }
    }

    /// What accepting did: the milestone, and whether it was created or an existing one gained the source.
    public struct Acceptance: Sendable, Equatable {
        public let milestoneID: Int64
        public let created: Bool
        public let siteLabel: String
        public let date: String
    }

    /// Accepts a candidate in one transaction: its article becomes a source of the milestone it
    /// corroborates, or of a new milestone (status claimed) at the site of that place, created
    /// in the stage of the event's year when the place has no site yet. A report of work under
    /// way becomes a groundbreaking on or before its date. `placeID` is required for a
    /// province-level candidate; `stageID` overrides the stage.
    public func accept(
        candidate id: Int64, placeID: String? = nil, stageID: String? = nil, note: String? = nil
    ) async throws(JibangError) -> Acceptance {
        try await run {
            try writer.write { db in
                guard var candidate = try Self.fetchCandidate(db, id: id) else {
                    throw JibangError.notFound("no evidence candidate #\(id); `jibang evidence list` shows the queue")
                }
                let location = InputLocation(file: "candidate #\(id)")
                guard candidate.status == .pending else {
                    throw JibangError.invalidInput(location, "it is already \(candidate.status.rawValue)")
                }
                guard let divisionID = placeID ?? candidate.placeID else {
                    throw JibangError.invalidInput(
                        location,
                        "it names only a province; choose the site with --place (one of: \(candidate.provinceSites.joined(separator: ", ")))")
                }
                guard let division = try DivisionRecord.fetchOne(db, key: divisionID), division.level == 2 else {
                    throw JibangError.unknownPlace(location, divisionID, suggestions: candidate.provinceSites)
                }
                candidate.placeID = divisionID
                guard let reported = candidate.milestoneDate else {
                    throw JibangError.invalidInput(location, "its date \(candidate.date) is unreadable")
                }
                let kind = Self.milestoneKind(candidate.event)
                let date: MilestoneDate = candidate.event == .constructionProgress ? .onOrBefore(reported.latest) : reported
                let source = Source(
                    url: candidate.url ?? "document:\(candidate.documentID)", outlet: candidate.outlet, title: candidate.documentTitle,
                    published: Day(iso: candidate.documentDate), language: nil, quote: candidate.snippet)
                let sites = try Self.fetchSites(db)
                let milestoneID: Int64
                let created: Bool
                if let existing = Self.matchingMilestone(candidate, in: sites) {
                    milestoneID = existing
                    created = false
                    if try SourceRecord.filter(Column("milestone_id") == existing && Column("url") == source.url).fetchCount(db) == 0 {
                        let next =
                            try Int.fetchOne(
                                db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM source WHERE milestone_id = ?", arguments: [existing]) ?? 0
                        try SourceRecord(source, milestoneID: existing, position: next).insert(db)
                    }
                } else {
                    let year = reported.latest.year
                    let known = sites.filter { $0.divisionID == divisionID }.compactMap { site in Programme.stage(id: site.stageID).map { (site, $0) }
                    }
                    let stage =
                        try stageID.map { text throws(JibangError) in try FieldRules.stage(text, at: location).id }
                        ?? known.filter { $0.1.year <= year }.max { $0.1.year < $1.1.year }?.0.stageID
                        ?? (Programme.years.contains(year) ? String(year) : nil)
                    guard let stage else {
                        throw JibangError.invalidInput(location, "\(division.nameKcna) has no site and \(year) is not a programme year; give --stage")
                    }
                    let milestone = Milestone(
                        kind: kind, date: date, status: .claimed, detail: nil, facilities: candidate.facilities.joined(separator: "; "),
                        note: note ?? "Accepted from evidence candidate #\(id): \(candidate.why)", actors: [], sources: [source])
                    let entry = ProgrammeEntry(stageID: stage, divisionID: divisionID, milestone: milestone, origin: location)
                    _ = try Self.insert([entry], file: "evidence", db)
                    milestoneID =
                        try Int64.fetchOne(
                            db,
                            sql: """
                                SELECT milestone.id FROM milestone JOIN site ON site.id = milestone.site_id
                                WHERE site.stage_id = ? AND site.division_id = ? AND milestone.kind = ? AND milestone.date = ?
                                """, arguments: [stage, divisionID, kind.rawValue, date.description]) ?? 0
                    created = true
                }
                try db.execute(
                    sql: "UPDATE evidence_candidate SET status = 'accepted', milestone_id = ?, place_id = ?, decision_note = ? WHERE id = ?",
                    arguments: [milestoneID, divisionID, note, id])
                return Acceptance(
                    milestoneID: milestoneID, created: created, siteLabel: "\(division.nameKcna) (\(divisionID))", date: date.description)
            }
        }
    }

    // MARK: - Helpers

    static func milestoneKind(_ event: EvidenceEvent) -> Milestone.Kind {
        switch event {
        case .groundbreaking, .constructionProgress: .groundbreaking
        case .inauguration: .inauguration
        case .leaderVisit: .leaderVisit
        case .officialVisit: .officialVisit
        case .frameworkCompleted: .frameworkCompleted
        }
    }

    /// The id of a milestone at the candidate's place, of its kind, whose date overlaps. An
    /// undated report ("on or before D") of a visit or ceremony is taken to be about the month
    /// before D; of work under way, about any groundbreaking before D.
    static func matchingMilestone(_ candidate: Candidate, in sites: [Site]) -> Int64? {
        guard let place = candidate.placeID, let date = candidate.milestoneDate else { return nil }
        let kind = milestoneKind(candidate.event)
        let latest = date.latest
        var earliest = date.earliest
        if earliest == nil && candidate.event != .constructionProgress {
            let (y, m, d) = PartialDate.civil(fromDayNumber: latest.ordinal - 31)
            earliest = Day(year: y, month: m, day: d)
        }
        for site in sites where site.divisionID == place {
            for milestone in site.milestones where milestone.kind == kind {
                let overlaps = (earliest.map { milestone.date.latest >= $0 } ?? true) && (milestone.date.earliest.map { $0 <= latest } ?? true)
                if overlaps, let id = milestone.id { return id }
            }
        }
        return nil
    }

    static func payload(_ candidate: Candidate) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(candidate), as: UTF8.self)
    }

    static func fetchCandidate(_ db: Database, id: Int64) throws -> Candidate? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT payload, status, place_id, corroborates FROM evidence_candidate WHERE id = ?", arguments: [id])
        else { return nil }
        var candidate = try JSONDecoder().decode(Candidate.self, from: Data((row[0] as String).utf8))
        candidate.id = id
        candidate.status = Candidate.Status(rawValue: row[1]) ?? .pending
        candidate.placeID = row[2]
        candidate.corroborates = row[3]
        return candidate
    }

    static func milestoneID(_ db: Database, candidate id: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT milestone_id FROM evidence_candidate WHERE id = ?", arguments: [id])
    }
}
