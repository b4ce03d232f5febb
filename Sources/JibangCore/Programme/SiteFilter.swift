/// Which sites a question is about: a stage year, a province, a progress state. Every unset
/// field lets all sites through.
public struct SiteFilter: Sendable, Equatable {
    /// Keep sites of the stage(s) of this year (2021 pilot, 2023 precursor, 2024–2033 waves).
    public var year: Int?
    /// Keep sites whose division lies in this provincial-level unit (gazetteer id).
    public var provinceID: String?
    public var progress: Site.Progress?

    public init(year: Int? = nil, provinceID: String? = nil, progress: Site.Progress? = nil) {
        self.year = year
        self.provinceID = provinceID
        self.progress = progress
    }

    /// The sites that pass, in their given order. O(n).
    public func apply(_ sites: [Site], gazetteer: Gazetteer) -> [Site] {
        sites.filter { site in
            (year == nil || Programme.stage(id: site.stageID)?.year == year)
                && (provinceID == nil || gazetteer.provinceID(ofDivision: site.divisionID) == provinceID)
                && (progress == nil || site.progress == progress)
        }
    }
}

extension Gazetteer {
    /// The id of the provincial-level unit a division lies in (its own id for a level-1 unit).
    public func provinceID(ofDivision id: String) -> String? {
        division(id: id).map { $0.provinceID ?? $0.id }
    }
}
