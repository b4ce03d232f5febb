public import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore
import KoreanText

extension PeriodUnit: ExpressibleByArgument {}
extension Measure: ExpressibleByArgument {}

/// What a series counts and per which period: `trend`, `compare`, `peaks` and `report` share these.
struct SeriesOptions: ParsableArguments {
    @Option(help: "Period: year, month, week or day.")
    var by: PeriodUnit = .year
    @Option(help: "documents (articles with at least one hit; the study's measure) or mentions (occurrences).")
    var measure: Measure = .documents
}

/// The corpus filters and Korean matching switches that `trend` and `kwic` share.
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

    var matchOptions: MatchOptions { MatchOptions(folding: folding, spacing: spacing, substring: substring) }

    func loadLexicon() throws -> Lexicon {
        guard let lexicon else { return try Lexicon() }
        guard let text = try? String(contentsOfFile: Console.current.resolve(lexicon), encoding: .utf8) else {
            throw JibangError.notFound("cannot read the lexicon file \(lexicon)")
        }
        return try Lexicon(fileText: text, file: (lexicon as NSString).lastPathComponent)
    }

    /// Runs a trend of `groups` over the corpus of `store`, with these filters and switches.
    func trend(_ groups: [TermGroup], series: SeriesOptions, store: StoreOptions) throws -> (result: TrendResult, corpus: any CorpusDocumentStore) {
        let (from, to) = try dayRange()
        let corpus = try store.openCorpus()
        let segments = try corpus.segments()
        if segments.isEmpty { note("the corpus is empty: add articles with `jibang ingest FILE`") }
        let result = try corpus.trend(
            TrendQuery(groups: groups, by: series.by, measure: series.measure, options: matchOptions, outlets: outlet, from: from, to: to))
        return (result, corpus)
    }

    /// The first and last day the --from/--to options cover.
    func dayRange() throws -> (from: Int?, to: Int?) {
        func parse(_ text: String?, _ name: String, last: Bool) throws -> Int? {
            guard let text else { return nil }
            guard let date = DateParser.iso(text) else { throw ValidationError("--\(name) \(text): expected 2010, 2010-03 or 2010-03-05") }
            return last ? date.lastDayNumber : date.firstDayNumber
        }
        return (try parse(from, "from", last: false), try parse(to, "to", last: true))
    }
}

/// `jibang trend GROUP…`: per period and outlet, documents (or mentions) matching each group.
struct Trend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count, per period and outlet, the articles that mention each term group.",
        discussion: """
            A GROUP is a preset or lexicon name (regional-economy, defence-industry, defence-science, 20x10), \
            NAME=QUERY, or a bare QUERY: terms separated by |, "quoted phrases", -excluded terms, and filters \
            outlet:NAME, from:DATE, to:DATE. Example: jibang trend regional-economy defence-industry --by year
            """)

    @Argument(help: "Term groups (preset names, NAME=QUERY, or queries).")
    var groups: [String]
    @OptionGroup var series: SeriesOptions
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let lexicon = try query.loadLexicon()
            let result = try query.trend(try groups.map { try lexicon.group($0) }, series: series, store: store).result
            emit(TrendView(result: result).render(output.format))
        }
    }
}

/// Renders a trend result.
struct TrendView {
    let result: TrendResult

    func render(_ format: OutputFormat) -> String {
        let names = result.groups.map(\.name)
        switch format {
        case .json:
            return ProgrammeJSON.encode(result).trimmingCharacters(in: .newlines)
        case .csv:
            let header = ["period", "outlet", "total"] + names.flatMap { [$0, "\($0)_per_1000"] }
            return
                ([CSVLine.join(header)]
                + result.rows.map { row in
                    CSVLine.join(
                        [row.period, row.outlet, String(row.total)] + names.flatMap { [String(row.counts[$0] ?? 0), String(row.per1000[$0] ?? 0)] })
                }).joined(separator: "\n")
        case .table:
            var table = TextTable(["period", "outlet", "documents"] + names.flatMap { [$0, "‰"] })
            for row in result.rows {
                table.add(
                    [row.period, row.outlet, String(row.total)]
                        + names.flatMap { [String(row.counts[$0] ?? 0), String(format: "%.2f", row.per1000[$0] ?? 0)] })
            }
            var out = [table.render(), ""]
            let o = result.options
            out.append(
                "measure: \(result.measure.rawValue) per \(result.by.rawValue); \(result.documents) documents counted"
                    + (result.tooCoarse > 0 ? ", \(result.tooCoarse) left out (dated only to a coarser period)" : ""))
            out.append(
                "matching: initial-sound folding \(o.folding ? "on" : "off"), spacing-insensitive \(o.spacing ? "on" : "off"), substring \(o.substring ? "on" : "off")"
            )
            for group in result.groups {
                let variants = group.variants.filter { $0.count > 0 }.map { "\($0.variant) \($0.count)" }
                out.append("\(group.name) = \(group.query)\n  matched: \(variants.isEmpty ? "nothing" : variants.joined(separator: ", "))")
            }
            return out.joined(separator: "\n")
        }
    }
}

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
            let (lines, documents) = try store.openCorpus().keywordInContext(
                group, options: query.matchOptions, limit: limit, width: width)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(lines).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["document_id", "date", "outlet", "left", "match", "right"]))
                for l in lines { emit(CSVLine.join([l.documentId, l.date, l.outlet, l.left, l.match, l.right])) }
            case .table:
                var table = TextTable(["date", "outlet", "document", "left", "match", "right"])
                for l in lines { table.add([l.date, l.outlet, l.documentId, l.left, "【\(l.match)】", l.right]) }
                emit(table.render())
                note("\(lines.count) lines in \(documents) documents")
            }
        }
    }
}

/// `jibang corpus stats`.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Information about the ingested corpus, and index upkeep.",
        subcommands: [CorpusStatsCommand.self, CorpusReindexCommand.self])
}

struct CorpusStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Documents by outlet and year, languages, duplicates skipped, index size.")

    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let stats = try store.openCorpus().stats()
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(stats).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["outlet", "year", "documents"]))
                for c in stats.byOutletYear { emit(CSVLine.join([c.outlet, c.year, String(c.documents)])) }
            case .table:
                let outlets = Array(Set(stats.byOutletYear.map(\.outlet))).sorted()
                var table = TextTable(["year"] + outlets)
                for year in Array(Set(stats.byOutletYear.map(\.year))).sorted() {
                    table.add([year] + outlets.map { o in String(stats.byOutletYear.first { $0.outlet == o && $0.year == year }?.documents ?? 0) })
                }
                emit(table.render())
                func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
                emit("")
                emit("\(stats.documents) documents; languages: \(stats.languages.map { "\($0.language) \($0.documents)" }.joined(separator: ", "))")
                emit(
                    "duplicates skipped: \(stats.duplicatesSkipped); bad records skipped: \(stats.badRecordsSkipped); ingest runs: \(stats.ingestRuns)"
                )
                emit(
                    "text \(mb(stats.textBytes)); index \(mb(stats.indexBytes)) (\(stats.textBytes == 0 ? 0 : stats.indexBytes * 100 / stats.textBytes)% of text); segment files \(mb(stats.segmentBytes)) in \(stats.segments) segments"
                )
                if stats.outdatedSegments > 0 {
                    emit(
                        "\(stats.outdatedSegments) segment(s) in an older index format: counts are right, but `jibang corpus reindex` makes long terms faster"
                    )
                }
            }
        }
    }
}

/// `jibang corpus reindex`: rebuilds segments written by older versions.
struct CorpusReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Rebuild index segments written by older versions of Jibang in the current format.",
        discussion: """
            Older segments still give the same counts; the current format checks long terms faster. \
            The documents are read from the store, so no input files are needed. Safe to interrupt: run it again to finish.
            """)

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let corpus = try store.openCorpus()
            let outdated = try corpus.outdatedSegments()
            guard !outdated.isEmpty else {
                emit("every index segment is in the current format; nothing to rebuild")
                return
            }
            let terminal = Console.current.isTerminal
            for (i, id) in outdated.enumerated() {
                if terminal { Console.current.writeError("\rrebuilding segment \(i + 1) of \(outdated.count)…") }
                try corpus.reindex(segment: id)
            }
            if terminal { Console.current.writeError("\r\u{1B}[K") }
            emit("rebuilt \(outdated.count) index segment(s) in the current format")
        }
    }
}
