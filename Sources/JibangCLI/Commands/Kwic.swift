import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

/// `jibang kwic TERM`: keyword-in-context lines.
struct Kwic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic", abstract: "Show where a term (or group) occurs, with its context, newest documents first.")

    @Argument(help: "A term, query or group name.")
    var term: String
    @Option(help: "At most this many documents.")
    var limit = 20
    @Option(help: "Characters of context on each side.")
    var width = 30
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            var group = try query.loadLexicon().group(term)
            group.outlets += query.outlet
            let (from, to) = try query.dayRange()
            group.from = from ?? group.from
            group.to = to ?? group.to
            let (lines, documents) = try await store.openCorpus().keywordInContext(
                group, options: query.matchOptions, limit: limit, width: width)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(lines).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["document_id", "date", "outlet", "left", "match", "right"]))
                for l in lines { emit(CSVLine.join([l.documentId, l.date, l.outlet, l.left, l.match, l.right])) }
            case .table:
                var table = TextTable(["date", "outlet", "title", "left", "match", "right"])
                for l in lines { table.add([l.date, l.outlet, DocumentLabel.title(l.title), l.left, "【\(l.match)】", l.right]) }
                emit(table.render())
                note("\(lines.count) lines in \(documents) documents; \(query.matchOptions.versionsNote); \(query.matchOptions.reprintsNote)")
            }
        }
    }
}
