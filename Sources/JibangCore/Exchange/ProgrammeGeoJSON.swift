/// The sites as a GeoJSON FeatureCollection: a point per site at its division's coordinates,
/// with its stage, year and progress. A division without coordinates gives a feature with a
/// null geometry (the gap stays visible), as RFC 7946 §3.2 allows.
public enum ProgrammeGeoJSON {
    struct Collection: Encodable {
        let type = "FeatureCollection"
        /// Which record this is (a foreign member, which RFC 7946 §6.1 allows).
        let provenance: String?
        let features: [Feature]
    }

    struct Feature: Encodable {
        let type = "Feature"
        let geometry: Point?
        let properties: Properties

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(geometry, forKey: .geometry)  // explicit null
            try container.encode(properties, forKey: .properties)
        }

        enum CodingKeys: String, CodingKey { case type, geometry, properties }
    }

    struct Point: Encodable {
        let type = "Point"
        let coordinates: [Double]
    }

    struct Properties: Encodable {
        let divisionId: String
        let nameKo: String
        let nameKcna: String
        let province: String?
        let stage: String
        let stageKind: String
        let year: Int
        let status: String
        /// "wave" or "associated".
        let role: String
        let groundbreaking: String?
        let inauguration: String?
        let milestones: Int
    }

    /// The GeoJSON text (deterministic for the same data).
    public static func write(_ sites: [Site], gazetteer: Gazetteer, provenance: String? = nil) -> String {
        let features = ProgrammeRecord.exported(sites).compactMap { site -> Feature? in
            guard let division = gazetteer.division(id: site.divisionID), let stage = Programme.stage(id: site.stageID) else { return nil }
            let point = division.lat.flatMap { lat in division.lon.map { Point(coordinates: [$0, lat]) } }
            let timeline = site.timeline
            return Feature(
                geometry: point,
                properties: Properties(
                    divisionId: division.id, nameKo: division.nameKo, nameKcna: division.nameKCNA,
                    province: gazetteer.province(of: division)?.nameKCNA, stage: stage.id, stageKind: stage.kind.rawValue,
                    year: stage.year, status: site.progress.rawValue, role: site.role.rawValue,
                    groundbreaking: timeline.first { $0.kind == .groundbreaking }?.date.description,
                    inauguration: timeline.first { $0.kind == .inauguration }?.date.description,
                    milestones: site.milestones.count))
        }
        return ProgrammeJSON.encode(Collection(provenance: provenance, features: features))
    }
}
