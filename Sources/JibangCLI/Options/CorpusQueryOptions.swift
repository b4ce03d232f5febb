public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
public import JibangCorpus
import JibangStore
import KoreanText

/// The corpus filters and Korean matching switches that `trend` and `kwic` share.
extension VersionChoice: ExpressibleByArgument {}
extension ReprintChoice: ExpressibleByArgument {}

struct CorpusQueryOptions: ParsableArguments {
    @Option(help: "Only this outlet (repeatable).")
    var outlet: [String] = []
    @Option(help: "First date counted: 2010, 2010-03 or 2010-03-05.")
    var from: String?
    @Option(help: "Last date counted: 2019, 2019-12 or 2019-12-31.")
    var to: String?
    @Option(help: "A lexicon file of named groups (name = query per line), in addition to the presets.")
    var lexicon: String?
    @Flag(inversion: .prefixedNo, help: "Fold North/South Korean initial sounds (로동 = 노동).")
    var folding = true
    @Flag(inversion: .prefixedNo, help: "Ignore spaces between Hangul syllables (지방 공업 = 지방공업).")
    var spacing = true
    @Flag(inversion: .prefixedNo, help: "Match inside longer words, as particles need (지방공업을).")
    var substring = true

    @Option(help: "Which version of a document republished with edits to read: latest or first (by when each was observed).")
    var versions: VersionChoice = .latest

    @Option(
        help:
            "each: a near-copy in another outlet or under another id counts on its own; once: each cluster of near-copies counts once, by its first-seen member."
    )
    var reprints: ReprintChoice = .each

    var matchOptions: MatchOptions {
        MatchOptions(folding: folding, spacing: spacing, substring: substring, versions: versions, reprints: reprints)
    }

    func loadLexicon() throws -> Lexicon { try Self.loadLexicon(lexicon) }

    /// The presets, and the groups of the lexicon file at `lexicon` when given.
    static func loadLexicon(_ lexicon: String?) throws -> Lexicon {
        guard let lexicon else { return try Lexicon() }
        guard let text = try? String(contentsOfFile: Console.current.resolve(lexicon), encoding: .utf8) else {
            throw JibangError.notFound("cannot read the lexicon file \(lexicon)")
        }
        return try Lexicon(fileText: text, file: (lexicon as NSString).lastPathComponent)
    }

    /// Runs a trend of `groups` over the corpus of `store`, with these filters and switches.
    func trend(
        _ groups: [TermGroup], series: SeriesOptions, store: StoreOptions
    ) async throws -> (result: TrendResult, corpus: any CorpusDocumentStore) {
        let (from, to) = try dayRange()
        let corpus = try await store.openCorpus()
        let segments = try corpus.segments()
        if segments.isEmpty { note("the corpus is empty: add articles with `jibang ingest FILE`") }
        var query = TrendQuery(groups: groups, by: series.by, measure: series.measure, options: matchOptions, outlets: outlet, from: from, to: to)
        query.termDetail = true
        let result = try corpus.trend(query)
        return (result, corpus)
    }

    /// The language mix, period by period, of the documents these filters count (or of
    /// `outlets` instead, when given): what `compare` and `report` check for a change.
    func languages(
        series: SeriesOptions, corpus: any CorpusDocumentStore, outlets: [String]? = nil
    ) throws -> [(period: String, members: Set<String>)] {
        let (from, to) = try dayRange()
        return try corpus.languagesByPeriod(TrendQuery(groups: [], by: series.by, outlets: outlets ?? outlet, from: from, to: to))
    }

    /// The first and last day the --from/--to options cover.
    func dayRange() throws -> (from: Int?, to: Int?) { try Self.dayRange(from: from, to: to) }

    /// The first day of `from` and the last day of `to` (2010, 2010-03 or 2010-03-05).
    static func dayRange(from: String?, to: String?) throws -> (from: Int?, to: Int?) {
        func parse(_ text: String?, _ name: String, last: Bool) throws -> Int? {
            guard let text else { return nil }
            guard let date = DateParser.iso(text) else { throw ValidationError("--\(name) \(text): expected 2010, 2010-03 or 2010-03-05") }
            return last ? date.lastDayNumber : date.firstDayNumber
        }
        return (try parse(from, "from", last: false), try parse(to, "to", last: true))
    }
}
