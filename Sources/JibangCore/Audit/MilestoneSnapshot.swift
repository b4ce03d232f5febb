import Foundation

/// A milestone with its place, as the audit trail keeps it before and after a correction:
/// `{stage, division_id, milestone}`. Written by the store, read back by the rules that must
/// respect an analyst's corrections (a newer bundled record never re-adds what was edited away).
public struct MilestoneSnapshot: Sendable, Codable, Equatable {
    public let stage: String
    public let divisionID: String
    public let milestone: Milestone

    enum CodingKeys: String, CodingKey {
        case stage
        case divisionID = "division_id"
        case milestone
    }

    public init(_ milestone: Milestone, site: Site) {
        stage = site.stageID
        divisionID = site.divisionID
        self.milestone = milestone
    }

    /// Reads a snapshot back from an audit entry's before or after value; nil when it is not one.
    public init?(_ value: JSONValue?) {
        guard let value, let data = try? JSONEncoder().encode(value),
            let snapshot = try? JSONDecoder().decode(MilestoneSnapshot.self, from: data)
        else { return nil }
        self = snapshot
    }

    /// The snapshot as the audit trail stores it.
    public var json: JSONValue? { JSONValue.of(self) }
}
