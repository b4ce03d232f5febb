public import Foundation
public import JibangBase

/// The formats the programme can be read from and written to.
public enum ProgrammeFormat: String, Sendable, CaseIterable {
    case csv, json, geojson, kml

    /// The format a file name implies: `.json` → json, `.geojson` → geojson, `.kml` → kml, else csv.
    public static func inferred(from path: String) -> ProgrammeFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": .json
        case "geojson": .geojson
        case "kml": .kml
        default: .csv
        }
    }

    /// Reads entries from the text of a file in this format (GeoJSON is export-only).
    public func read(_ data: Data, file: String, gazetteer: Gazetteer) throws(JibangError) -> [ProgrammeEntry] {
        switch self {
        case .json:
            return try ProgrammeJSON.read(data, file: file, gazetteer: gazetteer)
        case .csv:
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalidInput(InputLocation(file: file), "not UTF-8 text; expected a CSV file saved as UTF-8")
            }
            return try ProgrammeCSV.read(text, file: file, gazetteer: gazetteer)
        case .geojson, .kml:
            throw .invalidInput(
                InputLocation(file: file), "\(rawValue) is an export format; import a CSV or Jibang JSON file instead")
        }
    }

    /// Writes the sites in this format; `asOf` is the day KML's phases are computed for, and
    /// `provenance` (which release or store state the record is) goes into JSON, GeoJSON and KML.
    public func write(_ sites: [Site], gazetteer: Gazetteer, asOf: Day = RecordChecks.today, provenance: String? = nil) -> String {
        switch self {
        case .csv: ProgrammeCSV.write(sites, gazetteer: gazetteer)
        case .json: ProgrammeJSON.write(sites, gazetteer: gazetteer, provenance: provenance)
        case .geojson: ProgrammeGeoJSON.write(sites, gazetteer: gazetteer, provenance: provenance)
        case .kml: ProgrammeKML.write(sites, gazetteer: gazetteer, asOf: asOf, provenance: provenance)
        }
    }
}

/// The bundled programme record as entries, ready to seed a store.
public enum BundledProgramme {
    public static func entries() throws(JibangError) -> [ProgrammeEntry] {
        try ProgrammeCSV.read(try BundledData.programmeCSV(), file: BundledData.programmeFile, gazetteer: try BundledData.gazetteer())
    }
}
