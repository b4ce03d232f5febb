import KoreanText

/// An administrative unit of North Korea: one of the 13 provincial-level units (level 1) or one
/// of the ~200 cities, counties and districts below them (level 2).
public struct Division: Sendable, Hashable, Codable, Identifiable {
    /// What kind of unit a division is, as the gazetteer's `kind` column names it.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case province
        case directlyGovernedCity = "directly-governed-city"
        case specialCity = "special-city"
        case city, county, district, area
    }

    /// Stable gazetteer id, e.g. "KP0409" (Kimhwa County) or "KP04" (Kangwon Province).
    public let id: String
    /// 1 for provincial-level units, 2 for cities, counties and districts.
    public let level: Int
    public let kind: Kind
    /// The level-1 unit a level-2 unit belongs to now; nil for level-1 units.
    public let provinceID: String?
    /// North Korean Hangul with the unit suffix (김화군).
    public let nameKo: String
    /// The spelling KCNA's English service uses (Kimhwa).
    public let nameKCNA: String
    /// Revised Romanization of the South Korean reading (Gimhwa).
    public let nameRR: String
    /// McCune–Reischauer with breves and apostrophes (Kimhwa, P'yŏngsŏng).
    public let nameMR: String
    /// WGS84 coordinates; nil where no citable point was found (10 districts).
    public let lat: Double?
    public let lon: Double?
    /// Other spellings: former names, South Korean Hangul, media variants.
    public let aliases: [String]
    /// Source tags from the gazetteer (see divisions-sources.md).
    public let source: String

    public init(
        id: String, level: Int, kind: Kind, provinceID: String?, nameKo: String, nameKCNA: String,
        nameRR: String, nameMR: String, lat: Double?, lon: Double?, aliases: [String], source: String
    ) {
        self.id = id
        self.level = level
        self.kind = kind
        self.provinceID = provinceID
        self.nameKo = nameKo
        self.nameKCNA = nameKCNA
        self.nameRR = nameRR
        self.nameMR = nameMR
        self.lat = lat
        self.lon = lon
        self.aliases = aliases
        self.source = source
    }

    /// Every spelling the division is known by, the primary names first.
    public var allNames: [String] { [nameKo, nameKCNA, nameRR, nameMR] + aliases }

    /// The English label KCNA would use: "Kimhwa County", "Kusong City", "North Phyongan Province".
    public var englishName: String {
        switch kind {
        case .county: "\(nameKCNA) County"
        case .city: "\(nameKCNA) City"
        case .district: "\(nameKCNA) District"
        case .area: "\(nameKCNA) Area"
        case .province: "\(nameKCNA) Province"
        case .directlyGovernedCity, .specialCity: "\(nameKCNA) City"
        }
    }

    /// The unit suffix this division's kind answers to, for narrowing a look-up.
    var unitSuffix: UnitSuffix {
        switch kind {
        case .province, .directlyGovernedCity, .specialCity: .province
        case .city: .city
        case .county: .county
        case .district: .district
        case .area: .area
        }
    }
}
