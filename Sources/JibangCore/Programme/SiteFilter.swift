public import JibangBase

/// Which sites a question is about: a stage year, a province, a progress state. Every unset
/// field lets all sites through.
public struct SiteFilter: Sendable, Equatable {
    /// Keep sites of the stage(s) of this year (2021 pilot, 2023 precursor, 2024–2033 waves).
    public var year: Int?
    /// Keep sites whose division lies in this provincial-level unit (gazetteer id).
    public var provinceID: String?
    public var progress: Site.Progress?
    /// Keep sites in this phase on `asOf` (see `SitePhase`).
    public var phase: SitePhase.Phase?
    public var asOf: Day
    public var stallMonths: Int
    /// Keep wave sites or associated projects.
    public var role: Site.Role?

    public init(
        year: Int? = nil, provinceID: String? = nil, progress: Site.Progress? = nil, phase: SitePhase.Phase? = nil,
        asOf: Day = RecordChecks.today, stallMonths: Int = SitePhase.defaultStallMonths, role: Site.Role? = nil
    ) {
        self.year = year
        self.provinceID = provinceID
        self.progress = progress
        self.phase = phase
        self.asOf = asOf
        self.stallMonths = stallMonths
        self.role = role
    }

    /// The sites that pass, in their given order. O(n).
    public func apply(_ sites: [Site], gazetteer: Gazetteer) -> [Site] {
        sites.filter { site in
            (year == nil || Programme.stage(id: site.stageID)?.year == year)
                && (provinceID == nil || gazetteer.provinceID(ofDivision: site.divisionID) == provinceID)
                && (progress == nil || site.progress == progress)
                && (role == nil || site.role == role)
                && (phase == nil || SitePhase(site, asOf: asOf, stallMonths: stallMonths).phase == phase)
        }
    }
}

extension Gazetteer {
    /// The id of the provincial-level unit a division lies in (its own id for a level-1 unit).
    public func provinceID(ofDivision id: String) -> String? {
        division(id: id).map { $0.provinceID ?? $0.id }
    }
}

/// Picks one of a place's sites by stage, for commands that change one site.
public enum StageChoice {
    /// The site of `stage` (a stage id or a year) among a place's sites; the only one when no
    /// stage is given. Errors say which stages the place has.
    public static func site(among sites: [Site], stage: String?, place: String) throws(JibangError) -> Site {
        let stages = sites.map(\.stageID).joined(separator: ", ")
        guard !sites.isEmpty else {
            throw .notFound("\(place) is not a programme site; the status lists the sites", subject: place)
        }
        guard let stage else {
            guard sites.count == 1 else {
                throw .invalidInput(InputLocation(file: place), "it is a site in several stages (\(stages)); name one of them as the stage")
            }
            return sites[0]
        }
        let wanted = Programme.stage(matching: stage)?.id ?? stage
        guard let site = sites.first(where: { $0.stageID == wanted }) else {
            throw .notFound("\(place) is no site in stage \(stage); it is one in \(stages)", subject: place)
        }
        return site
    }
}
