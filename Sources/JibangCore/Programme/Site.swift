/// A site: one division in one stage of the programme, with its milestones.
///
/// The same county can be a site twice (Kusong: factories in 2024, a hospital in 2025).
public struct Site: Sendable, Hashable, Codable {
    /// Where the site stands in its life, derived from its milestones.
    public enum Progress: String, Sendable, Codable, CaseIterable {
        /// Selected, no work reported.
        case planned
        /// Ground broken, visited or framework completed; not yet inaugurated.
        case underConstruction = "under-construction"
        /// Inaugurated or reported in operation.
        case completed
    }

    /// The store's id; nil until stored.
    public var id: Int64?
    public var stageID: String
    public var divisionID: String
    public var milestones: [Milestone]
    /// A wave site or an associated project (see `Role`); the reading the counts use.
    public var role: Role
    /// Every source's reading of the role, when sources say (empty when none does).
    public var roleReadings: [RoleReading]

    public init(
        id: Int64? = nil, stageID: String, divisionID: String, milestones: [Milestone] = [], role: Role = .wave,
        roleReadings: [RoleReading] = []
    ) {
        self.id = id
        self.stageID = stageID
        self.divisionID = divisionID
        self.milestones = milestones
        self.role = role
        self.roleReadings = roleReadings
    }

    enum CodingKeys: String, CodingKey {
        case id, stageID, divisionID, milestones, role, roleReadings
    }

    /// Reads sites written before roles existed as wave sites.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int64.self, forKey: .id)
        stageID = try c.decode(String.self, forKey: .stageID)
        divisionID = try c.decode(String.self, forKey: .divisionID)
        milestones = try c.decode([Milestone].self, forKey: .milestones)
        role = try c.decodeIfPresent(Role.self, forKey: .role) ?? .wave
        roleReadings = try c.decodeIfPresent([RoleReading].self, forKey: .roleReadings) ?? []
    }

    /// The milestones in timeline order (see `MilestoneDate.<`).
    public var timeline: [Milestone] {
        milestones.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }

    /// The milestones that have happened: every one but the planned.
    public var happened: [Milestone] { milestones.filter(\.hasHappened) }

    /// Derived from the milestones that have happened; a planned inauguration does not complete a site.
    public var progress: Progress {
        let kinds = Set(happened.map(\.kind))
        if !kinds.isDisjoint(with: [.inauguration, .inOperation]) { return .completed }
        if !kinds.isDisjoint(with: [.groundbreaking, .leaderVisit, .officialVisit, .frameworkCompleted]) { return .underConstruction }
        return .planned
    }

    /// True when some milestone of `kind` has happened (planned ones do not count).
    public func has(_ kind: Milestone.Kind) -> Bool { happened.contains { $0.kind == kind } }

    /// Days from the first groundbreaking known to the day to the first inauguration known to
    /// the day on or after it; nil when either is missing (gaps are not filled).
    public var daysToInauguration: Int? {
        guard let start = happened.filter({ $0.kind == .groundbreaking }).compactMap(\.date.exactDay).min(),
            let end = happened.filter({ $0.kind == .inauguration }).compactMap(\.date.exactDay).filter({ $0 >= start }).min()
        else { return nil }
        return start.days(to: end)
    }

    /// The facilities the site's milestones name, merged by kind and name.
    public var facilities: [Facility] {
        Facility.merge(timeline.flatMap { milestone in FacilityParser.parse(milestone.facilities) })
    }

    /// The pillars of a regional innovation system the site's facilities give it.
    public var pillars: Set<Pillar> { Set(facilities.compactMap(\.kind.pillar)) }

    /// The same site without store ids, for comparing content across stores.
    public var content: Site {
        Site(stageID: stageID, divisionID: divisionID, milestones: timeline.map(\.content), role: role, roleReadings: roleReadings)
    }
}

/// The pillars of a county's "regional innovation system" (an interpretation from the 38 North
/// analysis, labelled so): production, training, research and — as reporting widened in
/// 2025 — health care.
public enum Pillar: String, Sendable, Codable, CaseIterable, Comparable {
    case industry, education, research, health

    public static func < (a: Pillar, b: Pillar) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
