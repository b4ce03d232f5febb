import ArgumentParser
import Foundation
import JibangBase
import JibangCore

/// `jibang place NAME`: gazetteer look-up by any spelling.
struct Place: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look up a city, county, district or province by any spelling.",
        discussion: """
            Accepts Hangul with or without suffix (김화군, 김화), North or South Korean spelling (녕변/영변), \
            KCNA (Kimhwa County), Revised Romanization (Gimhwa) and McCune–Reischauer with or without \
            diacritics (P'yŏngsŏng, Pyongsong). Ambiguous names list every candidate; add the province \
            after a comma to pick one: "Unsan, South Phyongan".
            """)

    @Argument(help: "The place name, optionally followed by \", PROVINCE\".")
    var name: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            switch gazetteer.lookup(name) {
            case let .found(matches):
                emit(PlaceView(gazetteer: gazetteer).render(matches, format: output.format))
                if output.format == .table {
                    for line in matches.compactMap(Namesakes.note(for:)) { note(line) }
                }
                if matches.count > 1 && output.format == .table {
                    note(
                        "\(matches.count) places carry this name; add the province to pick one, e.g. \"\(name), \(gazetteer.province(of: matches[0])?.nameKCNA ?? "province")\"."
                    )
                }
            case let .notFound(suggestions):
                if output.format == .json { emit("[]") }
                throw JibangError.unknownPlace(nil, name, suggestions: suggestions.map(gazetteer.label))
            }
        }
    }
}

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
