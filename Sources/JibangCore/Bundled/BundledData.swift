import Foundation
public import JibangBase

/// The reference data that ships with Jibang: the gazetteer (`divisions.csv`, CC-BY-4.0,
/// open-admin-data) and the sourced programme record (`20x10-sites.csv`). See
/// `Resources/Bundled/SOURCES.md` for attribution.
public enum BundledData {
    /// The text of a bundled file, compiled into the binary (see the EmbedResources plugin).
    public static func text(_ name: String) throws(JibangError) -> String {
        guard let text = EmbeddedResources.files["Bundled/\(name)"] else {
            throw .storage("the bundled file \(name) is not compiled into this binary; rebuild Jibang from a complete checkout")
        }
        return text
    }

    /// The bundled gazetteer, parsed once per process.
    public static func gazetteer() throws(JibangError) -> Gazetteer {
        try cachedGazetteer.get()
    }

    /// The bundled programme record's CSV text.
    public static func programmeCSV() throws(JibangError) -> String {
        try text(programmeFile)
    }

    /// File names, as shown in messages and kept in the store's seed marker.
    public static let divisionsFile = "divisions.csv"
    public static let programmeFile = "20x10-sites.csv"

    private static let cachedGazetteer: Result<Gazetteer, JibangError> = Result(catching: { () throws(JibangError) in
        Gazetteer(divisions: try DivisionsCSV.parse(try text(divisionsFile), file: divisionsFile))
    })
}
