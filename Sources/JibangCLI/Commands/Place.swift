import ArgumentParser
import Foundation
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
                print(PlaceView(gazetteer: gazetteer).render(matches, format: output.format))
                if output.format == .table {
                    for line in matches.compactMap(Namesakes.note(for:)) { note(line) }
                }
                if matches.count > 1 && output.format == .table {
                    note(
                        "\(matches.count) places carry this name; add the province to pick one, e.g. \"\(name), \(gazetteer.province(of: matches[0])?.nameKCNA ?? "province")\"."
                    )
                }
            case let .notFound(suggestions):
                if output.format == .json { print("[]") }
                throw JibangError.unknownPlace(nil, name, suggestions: suggestions.map(gazetteer.label))
            }
        }
    }
}

/// Renders divisions with every spelling and coordinates.
struct PlaceView {
    let gazetteer: Gazetteer

    struct Row: Encodable {
        let id, kind, nameKo, nameKcna, nameRr, nameMr: String
        let level: Int
        let province: String?
        let provinceId: String?
        let provinceKo: String?
        let lat, lon: Double?
        let aliases: [String]
        /// A same-named county across the border, when there is one.
        let note: String?
    }

    func rows(_ matches: [Division]) -> [Row] {
        matches.map { d in
            let province = d.level == 2 ? gazetteer.province(of: d) : nil
            return Row(
                id: d.id, kind: d.kind.rawValue, nameKo: d.nameKo, nameKcna: d.nameKCNA, nameRr: d.nameRR, nameMr: d.nameMR,
                level: d.level, province: province?.nameKCNA, provinceId: province?.id, provinceKo: province?.nameKo,
                lat: d.lat, lon: d.lon, aliases: d.aliases, note: Namesakes.note(for: d))
        }
    }

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
