import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import KoreanText

/// `jibang collocates GROUP`: the words that occur near a group's hits more than chance.
struct Collocates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the words that occur near a term group's hits more often than chance, ranked by log-likelihood.",
        discussion: """
            Words within ±5 words of each hit, counted over the matching documents of the range (at most 5,000: a \
            reproducible sample beyond that, and said so), against the words of the corpus's other documents or, with \
            --reference FROM..TO, of a reference period. Korean words lose one trailing particle (공장이 → 공장) and \
            are folded to South Korean initials (로동 → 노동), as the matcher folds; English words are lower-cased. \
            llr is Dunning's G² (3.84: p < 0.05; 10.83: p < 0.001).
            """)

    @Argument(help: "A term group (preset name, NAME=QUERY, or a query).")
    var group: String
    @Option(help: "First date read: 2010, 2010-03 or 2010-03-05.")
    var from: String?
    @Option(help: "Last date read.")
    var to: String?
    @Option(help: "A reference period FROM..TO (e.g. 2010..2015) instead of the rest of the corpus.")
    var reference: String?
    @Option(help: "Words on each side of a hit.")
    var window = 5
    @Option(help: "At most this many words.")
    var limit = 50
    @Option(help: "A lexicon file of named groups, in addition to the presets.")
    var lexicon: String?
    @Option(help: "Which version of a document republished with edits to read: latest or first.")
    var versions: VersionChoice = .latest
    @Option(help: "each: near-copies count on their own; once: a cluster of near-copies is read once, by its first member.")
    var reprints: ReprintChoice = .each
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard (1...20).contains(window) else { throw ValidationError("--window \(window): expected 1 to 20 words") }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit \(limit): expected 1 to 1000") }
        if let reference {
            do { _ = try CollocateQuery.referencePeriod(reference) } catch {
                throw ValidationError("--reference \(reference): " + error.message.replacingOccurrences(of: "reference \(reference): ", with: ""))
            }
        }
    }

    func run() async throws {
        try await reportingErrors {
            let (first, last) = try CorpusQueryOptions.dayRange(from: from, to: to)
            var query = CollocateQuery(
                group: try CorpusQueryOptions.loadLexicon(lexicon).group(group), from: first, to: last,
                reference: try reference.map(CollocateQuery.referencePeriod))
            query.window = window
            query.limit = limit
            query.options = MatchOptions(versions: versions, reprints: reprints)
            let result = try await store.openCorpus().collocates(query)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["word", "count", "expected", "llr"]))
                for row in result.rows { emit(CSVLine.join([row.word, String(row.count), String(row.expected), String(row.llr)])) }
            case .table:
                var table = TextTable(["word", "count", "expected", "llr"])
                for row in result.rows {
                    table.add([row.word, String(row.count), String(format: "%.1f", row.expected), String(format: "%.1f", row.llr)])
                }
                emit(table.render())
                note(result.summary)
            }
        }
    }
}
