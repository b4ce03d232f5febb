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
    /// The site's role when the input states it; nil leaves a stored site's role alone (a new
    /// site is a wave site).
    public var role: Site.Role?
    /// Sources' readings of the site's role, when the input gives them.
    public var roleReadings: [Site.RoleReading]

    public init(
        stageID: String, divisionID: String, milestone: Milestone, origin: InputLocation, role: Site.Role? = nil,
        roleReadings: [Site.RoleReading] = []
    ) {
        self.stageID = stageID
        self.divisionID = divisionID
        self.milestone = milestone
        self.origin = origin
        self.role = role
        self.roleReadings = roleReadings
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

    /// Throws `.invalidInput` naming both places when two entries give one site different roles
    /// or role readings.
    public func checkRolesAgree() throws(JibangError) {
        var seen: [String: ProgrammeEntry] = [:]
        for entry in self where entry.role != nil || !entry.roleReadings.isEmpty {
            let key = "\(entry.stageID)|\(entry.divisionID)"
            if let first = seen[key] {
                if first.role != entry.role || first.roleReadings != entry.roleReadings {
                    throw .invalidInput(
                        entry.origin,
                        "found role \(entry.role?.rawValue ?? "(none)") for \(entry.divisionID) in stage \(entry.stageID), but \(first.origin) gives \(first.role?.rawValue ?? "(none)") with other readings; give every row of a site the same role and role_readings"
                    )
                }
            } else {
                seen[key] = entry
            }
        }
    }

    /// Groups entries into sites, keeping first-seen order of sites and milestones; a site takes
    /// the role its entries state (wave when none does).
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
            if let role = entry.role { sites[key]!.role = role }
            if !entry.roleReadings.isEmpty { sites[key]!.roleReadings = entry.roleReadings }
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

extension ImportSummary {
    /// What the audit trail keeps of an import of `file` (its SHA-256 when read from one): the
    /// same on every engine.
    public func audited(sha256: String?) -> JSONValue {
        .object([
            "file": .string(file), "sha256": sha256.map(JSONValue.string) ?? .null, "milestones": .number(Double(milestones)),
            "sites_created": .number(Double(sitesCreated)), "sources": .number(Double(sources)),
        ])
    }

    /// What the audit trail keeps of seeding a store with the bundled record.
    public func auditedSeed(sha256: String) -> JSONValue {
        .object([
            "file": .string(BundledData.programmeFile), "sha256": .string(sha256), "milestones": .number(Double(milestones)),
            "sources": .number(Double(sources)),
        ])
    }
}
