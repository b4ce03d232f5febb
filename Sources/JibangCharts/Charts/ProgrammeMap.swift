import Foundation
public import JibangCore

/// An SVG map of North Korea: the country's outline (Natural Earth, compiled in), every city and
/// county as a grey dot at its gazetteer coordinates, province names, and programme sites
/// coloured by wave and filled by status.
public enum ProgrammeMap {
    static let colours = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The map as SVG text: pure, deterministic, every name escaped. Each site links to `/sites/ID`.
    /// `highlight` (a division id) is ringed and named: the dossier's "where".
    public static func svg(sites: [Site], gazetteer: Gazetteer, highlight: String? = nil) -> String {
        let (west, east, south, north) = (124.0, 131.0, 37.5, 43.1)
        let width = 560.0
        let height = 560.0 * (north - south) / ((east - west) * cos(40.0 * .pi / 180))
        func x(_ lon: Double) -> Double { (lon - west) / (east - west) * width }
        func y(_ lat: Double) -> Double { (north - lat) / (north - south) * height }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"Map of programme sites\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#f3f6fa\"/>"
        // The country's outline (Natural Earth, public domain), under everything else.
        let outline = CountryOutline.northKorea.map { "\(n(x($0.lon))),\(n(y($0.lat)))" }.joined(separator: " ")
        svg +=
            "<polygon points=\"\(outline)\" fill=\"#ffffff\" stroke=\"#9aa5b5\" stroke-width=\"1.2\" stroke-linejoin=\"round\"><title>North Korea (outline: Natural Earth 1:110m, public domain)</title></polygon>"
        for d in gazetteer.localUnits {
            if let lat = d.lat, let lon = d.lon {
                svg +=
                    "<circle cx=\"\(n(x(lon)))\" cy=\"\(n(y(lat)))\" r=\"2.2\" fill=\"#c4cbd6\"><title>\(SVG.escape(d.englishName + " " + d.nameKo))</title></circle>"
            }
        }
        for p in gazetteer.provinces {
            if let lat = p.lat, let lon = p.lon {
                svg += "<text x=\"\(n(x(lon)))\" y=\"\(n(y(lat)))\" fill=\"#8a93a3\" text-anchor=\"middle\">\(SVG.escape(p.nameKCNA))</text>"
            }
        }
        let years = Array(Set(sites.compactMap { Programme.stage(id: $0.stageID)?.year })).sorted()
        for site in sites.sorted(by: { $0.stageID < $1.stageID }) {
            guard let d = gazetteer.division(id: site.divisionID), let lat = d.lat, let lon = d.lon,
                let year = Programme.stage(id: site.stageID)?.year
            else { continue }
            let colour = colours[(years.firstIndex(of: year) ?? 0) % colours.count]
            let dates = site.timeline.map { "\($0.eventLabel) \($0.date.humanDescription)" }.joined(separator: "; ")
            let title = SVG.escape("\(d.englishName) (\(d.nameKo)), \(year): \(site.progress.rawValue). \(dates)")
            let (r, fill) = site.progress == .completed ? (6.0, colour) : site.progress == .underConstruction ? (4.5, colour) : (4.5, "none")
            svg +=
                "<a href=\"/sites/\(SVG.escape(d.id))\"><circle cx=\"\(n(x(lon)))\" cy=\"\(n(y(lat)))\" r=\"\(n(r))\" fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(title)</title></circle></a>"
        }
        if let highlight, let d = gazetteer.division(id: highlight), let lat = d.lat, let lon = d.lon {
            svg +=
                "<circle cx=\"\(n(x(lon)))\" cy=\"\(n(y(lat)))\" r=\"11\" fill=\"none\" stroke=\"#111\" stroke-width=\"2.5\"/><text x=\"\(n(x(lon) + 14))\" y=\"\(n(y(lat) + 4))\" font-weight=\"700\">\(SVG.escape(d.englishName))</text>"
        }
        var lx = 10.0
        for (i, year) in years.enumerated() {
            svg +=
                "<circle cx=\"\(n(lx + 5))\" cy=\"\(n(height - 12))\" r=\"5\" fill=\"\(colours[i % colours.count])\"/><text x=\"\(n(lx + 13))\" y=\"\(n(height - 8))\">\(year)</text>"
            lx += 52
        }
        return svg + "</svg>"
    }
}
