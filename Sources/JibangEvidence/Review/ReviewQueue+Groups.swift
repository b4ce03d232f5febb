import Foundation
public import JibangBase
public import JibangCore

/// What an analyst changed on a card before accepting it: the place, the kind of event, the
/// role or the date. Unset fields keep the scanner's proposal. The audit keeps both.
public struct CandidateEdit: Sendable, Equatable {
    public var placeID: String?
    public var event: EvidenceEvent?
    public var date: MilestoneDate?
    public var role: Site.Role?

    public init(placeID: String? = nil, event: EvidenceEvent? = nil, date: MilestoneDate? = nil, role: Site.Role? = nil) {
        self.placeID = placeID
        self.event = event
        self.date = date
        self.role = role
    }

    /// The corrections as typed (in a form or a request body): a place in any spelling, a kind,
    /// a date with its precision, a role. Empty or missing texts keep the proposal.
    public init(place: String?, event: String?, date: String?, role: String?, gazetteer: Gazetteer) throws(JibangError) {
        func given(_ text: String?) -> String? {
            let text = text?.trimmingCharacters(in: .whitespaces)
            return text?.isEmpty == false ? text : nil
        }
        if let place = given(place) { placeID = try gazetteer.resolve(idOrName: place, at: InputLocation(file: "request", field: "place")).id }
        if let text = given(event) {
            guard let event = EvidenceEvent(rawValue: text) else {
                throw .invalidInput(
                    InputLocation(file: "request", field: "event"),
                    "found \"\(text)\", expected one of \(EvidenceEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.event = event
        }
        if let text = given(date) { self.date = try FieldRules.date(text, at: InputLocation(file: "request", field: "date")) }
        if let text = given(role) { self.role = try FieldRules.role(text, at: InputLocation(file: "request", field: "role")) }
    }

    public var isEmpty: Bool { placeID == nil && event == nil && date == nil && role == nil }

    /// The candidate as the analyst decided it; `withDate` false keeps the candidate's own date
    /// (the other reports of a group keep their readings).
    func applied(to candidate: Candidate, withDate: Bool) -> Candidate {
        var edited = candidate
        if let placeID { edited.placeID = placeID }
        if let event { edited.event = event }
        if withDate, let date {
            edited.date = date.description
            edited.datePrecision = date.precision.rawValue
        }
        return edited
    }

    /// The audit's record of the change: what the scanner proposed and what the analyst decided.
    func correction(of candidate: Candidate, decided: Candidate) -> JSONValue? {
        guard !isEmpty else { return nil }
        func reading(_ c: Candidate) -> JSONValue {
            .object(["place_id": c.placeID.map(JSONValue.string) ?? .null, "event": .string(c.event.rawValue), "date": .string(c.date)])
        }
        var decidedReading = reading(decided)
        if case var .object(fields) = decidedReading, let role {
            fields["role"] = .string(role.rawValue)
            decidedReading = .object(fields)
        }
        return .object(["proposed": reading(candidate), "decided": decidedReading])
    }
}

extension ReviewQueue {
    /// The queue as proposed milestones: candidates grouped by place, kind and overlapping date
    /// (`CandidateGrouping`), pending first, most confident first.
    public func groups(
        status: Candidate.Status? = .pending, event: EvidenceEvent? = nil, limit: Int = 100_000
    ) async throws(JibangError)
        -> [CandidateGroup]
    {
        CandidateGrouping.groups(try await candidates(status: status, event: event, limit: limit))
    }

    /// The pending group `id`, checked against the member ids the analyst saw: `not_found` when
    /// no pending group has that id (decided, or its span changed), `conflict` when its members
    /// changed since (a new report joined, one was decided).
    public func pendingGroup(id: String, expecting members: [Int64]?) async throws(JibangError) -> CandidateGroup {
        try Self.check(id: id, members: members, in: try await pendingGroups(sharingPlaceAndKindWith: id))
    }

    /// The pending groups of the place (or province) and kind a group id names: grouping never
    /// crosses place or kind, so these are the groups the whole queue would give there, read
    /// and decoded without the rest of the queue.
    func pendingGroups(sharingPlaceAndKindWith id: String) async throws(JibangError) -> [CandidateGroup] {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let event = EvidenceEvent(rawValue: parts[1]) else { return [] }
        let place = parts[0]
        let records = try await store.candidateRecords(status: Candidate.Status.pending.rawValue, event: event.rawValue, limit: Int(Int32.max))
        return CandidateGrouping.groups(
            try records.filter { $0.placeID == place || $0.placeID == nil && $0.provinceID == place }.map { record throws(JibangError) in
                try Self.candidate(record)
            })
    }

    static func check(id: String, members: [Int64]?, in pending: [CandidateGroup]) throws(JibangError) -> CandidateGroup {
        let location = InputLocation(file: "group \(id)")
        guard let group = pending.first(where: { $0.id == id }) else {
            throw JibangError.notFound(
                "no pending group \(id) now: its reports were decided, or a new report changed its dates; list the groups again",
                subject: "group \(id)")
        }
        if let members, Set(members) != Set(group.memberIDs) {
            throw JibangError.conflict(
                location,
                "the group changed since it was shown (now reports \(group.memberIDs.map { "#\($0)" }.joined(separator: ", "))); reload and decide again"
            )
        }
        return group
    }

    /// What deciding a group did.
    public struct GroupDecision: Sendable, Equatable {
        public let groupID: String
        public let candidates: [Int64]
        /// The milestone accepting created or corroborated; nil for a rejection.
        public let milestoneID: Int64?
        public let created: Bool
        public let siteLabel: String?
    }

    /// Accepts a group: the best-dated report creates or corroborates one milestone, and every
    /// other report becomes a source of that milestone (a date it cannot share is kept as its
    /// reading). `edit` applies the analyst's corrections first.
    public func accept(
        group id: String, members: [Int64]?, edit: CandidateEdit = .init(), stageID: String? = nil, note: String? = nil
    ) async throws(JibangError) -> GroupDecision {
        try await accept(try await pendingGroup(id: id, expecting: members), edit: edit, stageID: stageID, note: note)
    }

    /// Accepts a group already checked with `pendingGroup`.
    public func accept(_ group: CandidateGroup, edit: CandidateEdit, stageID: String?, note: String?) async throws(JibangError) -> GroupDecision {
        let lead = try await accept(candidate: group.lead.id ?? 0, placeID: edit.placeID, stageID: stageID, note: note, edit: edit)
        for member in group.candidates.dropFirst() {
            _ = try await accept(candidate: member.id ?? 0, placeID: edit.placeID, note: note, milestone: lead.milestoneID, edit: edit, ownDate: true)
        }
        return GroupDecision(
            groupID: group.id, candidates: group.memberIDs, milestoneID: lead.milestoneID, created: lead.created, siteLabel: lead.siteLabel)
    }

    /// Rejects every report of a group with one reason.
    public func reject(group id: String, members: [Int64]?, note: String?) async throws(JibangError) -> GroupDecision {
        try await reject(try await pendingGroup(id: id, expecting: members), note: note)
    }

    /// Rejects a group already checked with `pendingGroup`.
    public func reject(_ group: CandidateGroup, note: String?) async throws(JibangError) -> GroupDecision {
        for member in group.memberIDs { try await reject(candidate: member, note: note) }
        return GroupDecision(groupID: group.id, candidates: group.memberIDs, milestoneID: nil, created: false, siteLabel: nil)
    }

    /// What a bulk decision did: the groups decided, those that had changed since they were
    /// shown (left for the analyst), and those that could not be decided, with why.
    public struct BulkDecision: Sendable {
        public var decided: [GroupDecision] = []
        public var changed: [String] = []
        public var failed: [(group: String, error: JibangError)] = []
    }

    /// Decides many groups as shown (`picks`: each group's id and the member ids seen), reading
    /// the queue once. A group that changed since is skipped, never decided unseen.
    public func decide(picks: [(group: String, members: [Int64])], accept: Bool, note: String?) async throws(JibangError) -> BulkDecision {
        let pending = try await groups(status: .pending)
        var result = BulkDecision()
        for pick in picks {
            let group: CandidateGroup
            do { group = try Self.check(id: pick.group, members: pick.members, in: pending) } catch {
                // Gone or changed: either way not what the analyst saw.
                result.changed.append(pick.group)
                continue
            }
            do {
                result.decided.append(
                    accept ? try await self.accept(group, edit: .init(), stageID: nil, note: note) : try await reject(group, note: note))
            } catch {
                result.failed.append((pick.group, error))
            }
        }
        return result
    }

    /// Accepts a candidate as the analyst corrected it (`edit`); with `ownDate`, the
    /// candidate keeps its own date (a group's other reports).
    public func accept(
        candidate id: Int64, placeID: String?, stageID: String? = nil, note: String?, milestone: Int64? = nil, edit: CandidateEdit,
        ownDate: Bool = false
    ) async throws(JibangError) -> Acceptance {
        guard !edit.isEmpty else { return try await accept(candidate: id, placeID: placeID, stageID: stageID, note: note, milestone: milestone) }
        let proposed = try await candidate(id: id)
        let decided = edit.applied(to: proposed, withDate: !ownDate)
        // A form sends every field, most unchanged: only a real change is a correction.
        if decided == proposed && edit.role == nil {
            return try await accept(candidate: id, placeID: placeID, stageID: stageID, note: note, milestone: milestone)
        }
        return try await accept(
            decided, placeID: placeID ?? proposed.placeID, stageID: stageID, note: note, milestone: milestone, role: edit.role,
            correction: edit.correction(of: proposed, decided: decided))
    }

    /// Undoes decisions, newest first: each candidate returns to pending and what its
    /// acceptance wrote is taken back.
    public func undo(candidates ids: [Int64], reason: String) async throws(JibangError) {
        for id in ids.reversed() {
            let candidate = try await self.candidate(id: id)
            try await store.undoDecision(id: id, sourceURL: AcceptanceRules.sourceURL(candidate), reason: reason)
        }
    }
}
