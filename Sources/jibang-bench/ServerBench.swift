import Foundation

/// `jibang-bench --server`: `jibang serve` under load from wrk (a second process on loopback),
/// on the benchmark store, in one run: the programme status; a two-group trend with the answer
/// cache on and, as the anchor, off (`--cache-mb 0`: every request computed, as before the
/// cache); a replayed mix of distinct trend queries (each computed once); and the status's
/// latency while that mix runs. Prints requests per second, latency percentiles and ratios.
struct ServerBench {
    let jibang: String
    let database: String
    let seconds: Int
    let connections: Int
    let work: String
    /// More `jibang serve` arguments (a PostgreSQL store's `--index-dir`).
    var serveArguments: [String] = []

    struct Result {
        let name: String
        let path: String
        let requestsPerSecond: Double
        let p50: String
        let p99: String
        let p99Milliseconds: Double
    }

    /// Where wrk is installed (nil: not).
    static var wrkPath: String? { ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile(atPath:)) }

    static let trendPath = "/api/v1/trend?q=regional-economy&q=defence-industry&by=year"

    func run() throws -> [Result] {
        var results: [Result] = []
        try withServer(cacheMegabytes: 0) { port in
            results.append(try wrk("trend, no cache (anchor)", port: port, path: Self.trendPath))
        }
        try withServer(cacheMegabytes: 64) { port in
            results.append(try wrk("status", port: port, path: "/api/v1/programme/status"))
            results.append(try wrk("trend, cached", port: port, path: Self.trendPath))
            // Distinct queries, each computed once, and the status's latency meanwhile.
            let mix = try start(wrkArguments(port: port, path: "/api/v1/trend", connections: connections, script: try mixScript()))
            usleep(500_000)
            results.append(
                try wrk("status during the distinct-trend mix", port: port, path: "/api/v1/programme/status", connections: 4, seconds: seconds - 1))
            results.append(try parse("distinct trends (uncached mix)", path: "/api/v1/trend?…", text: try finish(mix)))
        }
        return results
    }

    func withServer(cacheMegabytes: Int, _ body: (Int) throws -> Void) throws {
        let port = Int.random(in: 20_000...60_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: jibang)
        server.arguments =
            ["serve", "--port", String(port), "--database", database, "--log-level", "warning", "--cache-mb", String(cacheMegabytes)] + serveArguments
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try waitForPort(port)
        try body(port)
    }

    /// A wrk script that asks a different trend each time: 48 terms × 25 start years × 2 periods
    /// (2,400 distinct queries, more than a run sends).
    func mixScript() throws -> String {
        let terms = [
            "지방공업", "지방경제", "인민", "로동", "공장", "농업", "과학", "교육", "보건", "건설", "발전", "혁명", "당", "군대", "청년", "녀성",
            "자력갱생", "경제", "생산", "전력", "석탄", "금속", "화학", "철도", "수산", "림업", "축산", "경공업", "식료", "일용품", "살림집", "학교",
            "병원", "문화", "체육", "조국", "통일", "평화", "세계", "인민군", "원수", "령도", "사상", "결정", "계획", "수도", "지방", "도시",
        ]
        let path = work + "/trend-mix.lua"
        let script = """
            local terms = {\(terms.map { "\"\($0)\"" }.joined(separator: ", "))}
            local n = 0
            local function encode(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
            request = function()
              n = n + 1
              local term = terms[(n % #terms) + 1]
              local year = 1995 + (math.floor(n / #terms) % 25)
              local by = (math.floor(n / (#terms * 25)) % 2 == 0) and "year" or "month"
              return wrk.format("GET", "/api/v1/trend?q=" .. encode(term) .. "&from=" .. year .. "&by=" .. by)
            end
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func wrkArguments(port: Int, path: String, connections: Int, seconds: Int? = nil, script: String? = nil) -> [String] {
        ["-t2", "-c\(connections)", "-d\(seconds ?? self.seconds)s", "--latency"] + (script.map { ["-s", $0] } ?? [])
            + ["http://127.0.0.1:\(port)\(path)"]
    }

    func wrk(_ name: String, port: Int, path: String, connections: Int? = nil, seconds: Int? = nil) throws -> Result {
        let process = try start(wrkArguments(port: port, path: path, connections: connections ?? self.connections, seconds: seconds))
        return try parse(name, path: path, text: try finish(process))
    }

    func start(_ arguments: [String]) throws -> (Process, Pipe) {
        guard let wrk = Self.wrkPath else {
            throw BenchError("wrk is not installed: apt-get install wrk")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        return (process, out)
    }

    func finish(_ started: (Process, Pipe)) throws -> String {
        let text = String(decoding: started.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        started.0.waitUntilExit()
        return text
    }

    func parse(_ name: String, path: String, text: String) throws -> Result {
        func field(_ prefix: String) -> String {
            text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        if text.contains("Non-2xx") { log("\(name): some answers were not 2xx:\n\(text)") }
        let p99 = field("99%")
        return Result(
            name: name, path: path, requestsPerSecond: Double(field("Requests/sec:")) ?? 0, p50: field("50%"), p99: p99,
            p99Milliseconds: Self.milliseconds(p99))
    }

    /// wrk latency text ("7.24ms", "1.02s", "850.00us") in milliseconds.
    static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? .nan }
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? .nan) / 1000 }
        if text.hasSuffix("s") { return (Double(text.dropLast(1)) ?? .nan) * 1000 }
        return .nan
    }

    func waitForPort(_ port: Int) throws {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            usleep(50_000)
        }
        throw BenchError("jibang serve did not start on port \(port)")
    }

    static func report(_ results: [Result]) -> String {
        var lines = ["jibang serve under wrk (2 threads), release build:"]
        for r in results {
            lines.append("  \(r.name) \(r.path): \(String(format: "%.0f", r.requestsPerSecond)) req/s, p50 \(r.p50), p99 \(r.p99)")
        }
        func find(_ name: String) -> Result? { results.first { $0.name == name } }
        if let status = find("status") {
            lines.append(
                String(
                    format: "  status: %.2f× the 10,000 req/s target, p99 %.2f× the 10 ms limit", status.requestsPerSecond / 10_000,
                    status.p99Milliseconds / 10))
        }
        if let cached = find("trend, cached"), let anchor = find("trend, no cache (anchor)") {
            lines.append(
                String(
                    format: "  cached trend: %.1f× the uncached anchor's req/s; %.2f× the 5,000 req/s target, p99 %.2f× the 20 ms limit",
                    cached.requestsPerSecond / anchor.requestsPerSecond, cached.requestsPerSecond / 5_000, cached.p99Milliseconds / 20))
        }
        if let during = find("status during the distinct-trend mix") {
            lines.append(String(format: "  status during the mix: p99 %.2f× the 20 ms limit", during.p99Milliseconds / 20))
        }
        return lines.joined(separator: "\n")
    }
}
