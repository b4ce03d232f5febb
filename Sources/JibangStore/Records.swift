import Foundation
import GRDB
import JibangCore

// Database records: one Codable struct per table, separate from the domain values the rest
// of Jibang uses. Column names are the snake_case of the property names.

struct DivisionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "division"
    var id: String
    var level: Int
    var kind: String
    var provinceId: String?
    var nameKo: String
    var nameKcna: String
    var nameRr: String
    var nameMr: String
    var lat: Double?
    var lon: Double?
    var aliases: String
    var source: String

    init(_ d: Division) {
        id = d.id
        level = d.level
        kind = d.kind.rawValue
        provinceId = d.provinceID
        nameKo = d.nameKo
        nameKcna = d.nameKCNA
        nameRr = d.nameRR
        nameMr = d.nameMR
        lat = d.lat
        lon = d.lon
        aliases = d.aliases.joined(separator: ";")
        source = d.source
    }

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

struct StageRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stage"
    var id: String
    var kind: String
    var year: Int
    var target: Int?
    var label: String

    init(_ s: Stage) {
        id = s.id
        kind = s.kind.rawValue
        year = s.year
        target = s.target
        label = s.label
    }
}

struct SiteRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "site"
    var id: Int64?
    var stageId: String
    var divisionId: String
    var role: String = Site.Role.wave.rawValue
    /// JSON `[{role, source}]`, or nil when no source reads the role.
    var roleReadings: String?

    var readings: [Site.RoleReading] { Site.RoleReading.stored(roleReadings) }

    static func encode(_ readings: [Site.RoleReading]) -> String? { Site.RoleReading.storedText(readings) }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

struct MilestoneRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "milestone"
    var id: Int64?
    var siteId: Int64
    var kind: String
    var date: String
    var datePrecision: String
    var dateEarliest: String?
    var dateLatest: String
    var status: String
    var detail: String?
    var facilities: String
    var note: String?
    var retractedAt: String?
    var retractionReason: String?

    init(_ m: Milestone, siteID: Int64) {
        id = nil
        siteId = siteID
        kind = m.kind.rawValue
        date = m.date.description
        datePrecision = m.date.precision.rawValue
        dateEarliest = m.date.earliest?.description
        dateLatest = m.date.latest.description
        status = m.status.rawValue
        detail = m.detail
        facilities = m.facilities
        note = m.note
        retractedAt = m.retraction?.at
        retractionReason = m.retraction?.reason
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

struct ActorRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "actor"
    var milestoneId: Int64
    var position: Int
    var name: String
    var kind: String

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}

struct SourceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "source"
    var milestoneId: Int64
    var position: Int
    var url: String
    var outlet: String?
    var title: String?
    var published: String?
    var language: String?
    var quote: String?
    var retractedAt: String?
    var retractionReason: String?
    var reading: String?

    init(_ s: Source, milestoneID: Int64, position: Int) {
        milestoneId = milestoneID
        self.position = position
        url = s.url
        outlet = s.outlet
        title = s.title
        published = s.published?.description
        language = s.language
        quote = s.quote
        retractedAt = s.retraction?.at
        retractionReason = s.retraction?.reason
        reading = s.reading?.description
    }

    var source: Source {
        Source(
            url: url, outlet: outlet, title: title, published: published.flatMap { Day(iso: $0) }, language: language, quote: quote,
            retraction: retractedAt.map { Milestone.Retraction(at: $0, reason: retractionReason ?? "") },
            reading: reading.flatMap { MilestoneDate($0) })
    }

    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
}
