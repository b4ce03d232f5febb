import Foundation
import JibangBase
import JibangCSV
import JibangCore
import Testing

@Suite struct ProgrammeCSVTests {
    let gazetteer = try! BundledData.gazetteer()
    let header = "year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes"

    func read(_ rows: String) throws(JibangError) -> [ProgrammeEntry] {
        try ProgrammeCSV.read(header + "\n" + rows, file: "test.csv", gazetteer: gazetteer)
    }

    @Test func bundledFileGivesOneMilestonePerPlaceMention() throws {
        let text = try BundledData.programmeCSV()
        let table = try CSVTable(parsing: text)
        let column = try #require(table.column("city_county"))
        let mentions = table.rows.map { $0.fields[column].split(separator: ";").count }.reduce(0, +)
        let entries = try ProgrammeCSV.read(text, file: "20x10-sites.csv", gazetteer: gazetteer)
        #expect(entries.count == mentions)
        #expect(table.rows.count == 119, "the bundled record of 2026-11 (shared/data/20x10-sites.csv)")
    }

    /// Issue 15: the role column is read, written and read back; a site's rows must agree.
    @Test func rolesRoundTripAndMustAgree() throws {
        let text = try BundledData.programmeCSV()
        let table = try CSVTable(parsing: text)
        let role = try #require(table.column("role"))
        let associatedRows = table.rows.filter { $0.fields[role] == "associated" }.count
        let sites = try ProgrammeCSV.read(text, file: "20x10-sites.csv", gazetteer: gazetteer).sites()
        #expect(sites.filter { $0.role == .associated }.flatMap(\.milestones).count >= associatedRows)
        let back = try ProgrammeCSV.read(ProgrammeCSV.write(sites, gazetteer: gazetteer), file: "export.csv", gazetteer: gazetteer).sites()
        func roles(_ list: [Site]) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: list.map { ("\($0.stageID)|\($0.divisionID)", [$0.role.rawValue] + $0.roleReadings.map(\.description)) })
        }
        #expect(roles(back) == roles(sites))
        #expect(sites.contains { !$0.roleReadings.isEmpty })

        let header = self.header + ",role"
        let row = "2025,South Hamgyong,Rakwon County,락원군,"
        let twoRoles = [
            header, row + "groundbreaking,2025-02-14,farm,https://a.example/1,,associated",
            row + "inauguration,2025-08,farm,https://a.example/2,,wave",
        ]
        #expect(throws: JibangError.self) { try ProgrammeCSV.read(twoRoles.joined(separator: "\n"), file: "r.csv", gazetteer: gazetteer) }
        do {
            _ = try ProgrammeCSV.read(
                [header, row + "groundbreaking,2025-02-14,farm,https://a.example/1,,extra"].joined(separator: "\n"), file: "r.csv",
                gazetteer: gazetteer)
            Issue.record("an unknown role was accepted")
        } catch {
            #expect(
                error.description.contains("r.csv:2") && error.description.contains("role") && error.description.contains("associated"), "\(error)")
        }
    }

    @Test func aRowNamingSeveralPlacesBecomesOneMilestonePerPlace() throws {
        let entries = try ProgrammeCSV.read(try BundledData.programmeCSV(), file: "20x10-sites.csv", gazetteer: gazetteer)
        let selection = entries.filter { $0.milestone.kind == .selection }
        #expect(Set(selection.map(\.divisionID)) == ["KP13", "KP0912", "KP0806", "KP0514"])
        #expect(Set(selection.map(\.stageID)) == ["precursor-2023"])
        #expect(Set(selection.map(\.milestone.sources)).count == 1)
        #expect(selection.first?.milestone.date.description == "../2023-12-13")
        #expect(selection.first?.milestone.detail == "modernization model units")
    }

    @Test func everySourceIsKeptIncludingAddressesInNotes() throws {
        let text = try BundledData.programmeCSV()
        let table = try CSVTable(parsing: text)
        let entries = try ProgrammeCSV.read(text, file: "20x10-sites.csv", gazetteer: gazetteer)
        let notes = try #require(table.column("notes"))
        let url = try #require(table.column("source_url"))
        for row in table.rows {
            // Independent count: the row's URL plus distinct http(s) tokens in its notes.
            let tokens = row.fields[notes].split(whereSeparator: { " ,;()\"'".contains($0) }).map(String.init)
                .filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:")) }
            let expected = Set([row.fields[url]] + tokens)
            let entry = try #require(entries.first { $0.origin.line == row.line })
            #expect(Set(entry.milestone.sources.map(\.url)) == expected, "line \(row.line)")
        }
    }

    @Test func placesResolveInTheirProvince() throws {
        let entries = try read(
            """
            2025,South Phyongan,Unsan County (은산),은산군,groundbreaking,2025-02-28,paper mill,https://example.org/a,
            2025,North Phyongan,Unsan County,,groundbreaking,2025-02-28,paper mill,https://example.org/b,
            2026,Jagang,Rangnim County,,groundbreaking,2026-02-01,,https://example.org/c,
            """)
        #expect(entries.map(\.divisionID) == ["KP0720", "KP0617", "KP0504"])
    }

    @Test func unknownPlaceNamesLineColumnAndSuggests() throws {
        let error = try #require(throws: JibangError.self) {
            try read("2025,Kangwon,Kimwha County,,groundbreaking,2025-02-28,,https://example.org/a,")
        }
        #expect(error.code == .unknownPlace, "unexpected \(error)")
        let (location, name, suggestions) = (error.location, error.subject, error.alternatives)
        #expect(location?.line == 2)
        #expect(location?.column == 3)
        #expect(name == "Kimwha County")
        #expect(suggestions.first?.hasPrefix("Kimhwa County") == true)
    }

    @Test func everyBadRowIsReportedWithItsPlace() throws {
        let error = try #require(throws: JibangError.self) {
            try read(
                """
                2025,Kangwon,Kimhwa County,김화군,groundbreaking,2025-02-30,,https://example.org/a,
                2025,Kangwon,Kimhwa County,김화군,groundbreaking,2025-03-01,,,no source here
                2025,Kangwon,Kimhwa County,김화군,openin,2025-03-02,,https://example.org/b,
                2031x,Kangwon,Kimhwa County,김화군,inauguration,2025-03-02,,https://example.org/b,
                2025,Atlantis,Kimhwa County,김화군,inauguration,2025-03-02,,https://example.org/b,
                """)
        }
        let problems = error.problems
        let text = problems.map(\.description)
        try #require(problems.count == 5)
        #expect(text[0].hasPrefix("test.csv:2, column 6 (date): found \"2025-02-30\""))
        #expect(text[1].hasPrefix("test.csv:3, column 8 (source_url): no source"))
        #expect(text[2].hasPrefix("test.csv:4, column 5 (event): found \"openin\""))
        #expect(text[3].hasPrefix("test.csv:5, column 1 (year_wave)"))
        #expect(text[4].contains("test.csv:6, column 2 (province)"))
    }

    @Test func duplicatesInOneFileNameBothLines() throws {
        let error = try #require(throws: JibangError.self) {
            try read(
                """
                2025,Kangwon,Kimhwa County,김화군,groundbreaking,2025-02-28,,https://example.org/a,
                2025,Kangwon,Gimhwa,,groundbreaking,2025-02-28,,https://example.org/b,
                """)
        }
        #expect(error.code == .duplicate, "unexpected \(error)")
        let (location, what) = (error.location, error.subject ?? "")
        #expect(location?.line == 3)
        #expect(what.contains("test.csv:2"))
    }

    @Test func missingColumnsAreNamed() {
        #expect(throws: JibangError.self) { try ProgrammeCSV.read("a,b\n1,2\n", file: "x.csv", gazetteer: gazetteer) }
        do { _ = try ProgrammeCSV.read("year_wave,province\n2024,Kangwon\n", file: "x.csv", gazetteer: gazetteer) } catch {
            #expect(error.description.contains("city_county"))
            #expect(error.description.contains("x.csv:1"))
        }
    }
}
