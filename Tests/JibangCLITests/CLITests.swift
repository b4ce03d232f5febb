import ArgumentParser
import Foundation
import GRDB
import JibangBase
import JibangCore
import JibangTestSupport
import Testing

@testable import JibangCLI

/// The commands as a user runs them, parsed and run in this process in a fresh folder.
@Suite struct CLITests {
    @Test func statusTableIsTheDefaultCommand() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = await jibang([], in: dir.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("2024 wave"))
        #expect(run.stdout.contains("Coverage by province"))
    }

    @Test func placeJSONContract() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = await jibang(["place", "Unsan", "--format", "json"], in: dir.path)
        #expect(run.status == 0)
        let matches = try #require(try json(run.stdout) as? [[String: Any]])
        #expect(Set(matches.compactMap { $0["id"] as? String }) == ["KP0617", "KP0720"])
        for match in matches {
            for key in ["id", "name_ko", "name_kcna", "name_rr", "name_mr", "province"] { #expect(match[key] is String, "\(key)") }
            #expect(match["lat"] is Double && match["lon"] is Double)
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("jibang.sqlite")), "place needs no store")
    }

    @Test func anUnknownPlaceFailsWithSuggestions() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = await jibang(["place", "Kimwha"], in: dir.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("Did you mean"))
        #expect(run.stderr.contains("Kimhwa County"))
    }

    /// Issue 21: a store address with a URL scheme is read as a URL, never as a file named
    /// "postgress:"; a bad URL names what is wrong and never shows the password.
    @Test func aStoreURLIsNeverTakenForAFileName() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let typo = await jibang(["status", "--database", "postgress://kim@db/jibang"], in: dir.path)
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("'postgress://' is not a store address"), "\(typo.stderr)")
        let noDatabase = await jibang(["sites"], in: dir.path, environment: ["JIBANG_DATABASE": "postgres://kim:hunter2@db:5432"])
        #expect(noDatabase.status != 0)
        #expect(noDatabase.stderr.contains("names no database") && !noDatabase.stderr.contains("hunter2"), "\(noDatabase.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no file was created")
    }

    /// Issue 21: the record's commands give the same bytes on PostgreSQL as on SQLite; the
    /// commands that need the corpus or the file say so.
    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func theRecordsCommandsAnswerTheSameOnPostgreSQL() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let team = try await TestPostgres.freshDatabase()
        let url = TestPostgres.url(team)
        let onSQLite = ["JIBANG_DATABASE": dir.file("jibang.sqlite")]
        let onPostgres = ["JIBANG_DATABASE": url]
        _ = dir.write(
            "extra.csv",
            """
            year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes
            2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-01,factories,https://example.org/kosan,
            2027,Kangwon,Kosan County,고산군,leader_visit,2027-03-05,factories,https://example.org/kosan-visit,
            """)
        for environment in [onSQLite, onPostgres] {
            let seeded = await jibang(["init"], in: dir.path, environment: environment)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let imported = await jibang(["import", dir.file("extra.csv")], in: dir.path, environment: environment)
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        for command in [["status", "--format", "json"], ["sites", "--format", "json"], ["export", "--format", "json"], ["status"]] {
            let a = await jibang(command, in: dir.path, environment: onSQLite)
            let b = await jibang(command, in: dir.path, environment: onPostgres)
            #expect(a.status == 0 && b.status == 0, "\(command): \(a.stderr) \(b.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "\(command) prints the same bytes on both engines")
        }
        let audit = await jibang(["audit", "--format", "json"], in: dir.path, environment: onPostgres)
        #expect(audit.status == 0 && audit.stdout.contains("extra.csv"), "the import is audited: \(audit.stderr)")
        // doctor reads the store, its schema and this process's corpus copy.
        let index = ["JIBANG_INDEX_DIR": dir.file("doctor-index")]
        let doctor = await jibang(["doctor"], in: dir.path, environment: onPostgres.merging(index) { $1 })
        #expect(doctor.status == 0 && doctor.stdout.contains("schema") && doctor.stdout.contains("current"), "\(doctor.stdout) \(doctor.stderr)")
        #expect(!doctor.stdout.contains(team.password ?? "\u{0}"), "no password in the report")
        var nowhere = team
        nowhere.port = 1
        let unreachable = await jibang(["doctor"], in: dir.path, environment: ["JIBANG_DATABASE": TestPostgres.url(nowhere)].merging(index) { $1 })
        #expect(unreachable.status != 0 && unreachable.stdout.contains("cannot reach"), "\(unreachable.stdout)")
        // backup writes a SQLite store with the same record; restore moves it into an empty database.
        let backup = await jibang(["backup", "--to", dir.file("b.sqlite")], in: dir.path, environment: onPostgres)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(!backup.stderr.contains(team.password ?? "\u{0}"), "no password in messages")
        let empty = try await TestPostgres.freshDatabase()
        let restored = await jibang(["restore", dir.file("b.sqlite"), "--database", TestPostgres.url(empty)], in: dir.path)
        #expect(restored.status == 0, "\(restored.stderr)")
        let again = await jibang(["restore", dir.file("b.sqlite"), "--database", TestPostgres.url(empty)], in: dir.path)
        #expect(again.status != 0 && again.stderr.contains("already holds a record"), "a store is never overwritten: \(again.stderr)")
        let exports = [
            await jibang(["export", "--format", "json"], in: dir.path, environment: onSQLite).stdout,
            await jibang(["export", "--format", "json", "--database", dir.file("b.sqlite")], in: dir.path).stdout,
            await jibang(["export", "--format", "json", "--database", TestPostgres.url(empty)], in: dir.path).stdout,
        ]
        #expect(exports[0].count > 100 && Set(exports).count == 1, "the record came through the backup and the restore")
    }

    /// Issue 21: the corpus commands give the same bytes on PostgreSQL as on SQLite, through
    /// the node that ingested and through a second node whose index folder starts empty.
    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func theCorpusCommandsAnswerTheSameOnPostgreSQL() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let team = try await TestPostgres.freshDatabase()
        let url = TestPostgres.url(team)
        let onSQLite = ["JIBANG_DATABASE": dir.file("jibang.sqlite")]
        let ingesting = ["JIBANG_DATABASE": url, "JIBANG_INDEX_DIR": dir.file("node-a")]
        let second = ["JIBANG_DATABASE": url, "JIBANG_INDEX_DIR": dir.file("node-b")]
        for environment in [onSQLite, ingesting] {
            for file in ["kcna-sample.json", "new-year-addresses-1995-2019.jsonl"] {
                let ingested = await jibang(["ingest", Fixtures.path(file)], in: dir.path, environment: environment)
                #expect(ingested.status == 0, "\(ingested.stderr)")
            }
        }
        for command in [
            ["trend", "지방발전", "--format", "json"], ["trend", "지방공업", "인민", "--by", "month", "--format", "csv"],
            ["kwic", "지방", "--format", "json"], ["corpus", "changes", "--format", "json"], ["corpus", "reprints", "--format", "json"],
        ] {
            let a = await jibang(command, in: dir.path, environment: onSQLite)
            #expect(a.status == 0 && a.stdout.count > 2, "\(command): \(a.stderr)")
            for environment in [ingesting, second] {
                let b = await jibang(command, in: dir.path, environment: environment)
                #expect(b.status == 0, "\(command): \(b.stderr)")
                #expect(a.stdout == b.stdout, "\(command) prints the same bytes on both engines")
            }
        }
        func counts(_ environment: [String: String]) async throws -> [String] {
            let run = await jibang(["corpus", "stats", "--format", "json"], in: dir.path, environment: environment)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
            return try ["documents", "versions", "by_outlet_year", "languages", "ingest_runs", "text_bytes"].map { key in
                String(
                    decoding: try JSONSerialization.data(withJSONObject: try #require(object[key]), options: [.sortedKeys, .fragmentsAllowed]),
                    as: UTF8.self)
            }
        }
        #expect(try await counts(onSQLite) == (try await counts(second)))
        #expect(FileManager.default.fileExists(atPath: dir.file("node-b/corpus.sqlite")), "the second node keeps its copy in its index folder")
    }

    /// Issue 21: `jibang migrate` moves the record to PostgreSQL and back, proves it, and never
    /// overwrites: a target that holds a record, an existing file, a source with a corpus.
    @Test(.enabled(if: TestPostgres.server != nil, "JIBANG_TEST_POSTGRES is set by .ci/run"))
    func migrateMovesTheRecordBetweenEnginesAndProvesIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let team = try await TestPostgres.freshDatabase()
        let url = TestPostgres.url(team)
        let source = dir.file("a.sqlite")
        #expect(await jibang(["init", "--database", source], in: dir.path).status == 0)
        let token = await jibang(["token", "create", "--role", "editor", "--database", source], in: dir.path)
        let there = await jibang(["migrate", "--from", source, "--to", url], in: dir.path)
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stderr.contains("every table, the programme export and the corpus fingerprint match") && there.stderr.contains("identical"))
        #expect(!there.stderr.contains(team.password ?? "\u{0}"), "the password is masked")
        let exported = await jibang(["export", "--format", "json", "--database", source], in: dir.path).stdout
        let exportedThere = await jibang(["export", "--format", "json", "--database", url], in: dir.path).stdout
        #expect(!exported.isEmpty && exported == exportedThere)
        let tokens = await jibang(["token", "list", "--database", url], in: dir.path)
        #expect(tokens.stdout.contains("editor") && token.status == 0, "the token moved")

        let again = await jibang(["migrate", "--from", source, "--to", url], in: dir.path)
        #expect(again.status != 0 && again.stderr.contains("already holds a record"), "\(again.stderr)")
        let back = await jibang(["migrate", "--from", url, "--to", dir.file("b.sqlite")], in: dir.path)
        #expect(back.status == 0, "\(back.stderr)")
        let exportedBack = await jibang(["export", "--format", "json", "--database", dir.file("b.sqlite")], in: dir.path).stdout
        #expect(exported == exportedBack)
        let exists = await jibang(["migrate", "--from", url, "--to", dir.file("b.sqlite")], in: dir.path)
        #expect(exists.status != 0 && exists.stderr.contains("exists already"))

        // A corpus moves too: versions (the subset has edited articles), a snapshot's
        // withdrawal, a reprint cluster; the answers are the same bytes on all three stores.
        let withCorpus = dir.file("c.sqlite")
        let body = (1...40).map { "The regional industry factory number \($0) in Kosan County was built." }.joined(separator: " ")
        let reprints = dir.write(
            "reprints.jsonl",
            """
            {"id": "r1", "outlet": "KCNA", "date": "2024-05-01", "title": "Factories", "body": "\(body)"}
            {"id": "r2", "outlet": "Rodong Sinmun", "date": "2024-05-01", "title": "Factories", "body": "\(body) Reprinted."}

            """)
        for arguments in [
            [Fixtures.path("kcna-programme-subset.json")], [reprints, "--snapshot", "feed", "--observed-at", "2024-05-02"],
            [
                dir.write(
                    "later.jsonl",
                    "{\"id\": \"r1\", \"outlet\": \"KCNA\", \"date\": \"2024-05-01\", \"title\": \"Factories\", \"body\": \"\(body)\"}\n"),
                "--snapshot", "feed", "--observed-at", "2024-05-03",
            ],
        ] {
            let run = await jibang(["ingest"] + arguments + ["--database", withCorpus], in: dir.path)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let other = try await TestPostgres.freshDatabase()
        let otherURL = TestPostgres.url(other)
        let moved = await jibang(["migrate", "--from", withCorpus, "--to", otherURL], in: dir.path)
        #expect(moved.status == 0 && moved.stderr.contains("corpus fingerprint match"), "\(moved.stderr)")
        let movedBack = await jibang(["migrate", "--from", otherURL, "--to", dir.file("c2.sqlite")], in: dir.path)
        #expect(movedBack.status == 0, "\(movedBack.stderr)")
        let node = ["JIBANG_INDEX_DIR": dir.file("node")]
        for command in [
            ["trend", "지방", "regional industry", "--format", "json"], ["corpus", "changes", "--format", "json"],
            ["corpus", "reprints", "--format", "json"],
        ] {
            var outputs: [String] = []
            for store in [withCorpus, otherURL, dir.file("c2.sqlite")] {
                let run = await jibang(command + ["--database", store], in: dir.path, environment: node)
                #expect(run.status == 0, "\(command): \(run.stderr)")
                outputs.append(run.stdout)
            }
            #expect(outputs[0].count > 10 && Set(outputs).count == 1, "\(command) answers the same on all three stores")
        }
        let changes = await jibang(["corpus", "changes", "--format", "json", "--database", otherURL], in: dir.path, environment: node).stdout
        #expect(changes.contains("\"withdrawn\"") && changes.contains("\"r2\""), "the withdrawal moved")
        let clusters = await jibang(["corpus", "reprints", "--format", "json", "--database", otherURL], in: dir.path, environment: node).stdout
        #expect(clusters.contains("\"r1\"") && clusters.contains("\"r2\""), "the cluster moved")
        let sameEngine = await jibang(["migrate", "--from", withCorpus, "--to", dir.file("d.sqlite")], in: dir.path)
        #expect(sameEngine.status != 0 && sameEngine.stderr.contains("jibang store copy"), "\(sameEngine.stderr)")
    }

    @Test func aBadImportNamesLineAndColumnAndChangesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let env = ["JIBANG_DATABASE": dir.file("env.sqlite")]
        let before = await jibang(["export", "--format", "json"], in: dir.path, environment: env)
        #expect(FileManager.default.fileExists(atPath: dir.file("env.sqlite")), "JIBANG_DATABASE is honoured")
        let file = dir.write(
            "bad.csv",
            """
            year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes
            2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-01,factories,https://example.org/ok,
            2027,Kangwon,Kosan County,고산군,inauguration,2027-13-01,factories,https://example.org/bad,
            """)
        let run = await jibang(["import", file], in: dir.path, environment: env)
        #expect(run.status == 65)
        #expect(run.stderr.contains("bad.csv:3, column 6 (date)"))
        let after = await jibang(["export", "--format", "json"], in: dir.path, environment: env)
        #expect(after.stdout == before.stdout)
    }

    /// Imports one 2027 Kosan County row (`event,date,facilities,url`) from `one.csv`; returns the file's path.
    func importKosan(_ row: String, in dir: TemporaryDirectory, _ db: [String]) async throws -> String {
        let file = dir.write(
            "one.csv",
            """
            year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes
            2027,Kangwon,Kosan County,고산군,\(row),
            """)
        let run = await jibang(["import", file] + db, in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        return file
    }

    /// Issue 14: an import's audit entry keeps its counts and the file's SHA-256, computed here
    /// by the system's own sha256sum.
    @Test func anImportIsAuditedWithTheFilesSHA256() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = ["--database", dir.file("a.sqlite")]
        let file = try await importKosan("groundbreaking,2027-02-01,factories,https://example.org/ok", in: dir, db)
        let sum = Process()
        sum.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sum.arguments = [file]
        let pipe = Pipe()
        sum.standardOutput = pipe
        try sum.run()
        sum.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ")[0]
        let audit = await jibang(["audit", "--entity", "import", "--format", "json"] + db, in: dir.path)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first { $0["action"] as? String == "import" })
        let after = try #require(entry["after"] as? [String: Any])
        #expect(after["sha256"] as? String == String(expected))
        #expect(after["milestones"] as? Double == 1 || after["milestones"] as? Int == 1)
        #expect(after["file"] as? String == "one.csv")
    }

    /// Issue 14: `jibang data update FILE` adds what the store lacks, says so, audits the file's
    /// hash, and leaves the bundled record's mark alone so that opening the store again applies nothing.
    @Test func dataUpdateAddsWhatIsMissingOnce() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = ["--database", dir.file("a.sqlite")]
        _ = await jibang(["init"] + db, in: dir.path)
        let bundled = try BundledData.programmeCSV()
        let lines = bundled.split(whereSeparator: \.isNewline)
        let file = dir.write(
            "newer.csv",
            ([lines[0], lines[1]].joined(separator: "\n"))
                + "\n2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-01,factories,https://example.org/k,,,\n")
        let first = await jibang(["data", "update", file] + db, in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("1 milestones and 0 sources added"), "\(first.stderr)")
        let second = await jibang(["data", "update", file] + db, in: dir.path)
        #expect(second.stderr.contains("0 milestones and 0 sources added"), "\(second.stderr)")
        _ = await jibang(["status"] + db, in: dir.path)
        let audit = await jibang(["audit", "--entity", "import", "--format", "json"] + db, in: dir.path)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.filter { $0["action"] as? String == "update" }.count == 2, "opening the store applies no bundle again")
        #expect(
            entries.filter { $0["action"] as? String == "update" }.allSatisfy { (($0["after"] as? [String: Any])?["sha256"] as? String)?.count == 64 }
        )
        let missing = await jibang(["data", "update", dir.file("nope.csv")] + db, in: dir.path)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope.csv: no such file"))
    }

    /// Issue 14: a source that gives another day is kept beside the milestone's own date; the
    /// site, status and both exports show the disagreement, and the JSON export reads it back.
    @Test func aSourceWithAnotherDateIsShownAsADisagreement() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = ["--database", dir.file("a.sqlite")]
        _ = try await importKosan("inauguration,2027-03-01,factories,https://kcnawatch.org/one", in: dir, db)
        let site = await jibang(["site", "Kosan", "--format", "json"] + db, in: dir.path)
        let detail = try #require(try JSONSerialization.jsonObject(with: Data(site.stdout.utf8)) as? [String: Any])
        let stages = try #require(detail["stages"] as? [[String: Any]])
        let milestone = try #require((stages.last?["milestones"] as? [[String: Any]])?.first)
        let id = try #require(milestone["id"] as? Int)
        let bad = await jibang(
            ["add", "source", "--milestone", String(id), "--url", "https://example.org/b", "--source-date", "March 3"] + db, in: dir.path)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--source-date"), "\(bad.stderr)")
        let add = await jibang(
            ["add", "source", "--milestone", String(id), "--url", "https://example.org/b", "--source-date", "2027-03-03"] + db, in: dir.path)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("disagree"))
        let text = await jibang(["site", "Kosan"] + db, in: dir.path)
        #expect(text.stdout.contains("the sources disagree on the date: 2027-03-01 ([1]) · 2027-03-03 ([2])"), "\(text.stdout)")
        let status = await jibang(["status", "--format", "json"] + db, in: dir.path)
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let disputed = try #require(figures["disputed_dates"] as? [[String: Any]])
        #expect(disputed.map { $0["milestone_id"] as? Int } == [id])
        let export = await jibang(["export", "--format", "json"] + db, in: dir.path)
        #expect(export.stdout.contains(#""date" : "2027-03-03""#))
        #expect(export.stdout.contains(#""date_readings" : ["#))
        let csv = await jibang(["export", "--format", "csv"] + db, in: dir.path)
        #expect(csv.stdout.contains("2027-03-01 (https://kcnawatch.org/one); 2027-03-03 (https://example.org/b)"))
        // Export → import into an empty store keeps the reading.
        let out = dir.write("all.json", export.stdout)
        let copy = ["--database", dir.file("b.sqlite")]
        _ = await jibang(["init", "--empty"] + copy, in: dir.path)
        let imported = await jibang(["import", out] + copy, in: dir.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(await jibang(["export", "--format", "json"] + copy, in: dir.path).stdout == export.stdout)
    }

    @Test func addMilestoneAndSourceThenShowTheSite() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let db = ["--database", dir.file("a.sqlite")]
        let add = await jibang(
            [
                "add", "milestone", "--place", "Unsan, South Phyongan", "--stage", "2025", "--event", "in_operation",
                "--date", "2026-03", "--url", "https://example.org/op", "--actor", "Pak Thae Song (person)",
            ] + db, in: dir.path)
        #expect(add.status == 0, "\(add.stderr)")
        let noSource = await jibang(
            [
                "add", "milestone", "--place", "Kosan", "--stage", "2027", "--event", "groundbreaking", "--date", "2027-02", "--url", "",
            ] + db, in: dir.path)
        #expect(noSource.status != 0)
        #expect(noSource.stderr.contains("no source"))
        let ambiguous = await jibang(
            [
                "add", "milestone", "--place", "Unsan", "--stage", "2027", "--event", "groundbreaking", "--date", "2027-02", "--url",
                "https://example.org/x",
            ] + db, in: dir.path)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("South Phyongan"))

        let site = await jibang(["site", "Unsan, South Phyongan", "--format", "json"] + db, in: dir.path)
        let detail = try #require(try json(site.stdout) as? [String: Any])
        let stages = try #require(detail["stages"] as? [[String: Any]])
        let milestones = try #require(stages.first?["milestones"] as? [[String: Any]])
        let added = try #require(milestones.first { $0["kind"] as? String == "in_operation" })
        #expect(added["date"] as? String == "2026-03")
        let id = try #require(added["id"] as? Int)

        let source = await jibang(
            ["add", "source", "--milestone", String(id), "--url", "https://example.org/more", "--title", "More"] + db, in: dir.path)
        #expect(source.status == 0, "\(source.stderr)")
        let table = await jibang(["site", "은산군"] + db, in: dir.path)
        #expect(table.stdout.contains("https://example.org/more"))
        #expect(table.stdout.contains("2026-03"))
        #expect(table.stdout.contains("Pak Thae Song"))
    }

    @Test func exportImportRoundTripThroughTheCommandLine() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for format in ["json", "csv"] {
            let out = dir.file("export.\(format)")
            #expect(await jibang(["export", "--format", format, "-o", out], in: dir.path).status == 0)
            let copy = ["--database", dir.file("copy-\(format).sqlite")]
            #expect(await jibang(["init", "--empty"] + copy, in: dir.path).status == 0)
            let imported = await jibang(["import", out] + copy, in: dir.path)
            #expect(imported.status == 0, "\(imported.stderr)")
            let original = await jibang(["export", "--format", "json"], in: dir.path)
            let again = await jibang(["export", "--format", "json"] + copy, in: dir.path)
            #expect(again.stdout == original.stdout, "\(format)")
        }
        let geo = await jibang(["export", "--format", "geojson"], in: dir.path)
        let collection = try #require(try json(geo.stdout) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        #expect((collection["features"] as? [Any])?.count == 63, "one feature per site of the bundled record")
    }

    @Test func initTwiceChangesNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["init"], in: dir.path).status == 0)
        let first = await jibang(["export"], in: dir.path).stdout
        let second = await jibang(["init"], in: dir.path)
        #expect(second.stderr.contains("up to date"))
        #expect(await jibang(["export"], in: dir.path).stdout == first)
    }

    @Test func commandLineParsing() async throws {
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
    @Test func ingestTrendKwicAndStats() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ingest = await jibang(
            ["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl"), Fixtures.path("kcna-sample.json")], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("25 documents stored"))
        #expect(ingest.stderr.contains("bad records skipped (1 empty body)"))

        let trend = await jibang(["trend", "regional-economy", "defence-science", "--measure", "mentions", "--format", "json"], in: dir.path)
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

        let kwic = await jibang(["kwic", "지방공업", "--limit", "3", "--format", "json"], in: dir.path)
        let lines = try #require(try json(kwic.stdout) as? [[String: Any]])
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { ($0["match"] as? String)?.replacingOccurrences(of: " ", with: "") == "지방공업" })

        let stats = await jibang(["corpus", "stats", "--format", "json"], in: dir.path)
        let summary = try #require(try json(stats.stdout) as? [String: Any])
        // The sample's 60 items: one empty (skipped), and one link twice with the same text.
        #expect(summary["documents"] as? Int == 25 + 58)
        #expect(summary["duplicates_skipped"] as? Int == 1)
        #expect(summary["outdated_segments"] as? Int == 0)
        // Segments this version wrote need no rebuilding.
        let reindex = await jibang(["corpus", "reindex"], in: dir.path)
        #expect(reindex.status == 0)
        #expect(reindex.stdout.contains("nothing to rebuild"))
        #expect(!reindex.stdout.contains("compacted"), "a store with no free space is left as it is")
        #expect(summary["store_bytes"] as? Int ?? 0 > summary["document_bytes"] as? Int ?? 0)

        // Free space left in the file (as by a compaction that was interrupted) is returned by
        // the next reindex, and only once.
        let queue = try DatabaseQueue(path: dir.path + "/jibang.sqlite")
        try await queue.write { db in
            try db.execute(sql: "CREATE TABLE filler (b BLOB)")
            try db.execute(sql: "INSERT INTO filler VALUES (zeroblob(8000000))")
        }
        try await queue.write { try $0.execute(sql: "DROP TABLE filler") }
        try queue.close()
        let compacting = await jibang(["corpus", "reindex"], in: dir.path)
        #expect(compacting.status == 0, "\(compacting.stderr)")
        #expect(compacting.stdout.contains("nothing to rebuild") && compacting.stdout.contains("compacted the store"), "\(compacting.stdout)")
        let again = await jibang(["corpus", "reindex"], in: dir.path)
        #expect(!again.stdout.contains("compacted"), "\(again.stdout)")
    }

    @Test func strictIngestOfABadFileStoresNothing() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.write("bad.jsonl", "{\"id\":\"1\",\"date\":\"2024-01-01\",\"body\":\"ok\"}\n{\"id\":\"2\",\"date\":\"nope\",\"body\":\"x\"}\n")
        let run = await jibang(["ingest", file, "--strict"], in: dir.path)
        #expect(run.status != 0)
        #expect(run.stderr.contains("bad.jsonl:2"))
        let stats = await jibang(["corpus", "stats", "--format", "json"], in: dir.path)
        #expect((try json(stats.stdout) as? [String: Any])?["documents"] as? Int == 0)
    }

}

/// Filters that can match nothing are errors, not empty answers (issue 12, part 3).
@Suite struct FilterCLITests {
    @Test func outletsMatchWithoutCaseAndUnknownOnesAreErrors() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(
            await jibang(["ingest", Fixtures.path("kcna-sample.json"), Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path).status == 0
        )
        let exact = await jibang(["trend", "regional-economy", "--outlet", "KCNA", "--format", "json"], in: dir.path)
        let lower = await jibang(["trend", "regional-economy", "--outlet", "kcna", "--format", "json"], in: dir.path)
        #expect(exact.status == 0 && lower.status == 0, "\(lower.stderr)")
        let rows = try #require((try json(exact.stdout) as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.contains { ($0["total"] as? Int ?? 0) > 0 }, "the KCNA rows count documents")
        #expect(lower.stdout == exact.stdout, "kcna is KCNA")

        let unknown = await jibang(["trend", "regional-economy", "--outlet", "Rodong Sinmun"], in: dir.path)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("no outlet \"Rodong Sinmun\""))
        #expect(unknown.stderr.contains("KCNA") && unknown.stderr.contains("New Year address"), "names the outlets there are")
        #expect(unknown.stdout.isEmpty)
        let kwic = await jibang(["kwic", "지방공업", "--outlet", "Minju Joson"], in: dir.path)
        #expect(kwic.status == 65)
    }

    @Test func anInvertedRangeIsAnErrorAndAnEmptyMatchIsNot() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path).status == 0)
        let inverted = await jibang(["trend", "regional-economy", "--from", "2015", "--to", "2010"], in: dir.path)
        #expect(inverted.status == 65)
        #expect(inverted.stderr.contains("before it starts"))
        #expect(inverted.stderr.contains("--from"), "the hint names the flag")
        // Documents in range, no term among them: a valid answer of zeros.
        let zeros = await jibang(["trend", "nothing=존재하지않는낱말", "--from", "2010", "--to", "2012", "--format", "json"], in: dir.path)
        #expect(zeros.status == 0, "\(zeros.stderr)")
        let rows = try #require((try json(zeros.stdout) as? [String: Any])?["rows"] as? [[String: Any]]).filter { $0["outlet"] as? String == "all" }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { ($0["counts"] as? [String: Int])?["nothing"] == 0 && ($0["total"] as? Int ?? 0) > 0 })
    }
}

/// Group names that are not what they seem (issue 12, part 1).
@Suite struct PresetNameCLITests {
    func trend(_ group: String, in dir: TemporaryDirectory) async throws -> (name: String?, counts: [Int], run: Jibang.RunResult) {
        let run = await jibang(["trend", group, "--format", "json"], in: dir.path)
        let object = try? json(run.stdout) as? [String: Any]
        let name = (object?["groups"] as? [[String: Any]])?.first?["name"] as? String
        let rows = (object?["rows"] as? [[String: Any]] ?? []).filter { $0["outlet"] as? String == "all" }
        return (name, rows.map { ($0["counts"] as? [String: Int])?.values.first ?? 0 }, run)
    }

    @Test func presetsIgnoreCaseAndSpellingAndLookalikesAreErrors() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path).status == 0)
        let uk = try await trend("defence-industry", in: dir)
        #expect(uk.counts.reduce(0, +) > 0)
        let us = try await trend("defense-industry", in: dir)
        #expect(us.name == "defence-industry", "the output names the preset it expanded")
        #expect(us.counts == uk.counts)
        let regional = try await trend("regional-economy", in: dir)
        let capitalised = try await trend("Regional-Economy", in: dir)
        #expect(capitalised.name == "regional-economy")
        #expect(capitalised.counts == regional.counts)

        let lookalike = try await trend("regional-econ", in: dir)
        #expect(lookalike.run.status == 65)
        #expect(lookalike.run.stderr.contains("did you mean regional-economy"))
        #expect(lookalike.run.stdout.isEmpty)
        let quoted = try await trend("\"regional-econ\"", in: dir)
        #expect(quoted.run.status == 0, "a quoted phrase is counted as written: \(quoted.run.stderr)")
    }
}

/// The rough edges an analyst meets in the first hour (issue 12, part 6).
enum ProgrammeCSVHeader {
    static let text = "year_wave,province,city_county,korean_name,event,date,facility_types,source_url,notes"
}

@Suite struct FirstHourCLITests {
    @Test func aMisspelledCommandSuggestsTheNearest() async {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = await jibang(["trnd", "regional-economy"], in: dir.path)
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown command 'trnd'; did you mean trend"), "\(run.stderr)")
        #expect(!run.stderr.contains("status"), "the default command is not blamed")
    }

    @Test func theSiteTableShowsFacilitiesAndNotes() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let add = await jibang(
            [
                "add", "milestone", "--place", "Kosan County", "--stage", "2024", "--event", "official_visit", "--date", "2025-01-15",
                "--facilities", "paper mill; shoe factory", "--note", "reported by KCNA only", "--url", "https://example.org/kosan",
            ], in: dir.path)
        #expect(add.status == 0, "\(add.stderr)")
        let table = await jibang(["site", "Kosan County"], in: dir.path)
        #expect(table.status == 0)
        #expect(table.stdout.contains("paper mill; shoe factory"))
        #expect(table.stdout.contains("reported by KCNA only"))
    }

    /// Issue 15: phases by written rules, reproducible with --as-of; roles set with a reason.
    @Test func phasesAndRolesThroughTheCommandLine() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // On 2025-06-30 the 2025 wave had broken ground and none was inaugurated; a site whose
        // only report is a groundbreaking in late February was not yet stalled (12 months).
        let json = await jibang(["sites", "--year", "2025", "--as-of", "2025-06-30", "--format", "json"], in: dir.path)
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.allSatisfy { $0["as_of"] as? String == "2025-06-30" })
        #expect(!rows.contains { $0["phase"] as? String == "inaugurated" })
        #expect(!rows.contains { $0["phase"] as? String == "stalled" })
        #expect(rows.filter { $0["role"] as? String == "associated" }.count == 3)
        // A year later, with a 3-month stall period, only Unsan's paper mill (no inauguration on
        // record; last report the visit of 2025-12-03) is stalled; with 12 months, none.
        let later = await jibang(["sites", "--year", "2025", "--phase", "stalled", "--as-of", "2026-06-30", "--stall-months", "3"], in: dir.path)
        #expect(later.stderr.contains("1 site(s)") && later.stdout.contains("Unsan County"), "\(later.stderr)")
        let twelve = await jibang(["sites", "--year", "2025", "--phase", "stalled", "--as-of", "2026-06-30"], in: dir.path)
        #expect(twelve.stderr.contains("0 site(s)"), "\(twelve.stderr)")
        let explain = await jibang(["site", "Taegwan", "--explain", "--as-of", "2025-06-30"], in: dir.path)
        #expect(explain.stdout.contains("phase framework-completed as of 2025-06-30"), "\(explain.stdout)")
        #expect(explain.stdout.contains("framework_completed"))

        let edit = await jibang(["edit", "site", "Rakwon", "--stage", "2025", "--role", "wave", "--reason", "Chosun Sinbo's list"], in: dir.path)
        #expect(edit.status == 0, "\(edit.stderr)")
        let status = await jibang(["status", "--year", "2025", "--format", "json"], in: dir.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let wave = try #require((object["waves"] as? [[String: Any]])?.first)
        #expect(wave["sites"] as? Int == 21)
        let audit = await jibang(["audit", "--entity", "site", "--format", "json"], in: dir.path)
        #expect(audit.stdout.contains("Chosun Sinbo's list"))
        let noReason = await jibang(["edit", "site", "Rakwon", "--role", "associated"], in: dir.path)
        #expect(noReason.status != 0)
    }

    /// Issue 15: a release folder holds every format, a changelog and a manifest whose hashes
    /// match the files (checked with the system's sha256sum); a diff after an import lists the rows.
    @Test func releasesThroughTheCommandLine() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let first = await jibang(["release", "create", "2026-11", "--notes", "bundled record"], in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        let folder = dir.file("releases/2026-11")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["CHANGELOG.md", "manifest.json", "programme.csv", "programme.geojson", "programme.json", "programme.kml"])
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/manifest.json"))) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        #expect(files.count == 5)
        for file in files {
            let name = try #require(file["name"] as? String)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [folder + "/" + name]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let sum = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init)
            #expect(sum == file["sha256"] as? String, "\(name)")
        }
        #expect(manifest["jibang_version"] as? String != nil && manifest["release"] as? String == "2026-11")
        let json = try String(contentsOfFile: folder + "/programme.json", encoding: .utf8)
        #expect(json.contains("\"provenance\" : \"release 2026-11\""))

        let row = "2027,Kangwon,Kosan County,고산군,groundbreaking,2027-02-01,factories,https://example.org/k,"
        let file = dir.write("new.csv", ProgrammeCSVHeader.text + "\n" + row + "\n")
        #expect(await jibang(["import", file], in: dir.path).status == 0)
        #expect(await jibang(["release", "create", "2026-12", "--out", "r2"], in: dir.path).status == 0)
        let diff = await jibang(["release", "diff", "2026-11", "2026-12", "--format", "json"], in: dir.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [String: Any])
        let added = try #require(object["added"] as? [[String: Any]])
        #expect(added.count == 1 && added.first?["place"] as? String == "Kosan County" && added.first?["date"] as? String == "2027-02-01")
        #expect((object["changed"] as? [Any])?.isEmpty == true && (object["removed"] as? [Any])?.isEmpty == true)
        let changelog = try String(contentsOfFile: dir.file("r2/CHANGELOG.md"), encoding: .utf8)
        #expect(changelog.contains("## Kosan County (2027)") && changelog.contains("https://example.org/k"))
        let list = await jibang(["release", "list"], in: dir.path)
        #expect(list.stdout.contains("2026-11") && list.stdout.contains("2026-12"))
        let again = await jibang(["release", "create", "2026-11"], in: dir.path)
        #expect(again.status != 0 && again.stderr.contains("immutable"))
    }

    /// Issue 16, part 4: the version names the commit the binary was built from (read here with
    /// git itself) and the build day.
    @Test func theVersionNamesTheCommit() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", URL(fileURLWithPath: #filePath).deletingLastPathComponent().path, "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        let head = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let run = await jibang(["--version"], in: dir.path)
        if process.terminationStatus == 0 && head.count == 40 {
            #expect(run.stdout.contains("commit \(head.prefix(12))"), "\(run.stdout)")
        } else {
            #expect(run.stdout.contains("unknown commit"))
        }
        #expect(run.stdout.hasPrefix(JibangVersion.current) && run.stdout.contains("built 20"))
    }

    /// Issue 16, part 4: `jibang doctor` reports each check with what to do, changes nothing,
    /// and fails only on a problem.
    @Test func doctorChecksTheStoreWithoutChangingIt() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let missing = await jibang(["doctor", "--database", dir.file("none.sqlite")], in: dir.path)
        #expect(missing.status == 0 && missing.stdout.contains("no store at"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.sqlite")), "the doctor creates nothing")
        let db = dir.file("a.sqlite")
        _ = await jibang(["init", "--database", db], in: dir.path)
        let corpus = dir.write("c.jsonl", #"{"id": "a", "outlet": "KCNA", "date": "2024-03-01", "title": "t", "body": "지방공업공장 건설"}"# + "\n")
        #expect(await jibang(["ingest", corpus, "--database", db], in: dir.path).status == 0)
        let healthy = await jibang(["doctor", "--database", db], in: dir.path)
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(!healthy.stdout.contains("warning") && !healthy.stdout.contains("problem"), "\(healthy.stdout)")
        // The compiled-in data, counted as its documentation describes it: 13 provincial-level
        // units and 200 cities, counties and districts; six events (EventFile.bundled's list).
        #expect(healthy.stdout.contains("divisions.csv (213 units)"), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("events.csv (6)"), "\(healthy.stdout)")
        // A lost segment file and an older bundle mark are warnings with a fix.
        let segments = try FileManager.default.contentsOfDirectory(atPath: db + ".corpus")
        for file in segments { try FileManager.default.removeItem(atPath: db + ".corpus/" + file) }
        let queue = try DatabaseQueue(path: db)
        try await queue.write { try $0.execute(sql: "UPDATE meta SET value = '20x10-sites.csv@old' WHERE key = 'bundled_programme'") }
        let warned = await jibang(["doctor", "--database", db], in: dir.path)
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("segment(s) missing, damaged or in an older format") && warned.stdout.contains("corpus reindex"))
        #expect(warned.stdout.contains("the store took 20x10-sites.csv@old"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: db + ".corpus").isEmpty, "nothing was rebuilt")
        // A store written by a newer Jibang is a problem: exit 1.
        try await queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 from the future')") }
        let newer = await jibang(["doctor", "--database", db], in: dir.path)
        #expect(newer.status == 1 && newer.stdout.contains("written by a newer Jibang (v99 from the future)"), "\(newer.stdout)")
    }

    /// Issue 17, part 3: `jibang backup --to`, then `jibang restore FILE` (the default of
    /// `restore`, beside `restore milestone`), as a user types them.
    @Test func backupAndRestoreAsTyped() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let corpus = dir.write("c.jsonl", #"{"id": "a", "outlet": "KCNA", "date": "2024-03-01", "title": "t", "body": "지방공업공장 건설"}"# + "\n")
        #expect(await jibang(["ingest", corpus], in: dir.path).status == 0)
        let backup = await jibang(["backup", "--to", "saved.sqlite"], in: dir.path)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stderr.contains("1 documents, index left out"), "\(backup.stderr)")
        #expect(await jibang(["backup", "--to", "saved.sqlite"], in: dir.path).status != 0, "never overwrites")
        let more = dir.write("d.jsonl", #"{"id": "b", "outlet": "KCNA", "date": "2024-04-01", "title": "t", "body": "지방공업공장 준공"}"# + "\n")
        #expect(await jibang(["ingest", more], in: dir.path).status == 0)
        let restored = await jibang(["restore", "saved.sqlite"], in: dir.path)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stderr.contains("1 documents; index segments: 0 copied, 1 rebuilt"), "\(restored.stderr)")
        #expect(restored.stderr.contains("the replaced store is at"))
        let trend = await jibang(["trend", "지방공업", "--by", "month", "--format", "csv"], in: dir.path)
        #expect(trend.stdout.contains("2024-03") && !trend.stdout.contains("2024-04"), "\(trend.stdout)")
    }

    @Test func tablesLabelDocumentsShortly() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("kcna-programme-subset.json")], in: dir.path).status == 0)
        let json = await jibang(["kwic", "regional industry", "--limit", "3", "--format", "json"], in: dir.path)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let id = try #require(hits.first?["document_id"] as? String)
        #expect(id.hasPrefix("http"), "the fixture's ids are web addresses")
        let table = await jibang(["kwic", "regional industry", "--limit", "3"], in: dir.path)
        #expect(table.status == 0)
        #expect(!table.stdout.contains(id), "the table shows a label, not the address")
        #expect(table.stdout.contains(String((hits.first?["title"] as? String ?? "").prefix(20))))
    }

    @Test func anIngestThatStoresNothingFails() async {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let bad = dir.write("bad.jsonl", "{\"id\":\"1\",\"date\":\"nope\",\"body\":\"x\"}\n{\"id\":\"2\",\"date\":\"2024-01-01\",\"body\":\"\"}\n")
        let run = await jibang(["ingest", bad], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("nothing was stored from bad.jsonl"))
        let partlyBad = dir.write(
            "mixed.jsonl", "{\"id\":\"1\",\"date\":\"nope\",\"body\":\"x\"}\n{\"id\":\"2\",\"date\":\"2024-01-01\",\"body\":\"ok\"}\n")
        #expect(await jibang(["ingest", partlyBad], in: dir.path).status == 0, "some records stored: a success with a warning")
    }
}

/// Imports and additions are checked against the store (issue 12, part 4).
@Suite struct RecordCheckCLITests {
    @Test func aDryRunReportsRowsAlreadyInTheStore() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let export = await jibang(["export", "--format", "csv", "-o", dir.file("all.csv")], in: dir.path)
        #expect(export.status == 0)
        let rows = try String(contentsOfFile: dir.file("all.csv"), encoding: .utf8).split(separator: "\n").count - 1
        let dry = await jibang(["import", dir.file("all.csv"), "--dry-run"], in: dir.path)
        #expect(dry.status == 65, "every row is already stored: \(dry.stderr.prefix(300))")
        #expect(dry.stderr.contains("\(rows) problems"), "one problem per row (\(rows))")
        #expect(dry.stderr.contains("already in the store"))
        #expect(!dry.stderr.contains("no problems found"))
    }

    @Test func additionsAreCheckedAgainstTheRecord() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let record = try #require(try json(await jibang(["export", "--format", "json"], in: dir.path).stdout) as? [String: Any])
        let sites = try #require(record["sites"] as? [[String: Any]])
        // A site with an inauguration recorded to the day, found by a plain scan of the export.
        let site = try #require(
            sites.first { site in
                (site["milestones"] as? [[String: Any]] ?? []).contains {
                    $0["event"] as? String == "inauguration" && ($0["date"] as? String)?.count == 10
                }
            })
        let stage = try #require(site["stage"] as? String)
        let place = try #require(site["division_id"] as? String)
        let day = try #require(
            (site["milestones"] as? [[String: Any]])?.first { $0["event"] as? String == "inauguration" && ($0["date"] as? String)?.count == 10 }?[
                "date"] as? String)
        let month = String(day.prefix(7))
        func add(_ event: String, _ date: String, _ extra: [String] = []) async -> Jibang.RunResult {
            await jibang(
                ["add", "milestone", "--place", place, "--stage", stage, "--event", event, "--date", date, "--url", "https://example.org/\(date)"]
                    + extra, in: dir.path)
        }
        let overlap = await add("inauguration", month)
        #expect(overlap.status == 65)
        #expect(overlap.stderr.contains("contains milestone #"))
        #expect(overlap.stderr.contains("--allow-overlap"), "the hint in the CLI's words")
        #expect(await add("inauguration", month, ["--allow-overlap"]).status == 0)

        let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let future = await add("official_visit", "\(nextYear)-03-01")
        #expect(future.status == 65)
        #expect(future.stderr.contains("after today"))
        #expect(future.stderr.contains("try: --status \"planned\""), "the hint in the CLI's words: \(future.stderr)")

        // An announced event is kept as planned, future date and all, and counts as nothing done.
        let pending = try #require(
            sites.first { site in !(site["milestones"] as? [[String: Any]] ?? []).contains { $0["event"] as? String == "inauguration" } })
        let pendingPlace = try #require(pending["division_id"] as? String)
        let pendingStage = try #require(pending["stage"] as? String)
        func summary() async throws -> [String: Any]? {
            let rows = try json(await jibang(["sites", "--format", "json"], in: dir.path).stdout) as? [[String: Any]]
            return rows?.first { $0["division_id"] as? String == pendingPlace && $0["stage"] as? String == pendingStage }
        }
        let beforePlan = try #require(try await summary())
        let inaugurated = try json(await jibang(["status", "--format", "json"], in: dir.path).stdout)
        let planned = await jibang(
            [
                "add", "milestone", "--place", pendingPlace, "--stage", pendingStage, "--event", "inauguration", "--date", "\(nextYear)-10",
                "--status", "planned", "--url", "https://example.org/announced",
            ], in: dir.path)
        #expect(planned.status == 0, "\(planned.stderr)")
        let after = try #require(try await summary())
        #expect(after["milestones"] as? Int == (beforePlan["milestones"] as? Int ?? 0) + 1, "the planned milestone is kept")
        #expect(after["status"] as? String == beforePlan["status"] as? String && after["status"] as? String != "completed")
        #expect(after["inauguration"] == nil || after["inauguration"] is NSNull, "no inauguration has happened")
        let status = try json(await jibang(["status", "--format", "json"], in: dir.path).stdout)
        #expect(
            NSDictionary(dictionary: status as? [String: Any] ?? [:]).isEqual(to: inaugurated as? [String: Any] ?? ["": 0]),
            "the programme's figures, record date included, do not move")

        // An inauguration dated before a site's groundbreaking (recorded to the day) is stored with a warning.
        func groundbreakingDay(_ site: [String: Any]) -> String? {
            (site["milestones"] as? [[String: Any]])?.first { $0["event"] as? String == "groundbreaking" && ($0["date"] as? String)?.count == 10 }?[
                "date"] as? String
        }
        let broken = try #require(sites.first { groundbreakingDay($0) != nil })
        let before = "\(Int(groundbreakingDay(broken)!.prefix(4))! - 1)-01-05"
        let early = await jibang(
            [
                "add", "milestone", "--place", try #require(broken["division_id"] as? String), "--stage", try #require(broken["stage"] as? String),
                "--event", "inauguration", "--date", before, "--url", "https://example.org/early",
            ], in: dir.path)
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("warning: the inauguration (\(before)) is dated before the site's groundbreaking"), "\(early.stderr)")
    }
}

/// The store is one thing: a database with its index (issue 12, part 5).
@Suite struct StoreCopyCLITests {
    @Test func aStoreCopiedWithoutItsIndexIsRepairedByReindex() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path).status == 0)
        let original = await jibang(["trend", "regional-economy", "--format", "json"], in: dir.path)
        #expect(original.status == 0)
        try FileManager.default.createDirectory(atPath: dir.file("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir.file("jibang.sqlite"), toPath: dir.file("elsewhere/jibang.sqlite"))
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: dir.file("jibang.sqlite" + suffix)) {
            try FileManager.default.copyItem(atPath: dir.file("jibang.sqlite" + suffix), toPath: dir.file("elsewhere/jibang.sqlite" + suffix))
        }
        let elsewhere = dir.file("elsewhere")
        let broken = await jibang(["trend", "regional-economy", "--format", "json"], in: elsewhere)
        #expect(broken.status == 74)
        #expect(broken.stderr.contains("missing or damaged"))
        #expect(broken.stderr.contains("jibang corpus reindex"), "the advice repairs it: \(broken.stderr)")
        let reindex = await jibang(["corpus", "reindex"], in: elsewhere)
        #expect(reindex.status == 0, "\(reindex.stderr)")
        #expect(reindex.stdout.contains("rebuilt"))
        #expect(await jibang(["trend", "regional-economy", "--format", "json"], in: elsewhere).stdout == original.stdout)
    }

    @Test func storeCopyTakesTheIndexAlongAndNeverOverwrites() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path).status == 0)
        let original = await jibang(["trend", "regional-economy", "--format", "json"], in: dir.path)
        let copy = await jibang(["store", "copy", "jibang.sqlite", "copy.sqlite"], in: dir.path)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stderr.contains("25 documents"))
        let copied = await jibang(["trend", "regional-economy", "--format", "json", "--database", "copy.sqlite"], in: dir.path)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout == original.stdout)
        let again = await jibang(["store", "copy", "jibang.sqlite", "copy.sqlite"], in: dir.path)
        #expect(again.status == 65)
        #expect(again.stderr.contains("already exists"))
    }
}

/// Status says which record it shows (issue 12, part 6).
@Suite struct RecordProvenanceCLITests {
    @Test func statusNamesTheRecordDateAndTheBundle() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let export = try #require(
            try JSONSerialization.jsonObject(with: Data(await jibang(["export", "--format", "json"], in: dir.path).stdout.utf8)) as? [String: Any])
        // The newest day by a plain scan: each milestone's last possible day (its date, or a range's end) and each source's day.
        var newest = ""
        for site in export["sites"] as? [[String: Any]] ?? [] {
            for milestone in site["milestones"] as? [[String: Any]] ?? [] {
                let date = milestone["date"] as? String ?? ""
                let end = date.split(separator: "/").last.map(String.init) ?? date
                if end.count == 10 { newest = max(newest, end) }
                for source in milestone["sources"] as? [[String: Any]] ?? [] { newest = max(newest, source["published"] as? String ?? "") }
            }
        }
        let status = try #require(
            try JSONSerialization.jsonObject(with: Data(await jibang(["status", "--format", "json"], in: dir.path).stdout.utf8)) as? [String: Any])
        let asOf = try #require(status["record_as_of"] as? String)
        #expect(asOf >= newest, "at least the newest day given to the day (\(newest))")
        #expect(asOf.hasPrefix(String(newest.prefix(4))), "in the same year as the newest day (\(newest))")
        #expect((status["bundled_data"] as? String)?.hasPrefix("20x10-sites.csv@") == true)
        let table = await jibang(["status"], in: dir.path)
        #expect(table.stdout.contains("Record as of \(asOf)"))
    }
}

/// Correcting the record from the command line (issue 14): edit, retract and restore with a
/// reason, and the audit trail in its JSON shape.
@Suite struct CorrectionCLITests {
    @Test func editRetractRestoreAndTheAuditTrail() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let record = try #require(try json(await jibang(["site", "Kimhwa", "--format", "json"], in: dir.path).stdout) as? [String: Any])
        let milestones = try #require((record["stages"] as? [[String: Any]])?.first?["milestones"] as? [[String: Any]])
        let id = try #require(milestones.first?["id"] as? Int)

        let noReason = await jibang(["edit", "milestone", String(id), "--note", "x"], in: dir.path)
        #expect(noReason.status != 0 && noReason.stderr.contains("--reason"), "a reason is required: \(noReason.stderr)")
        let nothing = await jibang(["edit", "milestone", String(id), "--reason", "why"], in: dir.path)
        #expect(nothing.status == 65 && nothing.stderr.contains("nothing to change"))
        let edit = await jibang(["edit", "milestone", String(id), "--note", "checked against the KCNA report", "--reason", "a note"], in: dir.path)
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(await jibang(["retract", "milestone", String(id), "--reason", "wrong county"], in: dir.path).status == 0)
        let site = await jibang(["site", "Kimhwa"], in: dir.path)
        #expect(site.stdout.contains("retracted"), "the site shows the retraction")
        #expect(await jibang(["retract", "milestone", String(id), "--reason", "again"], in: dir.path).status == 65)
        #expect(await jibang(["restore", "milestone", String(id), "--reason", "right county"], in: dir.path).status == 0)
        #expect(await jibang(["edit", "milestone", "999999", "--note", "x", "--reason", "y"], in: dir.path).status == 66)

        let audit = await jibang(["audit", "--entity", "milestone", "--id", String(id), "--format", "json"], in: dir.path)
        let entries = try #require(try json(audit.stdout) as? [[String: Any]])
        #expect(entries.map { $0["action"] as? String } == ["restore", "retract", "edit"])
        #expect(Set(entries[0].keys) == ["id", "at", "actor", "action", "entity", "entity_id", "reason", "before", "after"])
        #expect((entries[0]["actor"] as? [String: Any])?["kind"] as? String == "cli")
        #expect(entries[2]["reason"] as? String == "a note")
        let after = (entries[2]["after"] as? [String: Any])?["milestone"] as? [String: Any]
        #expect(after?["note"] as? String == "checked against the KCNA report")
        let table = await jibang(["audit", "--limit", "2"], in: dir.path)
        #expect(table.stdout.split(separator: "\n").count == 2 && table.stdout.contains("restore milestone \(id) — right county"))
    }
}
