import Foundation
import JibangCore
import JibangTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The few tests that run the built `jibang` executable as a user does: a fresh folder, a
/// process killed with SIGKILL, and a report rendered by two separate processes. Everything
/// else runs the same commands in this process (`jibang(_:in:)`).
@Suite struct EndToEndTests {
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
        // 20 factory sites; Sinpho's offshore farm, which the bundled record files under 2024, is an associated project.
        #expect(w2024["sites"] as? Int == 20)
        #expect(w2024["associated_projects"] as? [String] == ["Sinpho City"])
        let w2025 = try #require(waves.first { $0["year"] as? Int == 2025 })
        #expect(w2025["sites"] as? Int == 20)
        #expect(Set(w2025["associated_projects"] as? [String] ?? []) == ["Kusong City", "Rakwon County", "Unsan County"])
        #expect(object["as_of"] is String)
        let disputes = try #require(object["role_disputes"] as? [[String: Any]])
        #expect(disputes.map { $0["place"] as? String } == ["Rakwon County"])
        #expect(disputes.first?["counted_as"] as? String == "associated")
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
    @Test func reportIsCompleteAndByteIdenticalWhenRepeated() throws {
        let dir = TemporaryDirectory()
        let ingest = try JibangBinary.run(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        defer { dir.remove() }
        func report() throws -> [String: Data] {
            try? FileManager.default.removeItem(atPath: dir.file("out"))
            let run = try JibangBinary.run(["report", "--out", "out", "--measure", "mentions", "--value", "count"], in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("out")) {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: dir.file("out/" + name)))
            }
            return files
        }
        let first = try report()
        let second = try report()
        #expect(first == second)
        for name in [
            "figure-1-gdp-per-capita.svg", "figure-2-regional-vs-defence.svg", "figure-2-regional-vs-defence.csv", "figure-3-defence-science.svg",
            "figure-4-scatter.svg", "figure-4-statistics.csv", "peaks.csv", "methods.md",
        ] {
            #expect(first[name] != nil, "missing \(name)")
        }
        for (name, data) in first where name.hasSuffix(".svg") {
            #expect(XMLParser(data: data).parse(), "\(name) is not well-formed XML")
        }
        let figure2 = String(decoding: first["figure-2-regional-vs-defence.svg"] ?? Data(), as: UTF8.self)
        #expect(figure2.contains("regional-economy · New Year joint editorial"))
        #expect(figure2.contains("2010 New Year joint editorial"), "the event is labelled")
        let peaks = String(decoding: first["peaks.csv"] ?? Data(), as: UTF8.self)
        #expect(peaks.contains("regional-economy,New Year joint editorial,2011,6,"))
        let methods = String(decoding: first["methods.md"] ?? Data(), as: UTF8.self)
        #expect(methods.contains("jibang report --out out --measure mentions"))
        #expect(methods.contains("Documents in the store: 25; fingerprint `"))
        #expect(methods.contains("lexicon version"))
        #expect(methods.contains("1400 US$"))
        // Every number drawn in figure 2 is in its CSV: the 2011 row carries the joint editorial's 6 mentions.
        let csv = String(decoding: first["figure-2-regional-vs-defence.csv"] ?? Data(), as: UTF8.self)
        #expect(csv.split(separator: "\n").contains { $0.hasPrefix("2011,") && $0.contains(",6,") })
    }

}
