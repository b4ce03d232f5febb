public import JibangBase

/// A proposed milestone as the store keeps it: the columns it filters and sorts on, and the
/// whole proposal as a JSON payload that `JibangEvidence` writes and reads. The store never
/// interprets the payload.
public struct CandidateRecord: Sendable, Equatable {
    /// Store id; nil until stored.
    public var id: Int64?
    /// What makes two proposals the same (document, place, event, date); stored once.
    public var key: String
    public var documentID: String
    public var placeID: String?
    public var provinceID: String?
    public var event: String
    public var date: String
    public var confidence: Double
    /// "pending", "accepted" or "rejected".
    public var status: String
    public var payload: String
    /// The milestone this proposal corroborates, when one matched as it was queued.
    public var corroborates: Int64?
    /// The milestone it became or joined, once accepted.
    public var milestoneID: Int64?

    public init(
        id: Int64? = nil, key: String, documentID: String, placeID: String?, provinceID: String?, event: String, date: String,
        confidence: Double, status: String, payload: String, corroborates: Int64?, milestoneID: Int64? = nil
    ) {
        self.id = id
        self.key = key
        self.documentID = documentID
        self.placeID = placeID
        self.provinceID = provinceID
        self.event = event
        self.date = date
        self.confidence = confidence
        self.status = status
        self.payload = payload
        self.corroborates = corroborates
        self.milestoneID = milestoneID
    }
}

/// What accepting a proposal writes, as the evidence rules decided it.
public enum AcceptanceWrite: Sendable, Equatable {
    /// The article becomes a source of an existing milestone (nothing is written when the
    /// milestone already cites that address).
    case addSource(Source, toMilestone: Int64)
    /// A new milestone, at the entry's site (created when missing).
    case addMilestone(ProgrammeEntry)
}

/// Where the evidence review queue lives. Each write is one transaction.
public protocol CandidateRecordStore: Sendable {
    /// Stores the records whose key is new and leaves the others as stored. Returns, in input
    /// order, each record as stored (with its id) and whether it was new.
    func insertCandidates(_ records: [CandidateRecord]) async throws(JibangError) -> [(record: CandidateRecord, isNew: Bool)]

    /// Records, pending before decided, then by confidence (highest first), date (newest) and id.
    func candidateRecords(status: String?, event: String?, limit: Int) async throws(JibangError) -> [CandidateRecord]

    /// One record, or nil.
    func candidateRecord(id: Int64) async throws(JibangError) -> CandidateRecord?

    /// Replaces a pending record's reading (key, event, date, confidence, payload, corroborated
    /// milestone) in one transaction; returns false, changing nothing, when the record is no
    /// longer pending or another record already has the new key.
    func updatePendingCandidate(_ record: CandidateRecord) async throws(JibangError) -> Bool

    /// Marks a record rejected with `note`, unless it was accepted; returns whether it changed.
    func rejectCandidate(id: Int64, note: String?) async throws(JibangError) -> Bool

    /// In one transaction: checks the record is still pending (else `invalid_input`), applies
    /// `write`, and marks it accepted with the milestone, the place and `note`. Returns the
    /// milestone's id. `correction`, when the analyst changed the proposal before accepting,
    /// is kept in the audit entry beside what the scanner proposed.
    func acceptCandidate(
        id: Int64, placeID: String, note: String?, write: AcceptanceWrite, correction: JSONValue?
    ) async throws(JibangError)
        -> Int64

    /// In one transaction: returns a decided record to pending, as if never decided. A rejected
    /// one just becomes pending; an accepted one takes back what its acceptance wrote: the
    /// milestone it created (with the site, when that was created too and holds nothing else)
    /// or the source at `sourceURL` it added. `conflict` when the created milestone has gained
    /// other sources since (revert it instead). The audit keeps an `undo` entry with `reason`.
    func undoDecision(id: Int64, sourceURL: String, reason: String) async throws(JibangError)

    /// In one transaction: checks the record is accepted (else `invalid_input`), retracts the
    /// milestone its acceptance created, or the source at `sourceURL` it added to an existing
    /// one, and marks the record rejected with `reason`, so that no scan proposes it again.
    /// Returns the milestone and whether it was retracted (true) or lost a source (false).
    func revertCandidate(id: Int64, sourceURL: String, reason: String) async throws(JibangError) -> (milestone: Int64, retracted: Bool)
}

extension CandidateRecordStore {
    /// Accepts as proposed.
    public func acceptCandidate(id: Int64, placeID: String, note: String?, write: AcceptanceWrite) async throws(JibangError) -> Int64 {
        try await acceptCandidate(id: id, placeID: placeID, note: note, write: write, correction: nil)
    }
}

/// What the audit trail keeps of the evidence queue's decisions: the same on every engine.
public enum CandidateAudit {
    /// A pending record read again (`redate`).
    public static func redated(_ record: CandidateRecord) -> JSONValue {
        .object(["event": .string(record.event), "date": .string(record.date)])
    }

    /// An acceptance: the milestone it created or joined, the place, and the analyst's correction.
    public static func accepted(milestone: Int64, placeID: String, correction: JSONValue?) -> JSONValue {
        var after: [String: JSONValue] = ["milestone": .number(Double(milestone)), "place_id": .string(placeID)]
        if let correction { after["correction"] = correction }
        return .object(after)
    }

    /// A revert: the milestone, and whether it was retracted or lost the source.
    public static func reverted(milestone: Int64, retracted: Bool) -> JSONValue {
        .object(["milestone": .number(Double(milestone)), "retracted": .string(retracted ? "milestone" : "source")])
    }

    /// What an undone decision was.
    public static func undone(status: String, milestone: Int64?) -> JSONValue {
        .object(["status": .string(status), "milestone": milestone.map { .number(Double($0)) } ?? .null])
    }
}
