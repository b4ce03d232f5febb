import ArgumentParser
import Foundation
import JibangBase
import JibangCore

/// Renders divisions with every spelling and coordinates.
struct PlaceView {
    let gazetteer: Gazetteer

    typealias Row = PlaceMatch

    func rows(_ matches: [Division]) -> [Row] { matches.map { PlaceMatch($0, gazetteer: gazetteer) } }

    func render(_ matches: [Division], format: OutputFormat) -> String {
        let rows = rows(matches)
        let header = ["id", "kind", "name_ko", "name_kcna", "name_rr", "name_mr", "province", "lat", "lon", "aliases"]
        func cells(_ r: Row) -> [String] {
            [
                r.id, r.kind, r.nameKo, r.nameKcna, r.nameRr, r.nameMr, r.province ?? "", r.lat.map { "\($0)" } ?? "", r.lon.map { "\($0)" } ?? "",
                r.aliases.joined(separator: "; "),
            ]
        }
        switch format {
        case .json:
            return ProgrammeJSON.encode(rows).trimmingCharacters(in: .newlines)
        case .csv:
            return ([CSVLine.join(header)] + rows.map { CSVLine.join(cells($0)) }).joined(separator: "\n")
        case .table:
            var table = TextTable(["id", "kind", "한글", "KCNA", "RR", "MR", "province", "lat, lon", "also"])
            for r in rows {
                table.add([
                    r.id, r.kind, r.nameKo, r.nameKcna, r.nameRr, r.nameMr, r.province.map { "\($0) (\(r.provinceKo ?? ""))" } ?? "–",
                    r.lat.map { lat in "\(lat), \(r.lon.map { "\($0)" } ?? "")" } ?? "no coordinates", r.aliases.joined(separator: "; "),
                ])
            }
            return table.render()
        }
    }
}
