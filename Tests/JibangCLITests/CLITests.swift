import Foundation
import JibangCore
import JibangTestSupport
import Testing

@testable import JibangCLI

/// The commands as a user runs them: the built `jibang` executable in a fresh folder.
@Suite struct CLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func statusOnAFreshFolderCreatesTheDefaultStoreAndPrintsTheContract() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = try JibangBinary.run(["status", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("jibang.sqlite")))
        let object = try #require(try json(run.stdout) as? [String: Any])
        let waves = try #require(object["waves"] as? [[String: Any]])
        let stages = waves.compactMap { $0["stage"] as? String }
        #expect(stages.contains("pilot") && stages.contains("precursor") && stages.contains("20x10"))
        for wave in waves {
            #expect(wave["year"] is Int)
            #expect(wave["sites"] is Int && wave["groundbreakings"] is Int && wave["inaugurations"] is Int)
            #expect(wave.keys.contains("target"))
        }
        let w2024 = try #require(waves.first { $0["year"] as? Int == 2024 })
        #expect(w2024["target"] as? Int == 20)
        #expect(w2024["sites"] as? Int == 20)
    }

    @Test func statusTableIsTheDefaultCommand() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = try JibangBinary.run([], in: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("2024 wave"))
        #expect(run.stdout.contains("Coverage by province"))
    }

    @Test func placeJSONContract() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = try JibangBinary.run(["place", "Unsan", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let matches = try #require(try json(run.stdout) as? [[String: Any]])
        #expect(Set(matches.compactMap { $0["id"] as? String }) == ["KP0617", "KP0720"])
        for match in matches {
            for key in ["id", "name_ko", "name_kcna", "name_rr", "name_mr", "province"] { #expect(match[key] is String, "\(key)") }
            #expect(match["lat"] is Double && match["lon"] is Double)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("jibang.sqlite")), "place needs no store")
    }

    @Test func anUnknownPlaceFailsWithSuggestions() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = try JibangBinary.run(["place", "Kimwha"], in: dir.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("Did you mean"))
        #expect(run.stderr.contains("Kimhwa County"))
    }

    @Test func aBadImportNamesLineAndColumnAndChangesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let env = ["JIBANG_DATABASE": dir.file("env.sqlite")]
        let before = try JibangBinary.run(["export", "--format", "json"], in: dir.path, environment: env)
        #expect(FileManager.default.fileExists(atPath: dir.file("env.sqlite")), "JIBANG_DATABASE is honoured")
        let file = dir.write(
            "bad.csv",
            """
            year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes
            2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-01,factories,https://example.org/ok,
            2027,Kangwon,Kosan County,고산군,inauguration,2027-13-01,factories,https://example.org/bad,
            """)
        let run = try JibangBinary.run(["import", file], in: dir.path, environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.csv:3, column 6 (date)"))
        let after = try JibangBinary.run(["export", "--format", "json"], in: dir.path, environment: env)
        #expect(after.stdout == before.stdout)
    }

    @Test func addMilestoneAndSourceThenShowTheSite() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = ["--database", dir.file("a.sqlite")]
        let add = try JibangBinary.run(
            [
                "add", "milestone", "--place", "Unsan, South Phyongan", "--stage", "2025", "--event", "in_operation",
                "--date", "2026-03", "--url", "https://example.org/op", "--actor", "Pak Thae Song (person)",
            ] + db, in: dir.path)
        #expect(add.status == 0, "\(add.stderr)")
        let noSource = try JibangBinary.run(
            [
                "add", "milestone", "--place", "Kosan", "--stage", "2027", "--event", "groundbreaking", "--date", "2027-02", "--url", "",
            ] + db, in: dir.path)
        #expect(noSource.status != 0)
        #expect(noSource.stderr.contains("no source"))
        let ambiguous = try JibangBinary.run(
            [
                "add", "milestone", "--place", "Unsan", "--stage", "2027", "--event", "groundbreaking", "--date", "2027-02", "--url",
                "https://example.org/x",
            ] + db, in: dir.path)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("South Phyongan"))

        let site = try JibangBinary.run(["site", "Unsan, South Phyongan", "--format", "json"] + db, in: dir.path)
        let detail = try #require(try json(site.stdout) as? [String: Any])
        let stages = try #require(detail["stages"] as? [[String: Any]])
        let milestones = try #require(stages.first?["milestones"] as? [[String: Any]])
        let added = try #require(milestones.first { $0["kind"] as? String == "in_operation" })
        #expect(added["date"] as? String == "2026-03")
        let id = try #require(added["id"] as? Int)

        let source = try JibangBinary.run(
            ["add", "source", "--milestone", String(id), "--url", "https://example.org/more", "--title", "More"] + db, in: dir.path)
        #expect(source.status == 0, "\(source.stderr)")
        let table = try JibangBinary.run(["site", "은산군"] + db, in: dir.path)
        #expect(table.stdout.contains("https://example.org/more"))
        #expect(table.stdout.contains("2026-03"))
        #expect(table.stdout.contains("Pak Thae Song"))
    }

    @Test func exportImportRoundTripThroughTheCommandLine() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for format in ["json", "csv"] {
            let out = dir.file("export.\(format)")
            #expect(try JibangBinary.run(["export", "--format", format, "-o", out], in: dir.path).status == 0)
            let copy = ["--database", dir.file("copy-\(format).sqlite")]
            #expect(try JibangBinary.run(["init", "--empty"] + copy, in: dir.path).status == 0)
            let imported = try JibangBinary.run(["import", out] + copy, in: dir.path)
            #expect(imported.status == 0, "\(imported.stderr)")
            let original = try JibangBinary.run(["export", "--format", "json"], in: dir.path)
            let again = try JibangBinary.run(["export", "--format", "json"] + copy, in: dir.path)
            #expect(again.stdout == original.stdout, "\(format)")
        }
        let geo = try JibangBinary.run(["export", "--format", "geojson"], in: dir.path)
        let collection = try #require(try json(geo.stdout) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        #expect((collection["features"] as? [Any])?.count == 60)
    }

    @Test func initTwiceChangesNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(try JibangBinary.run(["init"], in: dir.path).status == 0)
        let first = try JibangBinary.run(["export"], in: dir.path).stdout
        let second = try JibangBinary.run(["init"], in: dir.path)
        #expect(second.stderr.contains("up to date"))
        #expect(try JibangBinary.run(["export"], in: dir.path).stdout == first)
    }

    /// kill -9 in the middle of a large import: the store holds all of the file or none of it,
    /// and importing again afterwards works.
    @Test func killingAnImportLeavesTheStoreConsistent() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let gazetteer = try BundledData.gazetteer()
        var sites: [[String: Any]] = []
        for division in gazetteer.localUnits {
            for year in 2027...2033 {
                let milestones = (1...6).map { month in
                    [
                        "event": "leader_visit", "date": String(format: "%d-%02d", year, month),
                        "sources": [["url": "https://example.org/\(division.id)/\(year)/\(month)"]],
                    ] as [String: Any]
                }
                sites.append(["stage": String(year), "division_id": division.id, "milestones": milestones])
            }
        }
        let document: [String: Any] = ["format": "jibang-programme", "version": 1, "sites": sites]
        let file = dir.file("big.json")
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: file))
        let total = sites.count * 6
        #expect(try JibangBinary.run(["init", "--empty"], in: dir.path).status == 0)

        let process = try JibangBinary.start(["import", file], in: dir.path)
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let exported = try JibangBinary.run(["export", "--format", "json"], in: dir.path)
        let stored = try #require(try json(exported.stdout) as? [String: Any])
        let count = (stored["sites"] as? [[String: Any]] ?? []).map { ($0["milestones"] as? [Any])?.count ?? 0 }.reduce(0, +)
        #expect(count == 0 || count == total, "found \(count) of \(total) milestones after kill -9")
        if count == 0 {
            let again = try JibangBinary.run(["import", file], in: dir.path)
            #expect(again.status == 0, "\(again.stderr)")
        }
    }

    @Test func commandLineParsing() throws {
        let status = try #require(try Jibang.parseAsRoot(["status", "--year", "2024", "--province", "Kangwon", "--format", "csv"]) as? Status)
        #expect(status.scope.year == 2024)
        #expect(status.scope.province == "Kangwon")
        #expect(status.output.format == .csv)
        let sites = try #require(try Jibang.parseAsRoot(["sites", "--status", "under-construction"]) as? Sites)
        #expect(sites.status == .underConstruction)
        #expect(throws: (any Error).self) { try Jibang.parseAsRoot(["sites", "--status", "finished"]) }
        let export = try #require(try Jibang.parseAsRoot(["export", "--format", "geojson", "--database", "x.sqlite"]) as? Export)
        #expect(export.format == .geojson)
        #expect(export.store.path == "x.sqlite")
    }
}

/// The corpus commands as a user runs them.
@Suite struct CorpusCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func ingestTrendKwicAndStats() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ingest = try JibangBinary.run(
            ["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl"), Fixtures.path("kcna-sample.json")], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("25 documents stored"))
        #expect(ingest.stderr.contains("bad records skipped (1 empty body)"))

        let trend = try JibangBinary.run(["trend", "regional-economy", "defence-science", "--measure", "mentions", "--format", "json"], in: dir.path)
        #expect(trend.status == 0, "\(trend.stderr)")
        let object = try #require(try json(trend.stdout) as? [String: Any])
        #expect(object["by"] as? String == "year")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == ["regional-economy", "defence-science"])
        let rows = try #require(object["rows"] as? [[String: Any]])
        let all = rows.filter { $0["outlet"] as? String == "all" }
        let regional = all.map { (($0["period"] as? String) ?? "", (($0["counts"] as? [String: Int]) ?? [:])["regional-economy"] ?? 0) }
        #expect(regional.max { $0.1 < $1.1 }?.0 == "2011")
        #expect(Set(rows.compactMap { $0["outlet"] as? String }).isSuperset(of: ["KCNA", "New Year address", "all"]))
        #expect(all.count == 2024 - 1995 + 1, "every year from first to last, zero-filled")

        let kwic = try JibangBinary.run(["kwic", "지방공업", "--limit", "3", "--format", "json"], in: dir.path)
        let lines = try #require(try json(kwic.stdout) as? [[String: Any]])
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { ($0["match"] as? String)?.replacingOccurrences(of: " ", with: "") == "지방공업" })

        let stats = try JibangBinary.run(["corpus", "stats", "--format", "json"], in: dir.path)
        let summary = try #require(try json(stats.stdout) as? [String: Any])
        // The sample's 60 items: one empty (skipped), and one link twice with the same text.
        #expect(summary["documents"] as? Int == 25 + 58)
        #expect(summary["duplicates_skipped"] as? Int == 1)
        #expect(summary["outdated_segments"] as? Int == 0)
        // Segments this version wrote need no rebuilding.
        let reindex = try JibangBinary.run(["corpus", "reindex"], in: dir.path)
        #expect(reindex.status == 0)
        #expect(reindex.stdout.contains("nothing to rebuild"))
    }

    @Test func strictIngestOfABadFileStoresNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.write("bad.jsonl", "{\"id\":\"1\",\"date\":\"2024-01-01\",\"body\":\"ok\"}\n{\"id\":\"2\",\"date\":\"nope\",\"body\":\"x\"}\n")
        let run = try JibangBinary.run(["ingest", file, "--strict"], in: dir.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.jsonl:2"))
        let stats = try JibangBinary.run(["corpus", "stats", "--format", "json"], in: dir.path)
        #expect((try json(stats.stdout) as? [String: Any])?["documents"] as? Int == 0)
    }

    /// kill -9 in the middle of an ingest, run it again: every document stored exactly once.
    @Test func anInterruptedIngestResumes() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let total = 30_000
        var text = ""
        for i in 0..<total {
            text +=
                "{\"id\":\"d\(i)\",\"outlet\":\"Rodong Sinmun\",\"date\":\"\(1995 + i % 30)-01-0\(1 + i % 9)\",\"body\":\"인민경제 \(i) 지방공업 발전 \(i * 7)\"}\n"
        }
        let file = dir.write("many.jsonl", text)
        let process = try JibangBinary.start(["ingest", file], in: dir.path)
        Thread.sleep(forTimeInterval: 0.8)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let again = try JibangBinary.run(["ingest", file], in: dir.path)
        #expect(again.status == 0, "\(again.stderr)")
        let stats = try JibangBinary.run(["corpus", "stats", "--format", "json"], in: dir.path)
        #expect((try json(stats.stdout) as? [String: Any])?["documents"] as? Int == total)
        let trend = try JibangBinary.run(["trend", "지방공업", "--format", "json"], in: dir.path)
        let rows = ((try json(trend.stdout) as? [String: Any])?["rows"] as? [[String: Any]]) ?? []
        #expect(rows.map { ($0["counts"] as? [String: Int])?["지방공업"] ?? 0 }.reduce(0, +) == total)
    }
}
