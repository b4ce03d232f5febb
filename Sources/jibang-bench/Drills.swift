import Foundation
import GRDB
import JibangBase

#if canImport(Glibc)
import Glibc
#endif

/// `jibang-bench --drills`: what an operator would try, kept in the project. Kill -9 an ingest
/// at seeded random moments, each on a fresh store: the batches that committed are whole, the
/// store passes SQLite's integrity check, and running the ingest again ends with the same
/// documents and the same trend as a clean run. The same for a large programme import, which
/// must leave the store untouched (`ImportDrill.swift`). Then a server under concurrent reads while an
/// ingest and API writes run against the same store: no 5xx, and afterwards the API's trend is
/// the command line's.
struct Drills {
    let jibang: String
    let corpus: String
    let work: String
    let kills: Int
    let batch: Int
    /// Rows of the generated programme import killed in the import drill (0: no import drill).
    let importRows: Int
    /// The seeded moments of the kills (printed with the seed, so a run can be replayed).
    var rng: SeededRandom

    struct Failure: Error, CustomStringConvertible { let description: String }

    mutating func run() throws {
        let trendArguments = ["trend", "regional-economy", "defence-industry", "--by", "year", "--format", "csv"]
        // The clean run: how many batches, how long, what the trend says.
        let clean = work + "/clean.sqlite"
        reset(clean)
        let began = Date()
        try jibangRun(["ingest", corpus, "--batch-size", String(batch), "--database", clean])
        let cleanSeconds = Date().timeIntervalSince(began)
        let (documents, batches) = try counts(clean)
        let trend = try jibangRun(trendArguments + ["--database", clean])
        log("clean ingest: \(documents) documents in \(batches) batches, \(String(format: "%.2f", cleanSeconds)) s")

        var between = 0
        for kill in 1...kills {
            let path = work + "/kill-\(kill).sqlite"
            reset(path)
            let (delay, _) = try killMidway(["ingest", corpus, "--batch-size", String(batch), "--database", path], within: cleanSeconds)
            let (stored, committed) = try counts(path)
            let integrity = try check(path)
            guard integrity == "ok" else { throw Failure(description: "kill \(kill): integrity check says \(integrity)") }
            // Every committed batch is whole: full batches, and the last may be the file's tail.
            guard stored <= committed * batch, stored > (committed - 1) * batch || committed == 0 else {
                throw Failure(description: "kill \(kill): \(stored) documents in \(committed) committed batches of \(batch)")
            }
            if committed > 0 && committed < batches { between += 1 }
            try jibangRun(["ingest", corpus, "--batch-size", String(batch), "--database", path])
            let (finalDocuments, _) = try counts(path)
            let finalTrend = try jibangRun(trendArguments + ["--database", path])
            guard finalDocuments == documents, finalTrend == trend, try check(path) == "ok" else {
                throw Failure(
                    description:
                        "kill \(kill): after the rerun \(finalDocuments) documents (clean: \(documents)), trend equal: \(finalTrend == trend)")
            }
            log(
                "kill \(kill) at \(String(format: "%.2f", delay)) s: \(committed) of \(batches) batches committed (\(stored) documents); "
                    + "integrity ok; rerun: \(finalDocuments) documents, trend as clean")
            reset(path)
        }
        try requireMost(between, "kills landed between the first and the last commit", advice: "use a larger --documents or a smaller --batch-size")
        reset(clean)
        if importRows > 0 { try importDrill(rows: importRows) }
        try concurrency(documents: documents)
    }

    /// Starts `jibang arguments` and kills it with SIGKILL after a seeded share (2–98 %) of
    /// `seconds`, its clean run's duration: when, and whether it was still running then.
    mutating func killMidway(_ arguments: [String], within seconds: Double, upTo share: Double = 0.98) throws -> (delay: Double, running: Bool) {
        let delay = seconds * Double.random(in: 0.02...share, using: &rng)
        let process = try start(arguments)
        usleep(useconds_t(delay * 1_000_000))
        let running = process.isRunning
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return (delay, running)
    }

    /// Logs how many of the kills landed where they test something, and fails unless most did.
    func requireMost(_ landed: Int, _ what: String, advice: String) throws {
        log("\(landed) of \(kills) \(what)")
        guard landed * 2 > kills else { throw Failure(description: "only \(landed) of \(kills) \(what): \(advice)") }
    }

    /// A server reading and writing while an ingest runs into the same store.
    func concurrency(documents: Int) throws {
        let path = work + "/live.sqlite"
        reset(path)
        try jibangRun(["init", "--database", path])
        let token = try jibangRun(["token", "create", "--role", "editor", "--database", path]).split(separator: "\n").last.map(String.init) ?? ""
        let port = Int.random(in: 20_000...60_000)
        let server = try start(["serve", "--port", String(port), "--database", path, "--log-level", "warning"])
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var ready = false
        for _ in 0..<200 where !ready {
            ready = (try? curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/api/v1/programme/status"])) == "200"
            if !ready { usleep(50_000) }
        }
        guard ready else { throw Failure(description: "the server did not start") }
        let ingest = try start(["ingest", corpus, "--batch-size", String(batch), "--database", path])
        var statuses: [String: Int] = [:]
        var writes = 0
        while ingest.isRunning {
            for address in ["/api/v1/programme/status", "/api/v1/trend?q=regional-economy&by=year", "/sites"] {
                let code = try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)\(address)"])
                statuses[code, default: 0] += 1
            }
            writes += 1
            let body = #"{"name": "drill \#(writes)", "unit": "n", "period": "2024", "value": \#(writes), "source": "https://example.org/drill"}"#
            let code = try curl([
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H",
                "Content-Type: application/json", "-d", body, "http://127.0.0.1:\(port)/api/v1/indicators",
            ])
            statuses["write " + code, default: 0] += 1
        }
        ingest.waitUntilExit()
        let failures = statuses.filter { $0.key.hasSuffix("000") || $0.key.split(separator: " ").last?.hasPrefix("5") == true }
        let api = try curl(["-s", "http://127.0.0.1:\(port)/api/v1/trend?q=regional-economy&q=defence-industry&by=year"])
        let cli = try jibangRun(["trend", "regional-economy", "defence-industry", "--by", "year", "--format", "json", "--database", path])
        let (stored, _) = try counts(path)
        log("concurrency: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")); \(stored) documents")
        guard failures.isEmpty else { throw Failure(description: "the server failed requests during the ingest: \(failures)") }
        guard stored == documents, normalized(api) == normalized(cli) else {
            throw Failure(description: "after the ingest the API's trend differs from the command line's (\(stored) of \(documents) documents)")
        }
        reset(path)
    }

    func normalized(_ json: String) -> String { json.filter { !$0.isWhitespace } }

    func counts(_ path: String) throws -> (documents: Int, batches: Int) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            guard try db.tableExists("document") else { return (0, 0) }
            return (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM corpus_segment") ?? 0
            )
        }
    }

    func check(_ path: String) throws -> String {
        try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    func reset(_ path: String) {
        for suffix in ["", "-wal", "-shm", ".corpus", ".serving"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: jibang)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @discardableResult
    func jibangRun(_ arguments: [String]) throws -> String {
        try output(jibang, arguments)
    }

    func curl(_ arguments: [String]) throws -> String { try output("/usr/bin/curl", arguments) }

    func output(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("jibang-drill-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardOutput = pipe
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(
                description:
                    "\(program) \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus)): \(said.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }
}
