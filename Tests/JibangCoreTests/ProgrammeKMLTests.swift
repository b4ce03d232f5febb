import Foundation
import JibangCore
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Issue 15: the KML export is well-formed XML that, parsed back, gives every exported site's
/// name and coordinates (from the gazetteer, read here independently of the writer).
@Suite struct ProgrammeKMLTests {
    /// The placemarks of a KML text: name, folder, coordinates and ExtendedData.
    final class Reader: NSObject, XMLParserDelegate {
        struct Placemark {
            var name = "", folder = "", coordinates = "", description = ""
            var data: [String: String] = [:]
        }

        var placemarks: [Placemark] = []
        var folders: [String] = []
        var styles = Set<String>()
        private var path: [String] = []
        private var text = ""
        private var current: Placemark?
        private var dataName: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            path.append(name)
            text = ""
            if name == "Placemark" { current = Placemark(folder: folders.last ?? "") }
            if name == "Data" { dataName = attributes["name"] }
            if name == "Style", let id = attributes["id"] { styles.insert(id) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            path.removeLast()
            switch name {
            case "name" where path.last == "Folder": folders.append(text)
            case "name" where path.last == "Placemark": current?.name = text
            case "description" where path.last == "Placemark": current?.description = text
            case "coordinates": current?.coordinates = text
            case "value": if let dataName { current?.data[dataName] = text }
            case "Placemark":
                if let current { placemarks.append(current) }
                current = nil
            default: break
            }
            text = ""
        }
    }

    @Test func placemarksGiveEverySitesNameAndCoordinates() throws {
        let gazetteer = try BundledData.gazetteer()
        let sites = try BundledProgramme.entries().sites()
        let kml = ProgrammeKML.write(sites, gazetteer: gazetteer, asOf: Day(iso: "2026-01-31")!)
        let parser = XMLParser(data: Data(kml.utf8))
        let reader = Reader()
        parser.delegate = reader
        #expect(parser.parse(), "well-formed: \(String(describing: parser.parserError))")
        #expect(kml.contains(#"xmlns="http://www.opengis.net/kml/2.2""#))
        #expect(reader.placemarks.count == sites.count)
        #expect(
            reader.folders == [
                "Kimhwa County pilot (2021–2022)", "2023 cabinet selection (1 city + 3 counties)", "2024 wave", "2025 wave", "2026 wave",
            ])
        for site in sites {
            let division = try #require(gazetteer.division(id: site.divisionID))
            let placemark = try #require(reader.placemarks.first { $0.data["division_id"] == site.divisionID && $0.data["stage"] == site.stageID })
            #expect(placemark.name.hasPrefix(division.englishName))
            if let lat = division.lat, let lon = division.lon {
                let parts = placemark.coordinates.split(separator: ",").compactMap { Double($0) }
                #expect(parts == [lon, lat], "\(division.englishName)")
            } else {
                #expect(placemark.coordinates.isEmpty)
            }
            #expect(placemark.data["role"] == site.role.rawValue)
            // Every source address is linked in the description (HTML, so & is written &amp;).
            for source in site.milestones.flatMap(\.sources) {
                #expect(placemark.description.contains("href=\"\(source.url.replacingOccurrences(of: "&", with: "&amp;"))\""))
            }
        }
        let farm = try #require(reader.placemarks.first { $0.name.hasPrefix("Rakwon County") })
        #expect(farm.name == "Rakwon County (associated project)" && farm.folder == "2025 wave")
        #expect(farm.data["phase"] == "inaugurated" && farm.data["as_of"] == "2026-01-31")
        // Every placemark's style exists.
        #expect(kml.matches(of: /<styleUrl>#([^<]+)<\/styleUrl>/).allSatisfy { reader.styles.contains(String($0.output.1)) })
    }

    @Test func markupInTheRecordIsEscaped() throws {
        let gazetteer = try BundledData.gazetteer()
        let site = Site(
            stageID: "2024", divisionID: "KP0310",
            milestones: [
                Milestone(
                    kind: .groundbreaking, date: .day(Day(iso: "2024-02-28")!),
                    sources: [Source(url: "https://example.org/?a=1&b=<2>", title: "</description><x>\"quoted\" & ]]>")])
            ])
        let kml = ProgrammeKML.write([site], gazetteer: gazetteer, asOf: Day(iso: "2024-03-01")!)
        let reader = Reader()
        let parser = XMLParser(data: Data(kml.utf8))
        parser.delegate = reader
        #expect(parser.parse())
        #expect(reader.placemarks.count == 1)
        #expect(reader.placemarks[0].description.contains("</description><x>") == false)
        #expect(reader.placemarks[0].description.contains("&lt;/description&gt;"), "the title is escaped inside the balloon's HTML")
    }
}
