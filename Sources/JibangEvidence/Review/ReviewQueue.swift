import Foundation
public import JibangBase
public import JibangCore

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

/// The evidence review queue: proposals from the scanner wait here for an analyst to accept
/// (the article becomes a source of a milestone) or reject (never proposed again). The rules
/// are `AcceptanceRules`; any store that keeps candidate records and the programme serves.
public struct ReviewQueue: Sendable {
    public let store: any CandidateRecordStore & ProgrammeStore
    public let gazetteer: Gazetteer

    public init(store: any CandidateRecordStore & ProgrammeStore, gazetteer: Gazetteer) {
        self.store = store
        self.gazetteer = gazetteer
    }

    /// Queues new candidates, in one transaction. A candidate whose key (document, place,
    /// event, date) was seen before is skipped, so a rejected one never returns. Each new one
    /// that matches an existing milestone (same place, kind and an overlapping date) is marked
    /// as corroborating it.
    public func queue(_ candidates: [Candidate]) async throws(JibangError) -> (summary: EvidenceScanSummary, candidates: [Candidate]) {
        let sites = try await store.sites()
        var records: [CandidateRecord] = []
        for var candidate in candidates {
            candidate.status = .pending
            candidate.corroborates = AcceptanceRules.matchingMilestone(candidate, in: sites)
            records.append(try Self.record(candidate))
        }
        var summary = EvidenceScanSummary()
        var stored: [Candidate] = []
        for (record, isNew) in try await store.insertCandidates(records) {
            if isNew {
                summary.added += 1
                if record.corroborates != nil { summary.corroborating += 1 }
            } else {
                summary.known += 1
            }
            stored.append(try Self.candidate(record))
        }
        return (summary, stored)
    }

    /// Candidates in the queue, best first (pending before decided, then by confidence).
    public func candidates(status: Candidate.Status? = nil, event: EvidenceEvent? = nil, limit: Int = 1000) async throws(JibangError) -> [Candidate] {
        try await store.candidateRecords(status: status?.rawValue, event: event?.rawValue, limit: limit).map { record throws(JibangError) in
            try Self.candidate(record)
        }
    }

    /// One candidate; `not_found` for an unknown id.
    public func candidate(id: Int64) async throws(JibangError) -> Candidate {
        guard let record = try await store.candidateRecord(id: id) else { throw Self.unknown(id) }
        return try Self.candidate(record)
    }

    /// Rejects a candidate; later scans will not propose it again. An accepted one cannot be rejected.
    public func reject(candidate id: Int64, note: String?) async throws(JibangError) {
        if try await store.rejectCandidate(id: id, note: note) { return }
        guard let record = try await store.candidateRecord(id: id) else { throw Self.unknown(id) }
        throw JibangError.conflict(
            InputLocation(file: "candidate #\(id)"), "it was accepted as milestone #\(record.milestoneID ?? 0); it cannot be rejected now")
    }

    /// What accepting did: the milestone, and whether it was created or an existing one gained the source.
    public struct Acceptance: Sendable, Equatable {
        public let milestoneID: Int64
        public let created: Bool
        public let siteLabel: String
        public let date: String
    }

    /// Accepts a candidate: its article becomes a source of the milestone it corroborates, or
    /// of a new milestone (status claimed) at the site of that place, created in the stage of
    /// the event's year when the place has no site yet. A report of work under way becomes a
    /// groundbreaking on or before its date. `placeID` is required for a province-level
    /// candidate (hint: the `place` field); `stageID` overrides the stage. `milestone` names the
    /// stored milestone the article reports; its date, when it cannot be that milestone's, is
    /// kept as the source's reading.
    public func accept(
        candidate id: Int64, placeID: String? = nil, stageID: String? = nil, note: String? = nil, milestone: Int64? = nil,
        role: Site.Role? = nil
    ) async throws(JibangError) -> Acceptance {
        try await accept(
            try await self.candidate(id: id), placeID: placeID, stageID: stageID, note: note, milestone: milestone, role: role, correction: nil)
    }

    /// Accepts `candidate` as given (the stored one, or as the analyst corrected it).
    func accept(
        _ candidate: Candidate, placeID: String?, stageID: String?, note: String?, milestone: Int64?, role: Site.Role?, correction: JSONValue?
    ) async throws(JibangError) -> Acceptance {
        let id = candidate.id ?? 0
        let location = InputLocation(file: "candidate #\(id)")
        guard candidate.status == .pending else { throw JibangError.conflict(location, "it is already \(candidate.status.rawValue)") }
        guard let divisionID = placeID ?? candidate.placeID else {
            throw JibangError.invalidInput(
                location, "it names only a province; choose the site (one of: \(candidate.provinceSites.joined(separator: ", ")))",
                hint: .init(field: "place", suggestion: candidate.provinceSites.first))
        }
        guard let place = gazetteer.division(id: divisionID), place.level == 2 else {
            throw JibangError.unknownPlace(location, divisionID, suggestions: candidate.provinceSites)
        }
        let write = try AcceptanceRules.decide(
            candidate, place: place, requestedStage: stageID, note: note, sites: try await store.sites(), milestone: milestone,
            role: role)
        let milestoneID = try await store.acceptCandidate(id: id, placeID: divisionID, note: note, write: write, correction: correction)
        let created = if case .addMilestone = write { true } else { false }
        let date = candidate.milestoneDate.map { AcceptanceRules.milestoneDate(candidate.event, reported: $0).description } ?? candidate.date
        return Acceptance(milestoneID: milestoneID, created: created, siteLabel: "\(place.nameKCNA) (\(divisionID))", date: date)
    }

    /// Reverts an accepted candidate: the milestone its acceptance created is retracted, or
    /// the source it added is; the candidate becomes rejected (never proposed again). A reason is
    /// required and kept in the audit trail.
    public func revert(candidate id: Int64, reason: String) async throws(JibangError) -> (milestone: Int64, retracted: Bool) {
        let candidate = try await self.candidate(id: id)
        return try await store.revertCandidate(id: id, sourceURL: AcceptanceRules.sourceURL(candidate), reason: MilestoneCorrection.reason(reason))
    }

    // MARK: - Records

    static func unknown(_ id: Int64) -> JibangError { .notFound("no evidence candidate #\(id)", subject: "candidate #\(id)") }

    static func record(_ candidate: Candidate) throws(JibangError) -> CandidateRecord {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload: String
        do { payload = String(decoding: try encoder.encode(candidate), as: UTF8.self) } catch {
            throw .storage("cannot encode a candidate: \(error)")
        }
        return CandidateRecord(
            key: candidate.key, documentID: candidate.documentID, placeID: candidate.placeID, provinceID: candidate.provinceID,
            event: candidate.event.rawValue, date: candidate.date, confidence: candidate.confidence, status: candidate.status.rawValue,
            payload: payload, corroborates: candidate.corroborates)
    }

    static func candidate(_ record: CandidateRecord) throws(JibangError) -> Candidate {
        var candidate: Candidate
        do { candidate = try JSONDecoder().decode(Candidate.self, from: Data(record.payload.utf8)) } catch {
            throw .storage("candidate #\(record.id ?? 0) cannot be read: \(error)")
        }
        candidate.id = record.id
        candidate.status = Candidate.Status(rawValue: record.status) ?? .pending
        candidate.placeID = record.placeID
        candidate.corroborates = record.corroborates
        return candidate
    }
}
