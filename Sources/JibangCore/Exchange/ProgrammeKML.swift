/// The sites as KML 2.2 for Google Earth and QGIS: a folder per stage (wave), a placemark per
/// site and per associated project at its division's coordinates, styled by wave (colour) and
/// status (size), with a description holding the timeline and the source links. A division
/// without coordinates gives a placemark without a point (the gap stays visible in the list).
/// Every string is escaped; the output is deterministic for the same data and as-of day.
public enum ProgrammeKML {
    /// Okabe–Ito colours as KML's aabbggrr, cycled over stages.
    static let colours = ["ffb27200", "ff005ed5", "ff739e00", "ffa779cc", "ff009fe6", "ffe9b456", "ff000000", "ff42e4f0"]

    /// The KML document. `asOf` is the day the phases are computed for (written into each placemark).
    public static func write(
        _ sites: [Site], gazetteer: Gazetteer, asOf: Day, title: String = "Regional Development 20×10 programme", provenance: String? = nil
    ) -> String {
        let exported = ProgrammeRecord.exported(sites)
        let stages = Programme.stages.filter { stage in exported.contains { $0.stageID == stage.id } }
        var out = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<kml xmlns="http://www.opengis.net/kml/2.2">"#,
            "<Document>",
            "<name>\(XMLText.escape(title))</name>",
            "<description>\(XMLText.escape("Sites of the 지방발전 20×10 policy from Jibang's sourced record; phases as of \(asOf)\(provenance.map { "; \($0)" } ?? ""). Each placemark lists its milestones and their sources."))</description>",
        ]
        for (index, stage) in stages.enumerated() {
            for progress in Site.Progress.allCases {
                let scale = progress == .completed ? "1.2" : progress == .underConstruction ? "1.0" : "0.8"
                out.append(
                    "<Style id=\"\(styleID(stage, progress))\"><IconStyle><color>\(colours[index % colours.count])</color><scale>\(scale)</scale><Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle></Style>"
                )
            }
        }
        for stage in stages {
            out.append("<Folder><name>\(XMLText.escape(stage.label))</name>")
            for site in exported where site.stageID == stage.id {
                guard let division = gazetteer.division(id: site.divisionID) else { continue }
                out.append(placemark(site, division: division, stage: stage, gazetteer: gazetteer, asOf: asOf))
            }
            out.append("</Folder>")
        }
        out += ["</Document>", "</kml>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func styleID(_ stage: Stage, _ progress: Site.Progress) -> String { "s-\(stage.id)-\(progress.rawValue)" }

    static func placemark(_ site: Site, division: Division, stage: Stage, gazetteer: Gazetteer, asOf: Day) -> String {
        let phase = SitePhase(site, asOf: asOf)
        let name = site.isWaveSite ? division.englishName : "\(division.englishName) (associated project)"
        let province = gazetteer.province(of: division)?.nameKCNA ?? ""
        var html = [
            "<p><b>\(XMLText.escape(division.englishName))</b> \(XMLText.escape(division.nameKo)) · \(XMLText.escape(province))</p>",
            "<p>\(XMLText.escape(stage.label)) · \(XMLText.escape(site.role.rawValue)) · status \(site.progress.rawValue) · phase \(phase.phase.rawValue) as of \(asOf)</p>",
            "<ul>",
        ]
        for milestone in site.timeline {
            let links = milestone.sources.map { source in
                let label = source.title ?? source.outlet ?? source.url
                return "<a href=\"\(XMLText.escape(source.url))\">\(XMLText.escape(label))</a>"
            }
            html.append(
                "<li>\(XMLText.escape(milestone.date.humanDescription)) — \(XMLText.escape(milestone.eventLabel)) (\(milestone.status.rawValue), \(milestone.grade.rawValue)): \(links.joined(separator: ", "))</li>"
            )
        }
        html.append("</ul>")
        let data: [(String, String)] = [
            ("division_id", division.id), ("name_ko", division.nameKo), ("province", province), ("stage", stage.id), ("role", site.role.rawValue),
            ("status", site.progress.rawValue), ("phase", phase.phase.rawValue), ("as_of", asOf.description),
        ]
        var lines = [
            "<Placemark>",
            "<name>\(XMLText.escape(name))</name>",
            // The description is HTML for the balloon: written as escaped text, which KML readers unescape.
            "<description>\(XMLText.escape(html.joined()))</description>",
            "<styleUrl>#\(styleID(stage, site.progress))</styleUrl>",
            "<ExtendedData>" + data.map { "<Data name=\"\($0.0)\"><value>\(XMLText.escape($0.1))</value></Data>" }.joined() + "</ExtendedData>",
        ]
        if let lat = division.lat, let lon = division.lon {
            lines.append("<Point><coordinates>\(lon),\(lat)</coordinates></Point>")
        }
        lines.append("</Placemark>")
        return lines.joined(separator: "\n")
    }
}
