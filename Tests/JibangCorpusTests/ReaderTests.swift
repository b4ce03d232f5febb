import Foundation
import JibangTestSupport
import KoreanText
import Testing

@testable import JibangCorpus

func readAll(
    _ path: String, _ format: CorpusFormat, _ options: ReadOptions = ReadOptions()
) throws -> (documents: [Document], problems: [ReadProblem]) {
    var documents: [Document] = []
    var problems: [ReadProblem] = []
    try CorpusReader.read(path, format: format, options: options) { record in
        switch record {
        case let .document(document, _): documents.append(document)
        case let .problem(problem): problems.append(problem)
        }
    }
    return (documents, problems)
}

@Suite struct ReaderTests {
    @Test func jsonlReportsEachBadLineWithItsNumber() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var bytes = Data()
        bytes += Data(#"{"id":"1","outlet":"Rodong Sinmun","date":"2011-01-01","title":"t","body":"지방공업"}"#.utf8) + Data([0x0A])
        bytes += Data(#"{"id":"2","date":"2011-01-01","body":"broken"#.utf8) + Data([0x0A])
        bytes += Data(#"{"id":"3","date":"2011-01-01","body":""#.utf8) + Data([0xFF, 0xFE]) + Data(#""}"#.utf8) + Data([0x0A])
        bytes += Data(#"{"id":"4","date":"someday","body":"글"}"#.utf8) + Data([0x0A])
        bytes += Data(#"{"id":"5","date":"2011-01-01","body":"   "}"#.utf8) + Data([0x0A])
        bytes += Data(#"{"id":"6","date":"1705276800000","body":"큰 글"}"#.utf8) + Data([0x0A, 0x0A])
        bytes += Data(#"{"id":"7","date":"주체100(2011)년 3월 1일","body":"글"}"#.utf8)
        let path = dir.file("mixed.jsonl")
        try bytes.write(to: URL(fileURLWithPath: path))
        var options = ReadOptions()
        options.outlet = "Minju Joson"
        let (documents, problems) = try readAll(path, .jsonl, options)
        #expect(documents.map(\.id) == ["1", "6", "7"])
        #expect(documents.map(\.outlet) == ["Rodong Sinmun", "Minju Joson", "Minju Joson"])
        #expect(documents[1].date?.description == "2024-01-15")
        #expect(documents[2].date?.description == "2011-03-01")
        #expect(problems.map(\.line) == [2, 3, 4, 5])
        #expect(problems.map(\.kind) == [.malformed, .invalidUTF8, .missingDate, .emptyBody])
        #expect(problems.allSatisfy { $0.file == "mixed.jsonl" })
    }

    @Test func configurableFieldsAndSizeLimit() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let big = String(repeating: "가", count: 400_000)
        let path = dir.write(
            "fields.jsonl",
            """
            {"uid":"a","published":"2012-02-03","text":"국방공업","paper":"Minju Joson"}
            {"uid":"b","published":"2012-02-04","text":"\(big)","paper":"Minju Joson"}
            """)
        var options = ReadOptions()
        options.idField = "uid"
        options.dateField = "published"
        options.bodyField = "text"
        options.outletField = "paper"
        options.maxDocumentBytes = 1 << 20
        let (documents, problems) = try readAll(path, .jsonl, options)
        #expect(documents.map(\.id) == ["a"])
        #expect(documents.first?.outlet == "Minju Joson")
        #expect(problems.map(\.kind) == [.tooLarge])
        #expect(problems.first?.line == 2)
    }

    @Test func csvWithHeader() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.write("c.csv", "id,outlet,date,title,body\n1,KCNA,2024-01-15,T,\"regional-industry, factories\"\n2,KCNA,,T,no date\n")
        let (documents, problems) = try readAll(path, .csv)
        #expect(documents.map(\.body) == ["regional-industry, factories"])
        #expect(problems.map(\.line) == [3])
    }

    @Test func textFolderWithSidecarOrPattern() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        _ = dir.write("a.txt", "지방공업을 발전시키자")
        _ = dir.write("metadata.csv", "file,date,outlet,title\na.txt,2019-01-01,Rodong Sinmun,사설\n")
        let (documents, _) = try readAll(dir.path, .txt)
        #expect(documents.first?.outlet == "Rodong Sinmun")
        #expect(documents.first?.date?.description == "2019-01-01")
        #expect(documents.first?.id == "a")

        let other = TemporaryDirectory()
        defer { other.remove() }
        _ = other.write("KCNA_2024-03-07_x1.txt", "groundbreaking")
        _ = other.write("binary.txt", "ab\u{0}cd")
        var options = ReadOptions()
        options.fileNamePattern = "{outlet}_{date}_{id}.txt"
        let (patterned, problems) = try readAll(other.path, .txt, options)
        #expect(patterned.first?.id == "x1")
        #expect(patterned.first?.outlet == "KCNA")
        #expect(patterned.first?.date?.description == "2024-03-07")
        #expect(problems.map(\.kind) == [.binaryFile])
    }

    @Test func kcnaScraperFormat() throws {
        let (documents, problems) = try readAll(Fixtures.path("kcna-sample.json"), .kcna)
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-sample.json")))) as? [[String: Any]])
        let raw = objects.map { $0.mapValues { "\($0)" } }
        #expect(documents.count + problems.count == raw.count)
        #expect(problems.count == raw.filter { ($0["story_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count)
        let first = try #require(documents.first)
        #expect(first.outlet == "KCNA")
        #expect(first.language == "en")
        #expect(first.title == raw[0]["headline"])
        #expect(first.date?.description == raw[0]["date_str"])
        #expect(first.url == raw[0]["link"])
        #expect(first.metadata["topic"] == raw[0]["topic"])
    }

    /// Issue 17: one line with a raw NUL byte is a bad record of that line; the good lines around
    /// it are read (the whole file used to be refused as binary).
    @Test func aNulByteSpoilsOnlyItsLine() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var bytes = Data()
        for id in 1...4 {
            let body = id == 2 ? Data("지방".utf8) + Data([0x00]) + Data("공업".utf8) : Data("지방공업 \(id)".utf8)
            bytes += Data(#"{"id":"\#(id)","outlet":"KCNA","date":"2024-01-0\#(id)","body":""#.utf8) + body + Data(#""}"#.utf8) + Data([0x0A])
        }
        let path = dir.file("nul.jsonl")
        try bytes.write(to: URL(fileURLWithPath: path))
        let (documents, problems) = try readAll(path, .jsonl)
        #expect(documents.map(\.id) == ["1", "3", "4"])
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2 && problems.first?.kind == .malformed)
        #expect(problems.first?.detail.contains("NUL") == true)

        let csv = dir.file("nul.csv")
        try (Data("id,date,body\n1,2024-01-01,a\n2,2024-01-02,b".utf8) + Data([0x00]) + Data("c\n3,2024-01-03,d\n".utf8))
            .write(to: URL(fileURLWithPath: csv))
        let fromCSV = try readAll(csv, .csv)
        #expect(fromCSV.documents.map(\.id) == ["1", "3"])
        #expect(fromCSV.problems.map(\.line) == [3])
    }

    /// A file that is mostly not text is still refused whole: UTF-16 has a NUL in every other byte.
    @Test func utf16IsBinary() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("utf16.jsonl")
        try #require(#"{"id":"1","date":"2024-01-01","body":"text"}"#.data(using: .utf16LittleEndian)).write(to: URL(fileURLWithPath: path))
        let (documents, problems) = try readAll(path, .jsonl)
        #expect(documents.isEmpty)
        #expect(problems.map(\.kind) == [.binaryFile])
        #expect(problems.first?.detail.contains("UTF-16") == true)
    }

    /// Issue 17: a KCNA array cut off mid-way gives its complete items, and the cut is reported
    /// with its byte offset (it used to give nothing).
    @Test func aCutOffKCNAArrayKeepsItsCompleteItems() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-sample.json")))) as? [[String: Any]])
        let usable = objects.filter { !(($0["story_text"] as? String) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        try #require(usable.count >= 4)
        let items = try usable.prefix(4).map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        // Three whole items, then half of the fourth: where the fourth begins is the cut.
        let head = "[\n" + items[0..<3].joined(separator: ",\n") + ",\n"
        let text = head + String(items[3].prefix(items[3].count / 2))
        let path = dir.file("cut.json")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (documents, problems) = try readAll(path, .kcna)
        #expect(documents.map(\.title) == usable.prefix(3).map { $0["headline"] as? String })
        #expect(problems.count == 1)
        #expect(problems.first?.detail.contains("cut off at byte \(head.utf8.count) of \(text.utf8.count)") == true, "\(problems)")
        #expect(problems.first?.line == 4)

        // A raw NUL inside the second item spoils that item only.
        let spoiled =
            "[" + items[0] + ",\n" + items[1].replacingOccurrences(of: "\"headline\":\"", with: "\"headline\":\"\u{0}") + ",\n" + items[2] + "]"
        let spoiledPath = dir.file("nul.json")
        try Data(spoiled.utf8).write(to: URL(fileURLWithPath: spoiledPath))
        let nul = try readAll(spoiledPath, .kcna)
        #expect(nul.documents.map(\.title) == [usable[0]["headline"] as? String, usable[2]["headline"] as? String])
        #expect(nul.problems.map(\.line) == [2])
    }

    @Test func aBinaryFileIsRefusedWhole() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("x.jsonl")
        try Data([0x7B, 0x00, 0x01, 0x02]).write(to: URL(fileURLWithPath: path))
        let (documents, problems) = try readAll(path, .jsonl)
        #expect(documents.isEmpty)
        #expect(problems.map(\.kind) == [.binaryFile])
    }
}
