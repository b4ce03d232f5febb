import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangPostgres
import JibangStore

/// `jibang doctor`: checks the store and the machine, and says what to do about each problem.
struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store (schema, integrity, bundled data, corpus index) and the machine (disk, PNG tools), without changing anything.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Also check what `jibang report --png` needs: rsvg-convert and a Korean font.")
    var png = false

    /// One line of the report.
    struct Check {
        enum Status: String { case ok, warning, problem }
        let status: Status
        let what: String
        let detail: String
        var fix: String? = nil
    }

    func run() async throws {
        try await reportingErrors {
            let storeChecks: [Check]
            switch store.address {
            case .sqlite(let path): storeChecks = Self.checks(StoreDiagnosis.run(path: path), png: png)
            case .postgres(let address):
                storeChecks =
                    Self.checks(await PostgresDiagnosis.run(address, indexFolder: store.indexFolder(for: address)))
                    + (png ? Self.pngChecks() : [])
            }
            let checks = [Self.compiledInData()] + storeChecks
            var table = TextTable(["", "check", "finding", "what to do"])
            for check in checks { table.add([check.status.rawValue, check.what, check.detail, check.fix ?? ""]) }
            emit("Jibang \(JibangVersion.description)")
            emit(table.render())
            let problems = checks.filter { $0.status == .problem }.count
            let warnings = checks.filter { $0.status == .warning }.count
            note(problems + warnings == 0 ? "all checks passed" : "\(problems) problem(s), \(warnings) warning(s)")
            if problems > 0 { throw ExitCode(1) }
        }
    }

    /// The data compiled into the binary: present and readable, or a problem naming the file.
    static func compiledInData() -> Check {
        do {
            let places = try BundledData.gazetteer().divisions.count
            let entries = try BundledProgramme.entries().count
            let events = try EventFile.checkedBundled().count
            return Check(
                status: .ok, what: "compiled-in data",
                detail: "\(BundledData.divisionsFile) (\(places) units), \(BundledData.programmeFile) (\(entries) entries), events.csv (\(events))")
        } catch {
            return Check(
                status: .problem, what: "compiled-in data", detail: error.message,
                fix: "this binary is damaged: rebuild it from a complete checkout (`swift run jibang-install`)")
        }
    }

    /// What `jibang report --png` needs: rsvg-convert and a Korean font.
    static func pngChecks() -> [Check] {
        var out: [Check] = []
        let tool = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":").map { "\($0)/rsvg-convert" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        out.append(
            tool == nil
                ? Check(status: .problem, what: "PNG export", detail: "rsvg-convert not found", fix: "install Debian's librsvg2-bin")
                : Check(status: .ok, what: "PNG export", detail: "rsvg-convert at \(tool!)"))
        let fonts = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"].contains { folder in
            (try? FileManager.default.contentsOfDirectory(atPath: folder))?.contains { $0.contains("CJK") } ?? false
        }
        out.append(
            fonts
                ? Check(status: .ok, what: "Korean font", detail: "Noto CJK found")
                : Check(
                    status: .warning, what: "Korean font", detail: "no Noto CJK font found",
                    fix: "install Debian's fonts-noto-cjk, or Hangul renders as boxes in PNGs"))
        return out
    }

    /// The schema against this binary's: newer (a problem), older (upgraded on next use) or current.
    static func schemaCheck(unknown: [String], pending: [String], newerFix: String, olderFix: String) -> Check {
        if !unknown.isEmpty {
            return Check(status: .problem, what: "schema", detail: "written by a newer Jibang (\(unknown.joined(separator: ", ")))", fix: newerFix)
        }
        if !pending.isEmpty {
            return Check(
                status: .warning, what: "schema", detail: "older: \(pending.count) upgrade(s) pending (\(pending.joined(separator: ", ")))",
                fix: olderFix)
        }
        return Check(status: .ok, what: "schema", detail: "current")
    }

    /// The bundled record the store took against the one compiled in.
    static func bundleCheck(store: String?, binary: String) -> Check {
        switch store {
        case nil: Check(status: .warning, what: "bundled data", detail: "not seeded yet", fix: "`jibang init` seeds it")
        case "skipped": Check(status: .ok, what: "bundled data", detail: "left out on purpose (an empty store)")
        case let bundle? where bundle == binary: Check(status: .ok, what: "bundled data", detail: "the store has this binary's record (\(bundle))")
        case let bundle?:
            Check(
                status: .warning, what: "bundled data", detail: "the store took \(bundle); this binary has \(binary)",
                fix: "opening the store (any command) adds what the newer record has, never over an analyst's edits")
        }
    }

    /// Free space beside `beside`: a warning below `needed`.
    static func diskCheck(free: Int64, needed: Int64, beside: String, fix: String) -> Check {
        let detail = String(format: "%.1f GB", Double(free) / 1_073_741_824) + " free beside \(beside)"
        return free < needed ? Check(status: .warning, what: "disk", detail: detail, fix: fix) : Check(status: .ok, what: "disk", detail: detail)
    }

    /// The report for a PostgreSQL store's diagnosis: pure, like the file's.
    static func checks(_ d: PostgresDiagnosis) -> [Check] {
        if let failure = d.failure {
            return [Check(status: .problem, what: "store", detail: failure, fix: "see the message; `psql` with the same address checks it by hand")]
        }
        var out = [
            Check(
                status: .ok, what: "store",
                detail: "\(d.shown), \(d.databaseBytes.map { "\($0 / 1_048_576) MB" } ?? "size unknown")")
        ]
        if !d.hasSchema {
            out.append(Check(status: .warning, what: "schema", detail: "none yet (an empty database)", fix: "`jibang init` creates and seeds it"))
            return out
        }
        out.append(
            Self.schemaCheck(
                unknown: d.unknownMigrations, pending: d.pendingMigrations,
                newerFix: "upgrade jibang on this machine to the version the other nodes run",
                olderFix: "any command upgrades it (once, however many nodes start); pg_dump first keeps a copy"))
        out.append(Self.bundleCheck(store: d.storeBundle, binary: (try? BundledData.programmeCSV()).map(StoreSeeding.bundleID(of:)) ?? "?"))
        if let documents = d.documents, let copy = d.copyDocuments, let matches = d.copyMatches {
            out.append(
                matches
                    ? Check(status: .ok, what: "corpus copy", detail: "\(copy) of \(documents) documents, the same fingerprint, in \(d.indexFolder)")
                    : Check(
                        status: .problem, what: "corpus copy",
                        detail: "\(copy) documents in \(d.indexFolder), \(documents) in the store, fingerprints differ",
                        fix: "delete the index folder: the next command rebuilds it from the store"))
        }
        if let outdated = d.outdatedSegments, outdated > 0 {
            out.append(
                Check(
                    status: .warning, what: "corpus index", detail: "\(outdated) segment(s) missing, damaged or in an older format",
                    fix: "`jibang corpus reindex` rebuilds them, or delete the index folder"))
        }
        if let free = d.freeBytes {
            out.append(Self.diskCheck(free: free, needed: Int64(1 << 30), beside: "the index folder", fix: "free some space for the index"))
        }
        return out
    }

    /// The report for a diagnosis: pure, so the advice is tested without a broken machine.
    static func checks(_ d: StoreDiagnosis, png: Bool) -> [Check] {
        var out: [Check] = []
        guard d.exists else {
            return [
                Check(
                    status: .warning, what: "store", detail: "no store at \(d.path)",
                    fix: "`jibang init` creates and seeds one (any command does on first use)")
            ]
        }
        out.append(Check(status: .ok, what: "store", detail: "\(d.path), \(d.bytes.map { "\($0 / 1024) KB" } ?? "size unknown")"))
        out.append(
            Self.schemaCheck(
                unknown: d.unknownMigrations, pending: d.pendingMigrations,
                newerFix: "use that Jibang, or a copy of the store made before it was opened there",
                olderFix: "any command upgrades it in place; `jibang store copy` first keeps a copy"))
        if d.integrity == "ok" {
            out.append(Check(status: .ok, what: "integrity", detail: "SQLite's integrity check passed"))
        } else {
            out.append(
                Check(
                    status: .problem, what: "integrity", detail: d.integrity ?? "not checked",
                    fix: "restore a backup, or `jibang export` what can be read and import it into a new store"))
        }
        out.append(Self.bundleCheck(store: d.storeBundle, binary: d.binaryBundle))
        switch d.outdatedSegments {
        case nil, 0?:
            out.append(Check(status: .ok, what: "corpus index", detail: d.outdatedSegments == nil ? "no corpus yet" : "every segment current"))
        case let n?:
            out.append(
                Check(
                    status: .warning, what: "corpus index", detail: "\(n) segment(s) missing, damaged or in an older format",
                    fix: "`jibang corpus reindex` rebuilds them from the stored documents"))
        }
        if let free = d.freeBytes {
            out.append(
                Self.diskCheck(
                    free: free, needed: max(Int64(1 << 30), 2 * (d.bytes ?? 0)), beside: "the store",
                    fix: "free some space: ingest and reindex need room for new segments and copies"))
        }
        if png { out += Self.pngChecks() }
        return out
    }
}
