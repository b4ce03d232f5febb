import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore
import JibangTestSupport
import Testing

/// Library messages speak of the data, never of the CLI: no flag, no command. The edges say
/// how to act on an error from its hint (a flag in the CLI, a field in the API).
@Suite struct ErrorMessageTests {
    /// A flag (`--replace`), a command in backticks or a `jibang <command>` line.
    static let denied: [(name: String, pattern: String)] = [
        ("a flag", #"(^|[\s(`'"])--[a-z]"#),
        ("a jibang command", #"\bjibang\s+[a-z]"#),
        ("a command in backticks", #"`[a-z]+ [^`]*`"#),
    ]

    /// What in `text` a library message must not contain.
    static func violations(_ text: String) -> [String] {
        denied.compactMap { rule in text.range(of: rule.pattern, options: .regularExpression).map { _ in "\(rule.name) in \"\(text)\"" } }
    }

    @Test func theDenyListCatchesWhatItShould() {
        #expect(!Self.violations("already stored; add --replace to overwrite it").isEmpty)
        #expect(!Self.violations("run `jibang init` first").isEmpty)
        #expect(!Self.violations("see jibang place").isEmpty)
        #expect(Self.violations("a well-formed message: 2024-01-15 -- en dash, 20×10").isEmpty)
    }

    /// The libraries every edge calls: their folders under Sources.
    static let libraries = [
        "JibangBase", "KoreanText", "JibangCSV", "JibangCore", "JibangCorpus", "JibangAnalytics", "JibangEvidence", "JibangStore", "JibangCharts",
    ]

    /// Every string literal in every library source file (comments skipped), with its place.
    static func literals() throws -> [(place: String, text: String)] {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        var found: [(String, String)] = []
        for library in libraries {
            let folder = sources.appendingPathComponent(library)
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                var inBlock = false
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("\"\"\"") { inBlock.toggle() }
                    if trimmed.hasPrefix("//") { continue }
                    let place = "\(library)/\(file):\(number + 1)"
                    if inBlock {
                        found.append((place, String(line)))
                        continue
                    }
                    for match in line.matches(of: /"((?:[^"\\]|\\.)*)"/) { found.append((place, String(match.output.1))) }
                }
            }
        }
        return found
    }

    /// Every message a library can throw is written in its source: none names a flag or a command.
    @Test func noLibraryStringNamesAFlagOrACommand() throws {
        let literals = try Self.literals()
        #expect(literals.count > 500, "the scan reads the library sources")
        let problems = literals.flatMap { literal in Self.violations(literal.text).map { "\(literal.place): \($0)" } }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// Errors raised through each library's API, as the edges receive them.
    @Test func raisedErrorsSpeakOfTheDataAndHintAField() async throws {
        let gazetteer = try BundledData.gazetteer()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try await StoreBootstrap.open(path: dir.file("e.sqlite"), empty: true).store
        let review = ReviewQueue(store: store, gazetteer: gazetteer)
        var errors: [JibangError] = []
        func capture(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
            do {
                try await body()
                Issue.record("no error", sourceLocation: sourceLocation)
            } catch let error as JibangError { errors.append(error) } catch {
                Issue.record("not a JibangError: \(error)", sourceLocation: sourceLocation)
            }
        }
        await capture { _ = try gazetteer.resolve("Kimwha") }
        await capture { _ = try gazetteer.resolve("Unsan") }
        await capture { _ = try ProgrammeCSV.read("year_wave,province\n2024,Kangwon\n", file: "x.csv", gazetteer: gazetteer) }
        await capture { _ = try ProgrammeJSON.read(Data("{".utf8), file: "x.json", gazetteer: gazetteer) }
        await capture { _ = try SQLiteStore.open(path: dir.file("missing/folder/e.sqlite")) }
        await capture { try await store.addSource(Source(url: "https://example.org/a"), toMilestone: 999_999) }
        let indicator = Indicator(name: "Grain output", unit: "Mt", period: "2020", value: 5.5, source: "FAO")
        try await store.addIndicator(indicator)
        await capture { try await store.addIndicator(indicator) }
        await capture { try await store.revokeToken(id: 999_999) }
        await capture { _ = try await review.candidate(id: 999_999) }
        await capture { _ = try TermGroup(name: "g", query: "| |") }
        await capture { _ = try Lexicon(fileText: "no equals sign here") }
        await capture { _ = try Correlation.pearson([1, 2, 3], [3, 2, 1]) }
        await capture { _ = try Series(name: "s", by: .year, periods: ["2020", "2021"], values: [1, 2]).movingAverage(window: 2) }
        await capture { _ = try EventFile.parse("date,label,source\nsoon,x,y\n", file: "e.csv") }
        let empty = try TrendEngine(segments: []).run(
            TrendQuery(groups: [try TermGroup(name: "a", query: "a"), try TermGroup(name: "b", query: "b")]))
        await capture { _ = try Comparison(empty, a: "a", b: "b", options: .init(maxLag: -1)) }
        #expect(errors.count == 15, "each call above fails")
        for error in errors {
            #expect(Self.violations(error.description).isEmpty, "\(error)")
            if let hint = error.hint { #expect(Self.violations(hint.field + " " + (hint.suggestion ?? "")).isEmpty) }
        }
        let hints = errors.compactMap { $0.hint.map { "\($0.field)=\($0.suggestion ?? "")" } }
        #expect(hints.contains("replace=true"), "\(hints)")
        #expect(hints.contains { $0.hasPrefix("place=Kimhwa County") }, "\(hints)")
        #expect(hints.contains("database="), "\(hints)")
        #expect(hints.contains("lag=0"), "\(hints)")
        #expect(hints.contains("by="), "\(hints)")
        let codes = Set(errors.map(\.code))
        #expect(
            codes.isSuperset(of: [.unknownPlace, .ambiguousPlace, .invalidInput, .storage, .notFound, .duplicate, .invalidQuery, .analysisFailed]))
    }
}
