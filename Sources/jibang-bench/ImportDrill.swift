import Foundation
import GRDB
import JibangCSV

/// The import drill: kill -9 a large programme import at seeded moments. An import is
/// all-or-nothing per file (one transaction), so after each kill the store must be exactly as
/// before (same record, same audit trail, integrity ok), and importing again must end where a
/// clean import ends.
extension Drills {
    /// Writes `rows` distinct official visits, spread over the bundled record's sites, in the
    /// shape of `jibang export --format csv`, from a fresh store's own export (so every place
    /// and column is one the importer accepts).
    func writeImport(rows: Int, base: String, to path: String) throws {
        let table = try CSVTable(parsing: try jibangRun(["export", "--format", "csv", "--database", base]))
        guard let place = table.column("division_id"), let event = table.column("event"), let date = table.column("date"),
            let url = table.column("source_url")
        else { throw Failure(description: "the export has no division_id, event, date or source_url column") }
        var seen = Set<String>()
        let templates = table.rows.filter { seen.insert($0.fields[place]).inserted }
        let cleared = ["notes", "more_sources", "source_quote", "actors", "date_readings", "role_readings"].compactMap(table.column)
        var lines = [CSVWriter.line(table.header)]
        let first = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        for row in 0..<rows {
            var fields = templates[row % templates.count].fields
            fields[event] = "official_visit"
            fields[date] = day.string(from: first.addingTimeInterval(Double(row / templates.count) * 86_400))
            fields[url] = "https://example.org/drill/\(row)"
            for column in cleared { fields[column] = "" }
            lines.append(CSVWriter.line(fields))
        }
        try lines.map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// What an import may change: the record, its sources and the audit trail.
    func recordFingerprint(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read { db in
            try ["site", "milestone", "source", "audit"].map { table in
                "\(table) \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)"
            }.joined(separator: ", ")
        }
    }

    mutating func importDrill(rows: Int) throws {
        let base = work + "/import-base.sqlite"
        let csv = work + "/import-\(rows).csv"
        reset(base)
        try jibangRun(["init", "--database", base])
        try writeImport(rows: rows, base: base, to: csv)
        let before = try recordFingerprint(base)

        let clean = work + "/import-clean.sqlite"
        try copyStore(base, to: clean)
        let began = Date()
        try jibangRun(["import", csv, "--database", clean])
        let cleanSeconds = Date().timeIntervalSince(began)
        let after = try recordFingerprint(clean)
        let record = try jibangRun(["export", "--format", "json", "--database", clean])
        log("clean import: \(rows) rows in one transaction, \(String(format: "%.2f", cleanSeconds)) s (\(before) → \(after))")

        var during = 0
        for kill in 1...kills {
            let path = work + "/import-kill-\(kill).sqlite"
            try copyStore(base, to: path)
            // An import runs as one transaction whose commit comes at its very end, and a rerun
            // can be quicker than the clean one: kills stop at 85 % of the clean time.
            let (delay, running) = try killMidway(["import", csv, "--database", path], within: cleanSeconds, upTo: 0.85)
            let integrity = try check(path)
            guard integrity == "ok" else { throw Failure(description: "import kill \(kill): integrity check says \(integrity)") }
            let state = try recordFingerprint(path)
            let committed = state == after ? 1 : 0
            guard state == before || (state == after && !running) else {
                throw Failure(description: "import kill \(kill): the store is half-imported (\(state); before: \(before), after: \(after))")
            }
            if running && committed == 0 { during += 1 }
            // A kill that came after the import finished leaves it complete: importing again
            // would (rightly) refuse every row as a duplicate.
            if committed == 0 { try jibangRun(["import", csv, "--database", path]) }
            let final = try jibangRun(["export", "--format", "json", "--database", path])
            guard try recordFingerprint(path) == after, final == record else {
                throw Failure(description: "import kill \(kill): importing again does not end where a clean import ends")
            }
            log(
                "import kill \(kill) at \(String(format: "%.2f", delay)) s: \(committed) of 1 commits (store \(committed == 0 ? "untouched" : "complete")); "
                    + "integrity ok; \(committed == 0 ? "rerun: " : "")record as clean")
            reset(path)
        }
        try requireMost(during, "import kills landed while the import ran, before its commit", advice: "use more --import-rows")
        reset(base)
        reset(clean)
    }

    func copyStore(_ source: String, to path: String) throws {
        reset(path)
        // The base store is closed; copy its write-ahead log too, should one be left.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: path + suffix)
        }
    }
}
