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
