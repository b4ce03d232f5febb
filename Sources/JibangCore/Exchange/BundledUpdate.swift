/// What applying a newer bundled record did. It adds what the store lacks and never touches an
/// analyst's work: a milestone an analyst edited or retracted gains nothing, and a bundled row
/// whose milestone an analyst edited away (a tombstone) is not added again.
public struct BundledUpdate: Sendable, Equatable, Codable {
    public var bundle: String
    public var milestonesAdded = 0
    public var sourcesAdded = 0
    /// Bundled rows left alone because an analyst edited or retracted their milestone.
    public var leftForAnalysts = 0
    /// Stored sites whose role (wave or associated) or role readings the record changed.
    public var rolesSet = 0
    /// SHA-256 (hex) of the record's file, for the audit trail.
    public var sha256: String?

    public init(bundle: String, sha256: String? = nil) {
        self.bundle = bundle
        self.sha256 = sha256
    }
}

/// What a newer record adds to the stored one: pure rules, applied by a store in one
/// transaction. A row matches a stored milestone by stage, place, kind and date.
/// - A matching milestone an analyst edited or retracted gains nothing.
/// - Otherwise it gains the row's sources it does not cite yet.
/// - A row no milestone matches is added, unless an analyst edited a milestone away from
///   exactly that stage, place, kind and date (the audit's before-values are the tombstones).
public struct BundledUpdatePlan: Sendable {
    /// A source for a stored milestone.
    public struct SourceAddition: Sendable, Equatable {
        public let milestoneID: Int64
        public let source: Source

        public init(milestoneID: Int64, source: Source) {
            self.milestoneID = milestoneID
            self.source = source
        }
    }

    /// A stored site's role as the record gives it.
    public struct RoleChange: Sendable, Equatable {
        public let siteID: Int64
        public let role: Site.Role
        public let readings: [Site.RoleReading]
    }

    /// Rows to add as new milestones (a row at a stored site leaves its role to `roles`).
    public private(set) var entries: [ProgrammeEntry] = []
    /// Stored sites whose role the record states otherwise; never one an analyst set.
    public private(set) var roles: [RoleChange] = []
    public private(set) var sources: [SourceAddition] = []
    /// Rows left alone because an analyst edited or retracted their milestone.
    public private(set) var leftForAnalysts = 0

    /// `corrections`: the audit trail's milestone edits and retractions and site role changes
    /// (other entries are ignored).
    public init(_ record: [ProgrammeEntry], sites: [Site], corrections: [AuditEntry]) {
        let roleSetByAnalyst = Set(corrections.filter { $0.entity == "site" && $0.action == "role" }.compactMap { $0.entityID.flatMap { Int64($0) } })
        for entry in record where entry.role != nil {
            guard let site = sites.first(where: { $0.stageID == entry.stageID && $0.divisionID == entry.divisionID }), let id = site.id,
                !roleSetByAnalyst.contains(id), site.role != entry.role || !entry.roleReadings.isEmpty && site.roleReadings != entry.roleReadings,
                !roles.contains(where: { $0.siteID == id })
            else { continue }
            roles.append(RoleChange(siteID: id, role: entry.role!, readings: entry.roleReadings))
        }
        let analysed = corrections.filter { $0.entity == "milestone" && ($0.action == "edit" || $0.action == "retract") }
        let touched = Set(analysed.compactMap { $0.entityID.flatMap { Int64($0) } })
        let tombstones = Set(analysed.compactMap { MilestoneSnapshot($0.before).map(Self.identity) })
        var cited = Set<String>()
        for entry in record {
            let identity = Self.identity(stage: entry.stageID, division: entry.divisionID, entry.milestone)
            let existing = sites.lazy.flatMap { site in
                site.milestones.lazy.filter { Self.identity(stage: site.stageID, division: site.divisionID, $0) == identity }
            }.first
            if let existing, let id = existing.id {
                if touched.contains(id) {
                    leftForAnalysts += 1
                    continue
                }
                for source in entry.milestone.sources
                where !existing.sources.contains(where: { $0.url == source.url }) && cited.insert("\(id) \(source.url)").inserted {
                    sources.append(SourceAddition(milestoneID: id, source: source))
                }
            } else if tombstones.contains(identity) {
                leftForAnalysts += 1
            } else if sites.contains(where: { $0.stageID == entry.stageID && $0.divisionID == entry.divisionID }) {
                var entry = entry
                entry.role = nil
                entry.roleReadings = []
                entries.append(entry)
            } else {
                entries.append(entry)
            }
        }
    }

    static func identity(_ snapshot: MilestoneSnapshot) -> String {
        identity(stage: snapshot.stage, division: snapshot.divisionID, snapshot.milestone)
    }

    static func identity(stage: String, division: String, _ milestone: Milestone) -> String {
        [stage, division, milestone.kind.rawValue, milestone.date.description].joined(separator: "|")
    }
}
