/// The shapes in which sites and places leave Jibang (CLI JSON and the HTTP API share them),
/// separate from the stored records.

/// One site on one line: what `jibang sites` and `GET /api/v1/sites` list.
public struct SiteSummary: Sendable, Encodable, Equatable {
    public let stage: String
    public let year: Int
    public let divisionId, name, nameKo: String
    public let province: String?
    public let status: String
    public let groundbreaking, inauguration: String?
    public let facilities: [String]
    public let pillars: [String]
    public let milestones: Int
    /// "wave" or "associated".
    public let role: String
    /// The site's phase on `as_of` (see `SitePhase`), and the furthest phase it reached.
    public let phase: String
    public let phaseReached: String
    public let asOf: String

    public init(_ site: Site, gazetteer: Gazetteer, asOf: Day = RecordChecks.today, stallMonths: Int = SitePhase.defaultStallMonths) {
        let phase = SitePhase(site, asOf: asOf, stallMonths: stallMonths)
        let division = gazetteer.division(id: site.divisionID)
        let timeline = site.timeline
        stage = site.stageID
        year = Programme.stage(id: site.stageID)?.year ?? 0
        divisionId = site.divisionID
        name = division?.englishName ?? site.divisionID
        nameKo = division?.nameKo ?? ""
        province = division.flatMap(gazetteer.province(of:))?.nameKCNA
        status = site.progress.rawValue
        groundbreaking = timeline.first { $0.kind == .groundbreaking && $0.hasHappened }?.date.description
        inauguration = timeline.first { $0.kind == .inauguration && $0.hasHappened }?.date.description
        facilities = site.facilities.map(\.kind.rawValue)
        pillars = site.pillars.sorted().map(\.rawValue)
        milestones = site.milestones.count
        role = site.role.rawValue
        self.phase = phase.phase.rawValue
        phaseReached = phase.reached.rawValue
        self.asOf = asOf.description
    }
}

/// A division's sites in full: timeline, facilities, pillars, sources.
public struct SiteDetail: Sendable, Encodable, Equatable {
    public struct Stage: Sendable, Encodable, Equatable {
        public let stage: String
        public let year: Int
        public let status: String
        public let pillars: [String]
        public let facilities: [Facility]
        public let milestones: [Milestone]
        /// "wave" or "associated", and the sources' readings when they give one.
        public let role: String
        public let roleReadings: [Site.RoleReading]
        /// The phase with its rule and the steps that decided it (`phase.as_of` is the day).
        public let phase: SitePhase
        public let phaseRule: String
    }

    public let divisionId, name, nameKo: String
    public let province: String?
    public let stages: [Stage]

    public init(
        division: Division, sites: [Site], gazetteer: Gazetteer, asOf: Day = RecordChecks.today, stallMonths: Int = SitePhase.defaultStallMonths
    ) {
        divisionId = division.id
        name = division.englishName
        nameKo = division.nameKo
        province = gazetteer.province(of: division)?.nameKCNA
        stages = sites.map { site in
            let phase = SitePhase(site, asOf: asOf, stallMonths: stallMonths)
            return Stage(
                stage: site.stageID, year: Programme.stage(id: site.stageID)?.year ?? 0, status: site.progress.rawValue,
                pillars: site.pillars.sorted().map(\.rawValue), facilities: site.facilities, milestones: site.timeline,
                role: site.role.rawValue, roleReadings: site.roleReadings, phase: phase, phaseRule: phase.phase.rule)
        }
    }
}

/// A division with every spelling and its coordinates: what a place look-up returns.
public struct PlaceMatch: Sendable, Encodable, Equatable {
    public let id, kind, nameKo, nameKcna, nameRr, nameMr: String
    public let level: Int
    public let province: String?
    public let provinceId: String?
    public let provinceKo: String?
    public let lat, lon: Double?
    public let aliases: [String]
    /// A same-named county across the border, when there is one.
    public let note: String?

    public init(_ d: Division, gazetteer: Gazetteer) {
        let province = d.level == 2 ? gazetteer.province(of: d) : nil
        id = d.id
        kind = d.kind.rawValue
        nameKo = d.nameKo
        nameKcna = d.nameKCNA
        nameRr = d.nameRR
        nameMr = d.nameMR
        level = d.level
        self.province = province?.nameKCNA
        provinceId = province?.id
        provinceKo = province?.nameKo
        lat = d.lat
        lon = d.lon
        aliases = d.aliases
        note = Namesakes.note(for: d)
    }
}
