import Foundation
import JibangBase
import JibangCSV
import JibangTestSupport
import KoreanText
import Testing

@testable import JibangCorpus

/// Issue 17, part 2: random and mutated inputs for every corpus-side parser. The properties:
/// no crash, and either a result that holds together or an error that says what was wrong.
/// Each message names the seed; `JIBANG_TEST_SEED=N swift test --filter FuzzTests` replays one.
@Suite struct FuzzTests {
    static let seed: UInt64 = 20_261_130

    @Test func dateParserReadsBackWhatItGives() {
        var fuzz = Fuzz(seed: Self.seed)
        let examples = [
            "2024-01-15", "2024-01", "2024", "2024-01-15T09:00:00Z", "1705276800", "1705276800000", "2024년 1월 15일", "2024년 1월",
            "주체113(2024)년 1월 15일", "주체113년", "Juche 113 (2024)", "Pyongyang, January 15 (KCNA) --",
        ]
        for _ in 0..<3000 {
            let input = fuzz.mutate(fuzz.pick(examples))
            guard let date = DateParser.parse(input, fallbackYear: 2024) else { continue }
            #expect((1...9999).contains(date.year), "seed \(fuzz.seed): \(String(reflecting: input)) gave \(date)")
            #expect(DateParser.parse(date.description) == date, "seed \(fuzz.seed): \(String(reflecting: input)) gave \(date)")
        }
    }

    /// Found by the fuzzer: `\d` in the date patterns matches digits of any script, which
    /// `Int(_:)` could not read (a crash). Full-width and other digits now read as numbers.
    @Test func datesWithDigitsOfOtherScripts() {
        #expect(DateParser.parse("２０２４년 ３월 ５일") == PartialDate(year: 2024, month: 3, day: 5))
        #expect(DateParser.parse("주체１１３년") == PartialDate(year: 2024))
        #expect(DateParser.parse("٢٠٢٤-01") == PartialDate(year: 2024, month: 1))
        #expect(DateParser.parse("Pyongyang, January ١٥ (KCNA)", fallbackYear: 2024) == PartialDate(year: 2024, month: 1, day: 15))
    }

    @Test func termGroupsCompileOrSayWhy() {
        var fuzz = Fuzz(seed: Self.seed + 1)
        let examples = [
            "지방공업|지방경제", "\"regional industry\" -military", "outlet:KCNA from:2019 to:2024 지방", "20x10", "a|b|\"c d\"", "-only",
        ]
        for _ in 0..<3000 {
            let input = fuzz.mutate(fuzz.pick(examples))
            do {
                let group = try TermGroup(name: "g", query: input)
                #expect(group.name == "g")
            } catch {
                #expect(error.code == .invalidQuery, "seed \(fuzz.seed): \(String(reflecting: input)): \(error.code)")
                #expect(error.message.hasPrefix("cannot read the query"), "seed \(fuzz.seed): \(error.message)")
                #expect(!error.message.contains("Optional(") && !error.message.contains("Swift."), "seed \(fuzz.seed): \(error.message)")
            }
        }
    }

    @Test func csvTablesHoldTogetherOrNameALine() {
        var fuzz = Fuzz(seed: Self.seed + 2)
        let example = "id,date,body\n1,2024-01-01,\"지방, 공업\"\n2,2024-02-01,\"two\nlines\"\n3,2024-03-01,\"say \"\"hi\"\"\"\n"
        for _ in 0..<2000 {
            let input = fuzz.mutate(example)
            // Counted by scalar: "\r\n" is one Character, which a split on "\n" would not see.
            let lines = input.unicodeScalars.filter { $0 == "\n" }.count + 1
            do {
                let table = try CSVTable(parsing: input)
                #expect(table.rows.allSatisfy { $0.fields.count == table.header.count }, "seed \(fuzz.seed): \(String(reflecting: input))")
                #expect(zip(table.rows, table.rows.dropFirst()).allSatisfy { $0.line < $1.line }, "seed \(fuzz.seed)")
                #expect(table.rows.allSatisfy { (2...lines).contains($0.line) }, "seed \(fuzz.seed): \(String(reflecting: input))")
            } catch {
                #expect((1...lines).contains(error.line), "seed \(fuzz.seed): line \(error.line) of \(lines) in \(String(reflecting: input))")
                #expect(!error.reason.isEmpty)
            }
        }
    }

    /// Mutated JSONL files: every line becomes a document, a problem naming its line, or
    /// nothing (blank); nothing else.
    @Test func jsonlLinesBecomeDocumentsOrProblemsWithTheirLine() throws {
        var fuzz = Fuzz(seed: Self.seed + 3)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("new-year-addresses-1995-2019.jsonl"))).prefix(60_000)
        for round in 0..<60 {
            let bytes = fuzz.mutate(Data(original))
            let path = dir.file("f\(round).jsonl")
            try bytes.write(to: URL(fileURLWithPath: path))
            let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
            let (documents, problems) = try readAll(path, .jsonl)
            if problems.first?.kind == .binaryFile {
                #expect(documents.isEmpty && problems.count == 1)
                continue
            }
            #expect(documents.count + problems.count <= lines, "seed \(fuzz.seed), round \(round)")
            for problem in problems {
                #expect(problem.line.map { (1...lines).contains($0) } == true, "seed \(fuzz.seed), round \(round): \(problem)")
                #expect(!problem.detail.isEmpty)
            }
        }
    }

    /// Mutated KCNA arrays: items become documents or problems; a cut or a broken array is
    /// reported, never a crash.
    @Test func kcnaArraysGiveDocumentsOrProblems() throws {
        var fuzz = Fuzz(seed: Self.seed + 4)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-sample.json")))
        let items = try #require(try JSONSerialization.jsonObject(with: original) as? [Any]).count
        for round in 0..<80 {
            let bytes = fuzz.mutate(original)
            let path = dir.file("k\(round).json")
            try bytes.write(to: URL(fileURLWithPath: path))
            let (documents, problems) = try readAll(path, .kcna)
            #expect(documents.count <= items + 64, "seed \(fuzz.seed), round \(round)")
            for problem in problems { #expect(!problem.detail.isEmpty, "seed \(fuzz.seed), round \(round)") }
            #expect(!documents.isEmpty || !problems.isEmpty, "seed \(fuzz.seed), round \(round): neither documents nor a problem")
        }
    }

    /// The array splitter agrees with JSONSerialization on well-formed arrays.
    @Test func arrayItemsMatchAFullParse() throws {
        var fuzz = Fuzz(seed: Self.seed + 5)
        for _ in 0..<500 {
            let values: [Any] = (0..<fuzz.int(0...6)).map { _ in
                switch fuzz.int(0...4) {
                case 0: ["a": fuzz.mutate("x]y}z\"")] as [String: Any]
                case 1: [fuzz.int(0...9), "[", ["b": "}"]] as [Any]
                case 2: fuzz.mutate("text, with ] and \" quote")
                case 3: fuzz.int(-100...100)
                default: NSNull()
                }
            }
            let data = try JSONSerialization.data(withJSONObject: values)
            let split = try #require(JSONArrayItems(data), "seed \(fuzz.seed)")
            #expect(split.cut == nil, "seed \(fuzz.seed): \(String(decoding: data, as: UTF8.self))")
            #expect(split.items.count == values.count, "seed \(fuzz.seed): \(String(decoding: data, as: UTF8.self))")
            for (range, value) in zip(split.items, values) {
                let parsed = try JSONSerialization.jsonObject(with: data[range], options: [.fragmentsAllowed])
                #expect(
                    (try JSONSerialization.data(withJSONObject: [parsed])) == (try JSONSerialization.data(withJSONObject: [value])),
                    "seed \(fuzz.seed)")
            }
        }
    }
}
