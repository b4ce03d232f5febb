import Foundation
public import JibangBase

/// A correction asked for: the fields to change (nil: unchanged) and why. What `jibang edit
/// milestone` and `PATCH /api/v1/milestones/{id}` carry.
public struct MilestoneChange: Sendable, Decodable {
    public var event: String?
    public var date: String?
    public var status: String?
    /// A place in any spelling or a gazetteer id: the milestone moves to its site in the same stage.
    public var place: String?
    public var facilities: String?
    public var note: String?
    public var reason: String?

    public init(
        event: String? = nil, date: String? = nil, status: String? = nil, place: String? = nil, facilities: String? = nil, note: String? = nil,
        reason: String? = nil
    ) {
        self.event = event
        self.date = date
        self.status = status
        self.place = place
        self.facilities = facilities
        self.note = note
        self.reason = reason
    }
}

/// The rules of a correction, shared by every edge: a reason is required, the new values are
/// read like an addition's, and the result is checked against the record without the milestone.
public enum MilestoneCorrection {
    /// The reason, trimmed; `invalid_input` (hint: the `reason` field) when missing or empty.
    public static func reason(_ text: String?) throws(JibangError) -> String {
        let reason = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw JibangError(
                .invalidInput, "a correction needs a reason, kept in the audit trail; say why (e.g. \"KCNA gives the 11th\")",
                location: InputLocation(file: "reason"), hint: .init(field: "reason"))
        }
        return reason
    }

    /// Milestone `id` with `change` applied, the division it moves to (nil when it stays) and
    /// the warnings of the same checks as an addition. `not_found` for an unknown id,
    /// `invalid_input` when nothing would change or a value is unreadable.
    public static func apply(
        _ change: MilestoneChange, toMilestone id: Int64, in sites: [Site], gazetteer: Gazetteer, today: Day
    ) throws(JibangError) -> (milestone: Milestone, divisionID: String?, warnings: [String]) {
        guard let site = sites.first(where: { $0.milestones.contains { $0.id == id } }), var milestone = site.milestones.first(where: { $0.id == id })
        else { throw JibangError.notFound("no milestone #\(id)", subject: "milestone #\(id)") }
        guard [change.event, change.date, change.status, change.place, change.facilities, change.note].contains(where: { $0 != nil }) else {
            throw JibangError.invalidInput(
                InputLocation(file: "milestone #\(id)"), "nothing to change; give an event, date, status, place, facilities or note")
        }
        if let event = change.event { (milestone.kind, milestone.detail) = try FieldRules.kind(event, at: InputLocation(file: "event")) }
        if let date = change.date { milestone.date = try FieldRules.date(date, at: InputLocation(file: "date")) }
        if let status = change.status { milestone.status = try FieldRules.status(status, at: InputLocation(file: "status")) }
        if let facilities = change.facilities { milestone.facilities = facilities }
        if let note = change.note { milestone.note = note.isEmpty ? nil : note }
        let division = try change.place.map { place throws(JibangError) in try gazetteer.resolve(idOrName: place, at: InputLocation(file: "place")) }
        let others = sites.map { s in Site(id: s.id, stageID: s.stageID, divisionID: s.divisionID, milestones: s.milestones.filter { $0.id != id }) }
        let entry = ProgrammeEntry(
            stageID: site.stageID, divisionID: division?.id ?? site.divisionID, milestone: milestone, origin: InputLocation(file: "milestone #\(id)"))
        let warnings = try RecordChecks.addition(entry, in: others, today: today, allowOverlap: true)
        return (milestone, division.map(\.id) == site.divisionID ? nil : division?.id, warnings)
    }
}

extension ProgrammeStore {
    /// Milestone `id` corrected by `change` under `MilestoneCorrection`'s rules and stored,
    /// audited with the change's reason: what every edge (CLI, API, site page) calls. Returns the
    /// milestone as stored and the warnings of the checks.
    public func correct(
        milestone id: Int64, with change: MilestoneChange, gazetteer: Gazetteer, today: Day
    ) async throws(JibangError) -> (milestone: Milestone, warnings: [String]) {
        let reason = try MilestoneCorrection.reason(change.reason)
        let (milestone, divisionID, warnings) = try MilestoneCorrection.apply(
            change, toMilestone: id, in: try await sites(), gazetteer: gazetteer, today: today)
        return (try await editMilestone(id: id, to: milestone, divisionID: divisionID, reason: reason), warnings)
    }
}
