/// Progress of the programme against its targets: per stage, cumulative coverage of the ~200
/// cities and counties, and coverage by province. A pure function of the sites and the
/// gazetteer; the shape is the contract of `jibang status --format json`.
public struct ProgrammeStatus: Sendable, Codable, Equatable {
    /// One stage's figures.
    public struct Wave: Sendable, Codable, Equatable {
        public let stageId: String
        /// "pilot", "precursor" or "20x10".
        public let stage: String
        public let year: Int
        public let label: String
        public let target: Int?
        /// Wave sites (divisions) named in the stage: what the target counts. Associated
        /// projects are not among them.
        public let sites: Int
        /// Associated projects of the stage (shown and sourced, never counted), by name.
        public let associatedProjects: [String]
        /// Wave sites per phase on `as_of` (phases with none are left out).
        public let phases: [String: Int]
        /// Wave sites with at least one groundbreaking / inauguration.
        public let groundbreakings: Int
        public let inaugurations: Int
        /// Median days from groundbreaking to inauguration over the sites where both are known
        /// to the day (`timedSites` of them); nil when there are none.
        public let medianDaysToInauguration: Double?
        public let timedSites: Int
        /// Sites without any dated inauguration, by name.
        public let withoutDatedInauguration: [String]
        /// Distinct divisions in 20×10 waves up to this one (nil for pilot and precursor).
        public let cumulativeDivisions: Int?
    }

    /// A province's share of the programme.
    public struct ProvinceCoverage: Sendable, Codable, Equatable {
        public let provinceId: String
        public let name: String
        public let nameKo: String
        /// Cities, counties and districts the province has.
        public let divisions: Int
        /// Of those, how many are in a 20×10 wave.
        public let covered: Int
        /// 20×10 sites per wave year.
        public let sitesByYear: [String: Int]
    }

    public let waves: [Wave]
    /// Distinct divisions in any 20×10 wave, against the programme's total target.
    public let covered: Int
    public let target: Int
    /// Level-2 units in the gazetteer (the ~200 the target refers to) — within the province
    /// filter when one is given.
    public let divisionsInGazetteer: Int
    public let provinces: [ProvinceCoverage]
    /// The province filter applied, if any.
    public let province: String?
    /// Which record the figures show: the newest day the record speaks of, a source's
    /// publication day or a milestone's (latest possible) day, over the whole store (a planned
    /// milestone's date is not news yet); nil when empty.
    public let recordAsOf: String?
    /// The bundled programme record the store was seeded with ("20x10-sites.csv@digest"), or
    /// "skipped"; nil when the caller does not know.
    public let bundledData: String?
    /// The lowest source grade counted ("state-media", "relay"), when the figures were limited to it.
    public let minGrade: String?
    /// Counted groundbreakings and inaugurations whose date rests on secondary sources only.
    public let secondaryOnlyDates: [DateCaution]
    /// Counted groundbreakings and inaugurations whose sources give dates that cannot be the same day.
    public let disputedDates: [DateCaution]
    /// Sites whose sources disagree on whether they are wave sites, with the reading the counts use.
    public let roleDisputes: [RoleDispute]
    /// The day the phases are computed for.
    public let asOf: String
    /// Months without a report after which a site not inaugurated is stalled.
    public let stallMonths: Int

    /// A site whose role the sources read differently.
    public struct RoleDispute: Sendable, Codable, Equatable {
        public let divisionId: String
        public let place: String
        public let stage: String
        /// The reading the counts use.
        public let countedAs: String
        public let readings: [Site.RoleReading]
    }

    /// A counted date an analyst should treat with care, and why.
    public struct DateCaution: Sendable, Codable, Equatable {
        public let milestoneId: Int64?
        public let divisionId: String
        public let place: String
        public let stage: String
        public let event: String
        public let date: String
        /// For a disagreement: each date with the addresses that give it, the milestone's own first.
        public let readings: [Milestone.DateReading]?
    }

    /// Computes the figures. `year` keeps only stages of that year; `provinceID` keeps only
    /// sites in that province; `throughYear` lists empty waves up to that year too.
    /// O(sites × milestones).
    public init(
        sites allSites: [Site], gazetteer: Gazetteer, year: Int? = nil, provinceID: String? = nil, throughYear: Int? = nil,
        bundledData: String? = nil, minGrade: SourceGrade? = nil, asOf: Day = RecordChecks.today,
        stallMonths: Int = SitePhase.defaultStallMonths
    ) {
        func provinceOf(_ site: Site) -> String? { gazetteer.provinceID(ofDivision: site.divisionID) }
        // With a minimum grade, a milestone counts only when a source of that grade reports it.
        let graded = minGrade.map { min in
            allSites.map { site in
                var site = site
                site.milestones = site.milestones.filter { $0.grade >= min }
                return site
            }
        }
        let sites = SiteFilter(provinceID: provinceID).apply(graded ?? allSites, gazetteer: gazetteer)
        self.minGrade = minGrade?.rawValue
        let lastYear = max(throughYear ?? 0, sites.compactMap { Programme.stage(id: $0.stageID)?.year }.max() ?? 0)
        let stages = Programme.stages.filter { stage in
            (year == nil || stage.year == year) && (sites.contains { $0.stageID == stage.id } || (stage.kind == .wave && stage.year <= lastYear))
        }
        var cumulative = Set<String>()
        var waves: [Wave] = []
        for stage in Programme.stages {
            let all = sites.filter { $0.stageID == stage.id }
            let inStage = all.filter(\.isWaveSite)
            if stage.kind == .wave { cumulative.formUnion(inStage.map(\.divisionID)) }
            guard stages.contains(stage) else { continue }
            let durations = inStage.compactMap(\.daysToInauguration)
            waves.append(
                Wave(
                    stageId: stage.id, stage: stage.kind.rawValue, year: stage.year, label: stage.label, target: stage.target,
                    sites: Set(inStage.map(\.divisionID)).count,
                    associatedProjects: all.filter { !$0.isWaveSite }.compactMap { gazetteer.division(id: $0.divisionID)?.englishName }.sorted(),
                    phases: Dictionary(grouping: inStage, by: { SitePhase($0, asOf: asOf, stallMonths: stallMonths).phase.rawValue })
                        .mapValues(\.count),
                    groundbreakings: inStage.filter { $0.has(.groundbreaking) }.count,
                    inaugurations: inStage.filter { $0.has(.inauguration) }.count,
                    medianDaysToInauguration: Self.median(durations), timedSites: durations.count,
                    withoutDatedInauguration: inStage.filter { !$0.has(.inauguration) }
                        .compactMap { gazetteer.division(id: $0.divisionID)?.englishName }.sorted(),
                    cumulativeDivisions: stage.kind == .wave ? cumulative.count : nil))
        }
        self.waves = waves
        let waveSites = sites.filter { Programme.stage(id: $0.stageID)?.kind == .wave && $0.isWaveSite }
        covered = Set(waveSites.map(\.divisionID)).count
        target = Programme.totalTarget
        divisionsInGazetteer = gazetteer.localUnits.filter { provinceID == nil || $0.provinceID == provinceID }.count
        provinces = gazetteer.provinces.filter { provinceID == nil || $0.id == provinceID }.map { province in
            let local = waveSites.filter { provinceOf($0) == province.id }
            return ProvinceCoverage(
                provinceId: province.id, name: province.nameKCNA, nameKo: province.nameKo,
                divisions: gazetteer.localUnits.filter { $0.provinceID == province.id }.count,
                covered: Set(local.map(\.divisionID)).count,
                sitesByYear: Dictionary(grouping: local, by: \.stageID).mapValues(\.count))
        }
        province = provinceID
        let days = allSites.flatMap {
            $0.milestones.flatMap { ($0.hasHappened ? [$0.date.latest] : []) + $0.sources.compactMap(\.published) }
        }
        recordAsOf = days.max()?.description
        self.bundledData = bundledData
        var secondary: [DateCaution] = []
        var disputed: [DateCaution] = []
        for site in sites where site.isWaveSite && stages.contains(where: { $0.id == site.stageID }) {
            for m in site.timeline where m.hasHappened && (m.kind == .groundbreaking || m.kind == .inauguration) {
                func caution(_ readings: [Milestone.DateReading]?) -> DateCaution {
                    DateCaution(
                        milestoneId: m.id, divisionId: site.divisionID,
                        place: gazetteer.division(id: site.divisionID)?.englishName ?? site.divisionID,
                        stage: site.stageID, event: m.kind.rawValue, date: m.date.description, readings: readings)
                }
                if m.restsOnSecondaryOnly { secondary.append(caution(nil)) }
                if m.datesDisagree { disputed.append(caution(m.dateReadings)) }
            }
        }
        secondaryOnlyDates = secondary
        disputedDates = disputed
        roleDisputes = sites.filter { site in site.roleDisputed && stages.contains { $0.id == site.stageID } }.map { site in
            RoleDispute(
                divisionId: site.divisionID, place: gazetteer.division(id: site.divisionID)?.englishName ?? site.divisionID, stage: site.stageID,
                countedAs: site.role.rawValue, readings: site.roleReadings)
        }
        self.asOf = asOf.description
        self.stallMonths = stallMonths
    }

    /// The median of `values`; nil when empty. The mean of the middle two for an even count.
    static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
    }
}
