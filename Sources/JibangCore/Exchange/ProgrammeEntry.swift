import Foundation
public import JibangBase

/// One milestone at one site as read from an input, with where it was read. Readers produce
/// entries; the store imports them all or none.
public struct ProgrammeEntry: Sendable, Hashable {
    public var stageID: String
    public var divisionID: String
    public var milestone: Milestone
    /// Where the entry was read (file, line, field), for error messages.
    public var origin: InputLocation

    public init(stageID: String, divisionID: String, milestone: Milestone, origin: InputLocation) {
        self.stageID = stageID
        self.divisionID = divisionID
        self.milestone = milestone
        self.origin = origin
    }

    /// What makes two milestones the same: site, kind and date.
    public var identity: MilestoneIdentity {
        MilestoneIdentity(stageID: stageID, divisionID: divisionID, kind: milestone.kind, date: milestone.date)
    }
}

/// The identity of a milestone: one event of one kind on one date at one site.
public struct MilestoneIdentity: Sendable, Hashable, CustomStringConvertible {
    public let stageID: String
    public let divisionID: String
    public let kind: Milestone.Kind
    public let date: MilestoneDate

    public init(stageID: String, divisionID: String, kind: Milestone.Kind, date: MilestoneDate) {
        self.stageID = stageID
        self.divisionID = divisionID
        self.kind = kind
        self.date = date
    }

    public var description: String { "\(kind.rawValue) on \(date) at \(divisionID) in stage \(stageID)" }
}

extension Array where Element == ProgrammeEntry {
    /// Throws `.duplicate` naming both places when two entries are the same milestone.
    public func checkNoDuplicates() throws(JibangError) {
        var seen: [MilestoneIdentity: InputLocation] = [:]
        var problems: [JibangError] = []
        for entry in self {
            if let first = seen[entry.identity] {
                problems.append(.duplicate(entry.origin, "\(entry.identity) is already given at \(first)"))
            } else {
                seen[entry.identity] = entry.origin
            }
        }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw .several(problems) }
    }

    /// Groups entries into sites, keeping first-seen order of sites and milestones.
    public func sites() -> [Site] {
        var order: [String] = []
        var sites: [String: Site] = [:]
        for entry in self {
            let key = "\(entry.stageID)|\(entry.divisionID)"
            if sites[key] == nil {
                order.append(key)
                sites[key] = Site(stageID: entry.stageID, divisionID: entry.divisionID)
            }
            sites[key]!.milestones.append(entry.milestone)
        }
        return order.map { sites[$0]! }
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable, Codable {
    public var file: String
    public var milestones: Int
    public var sitesCreated: Int
    public var sources: Int

    public init(file: String, milestones: Int, sitesCreated: Int, sources: Int) {
        self.file = file
        self.milestones = milestones
        self.sitesCreated = sitesCreated
        self.sources = sources
    }
}
