import Foundation

/// `jibang-bench --server`: `jibang serve` under load from wrk (a second process on loopback),
/// on the benchmark store: the programme status and a two-group trend. Prints requests per
/// second and latency percentiles, and the ratio to the target (10,000 req/s, p99 ≤ 10 ms).
struct ServerBench {
    let jibang: String
    let database: String
    let seconds: Int
    let connections: Int

    struct Result {
        let path: String
        let requestsPerSecond: Double
        let p50: String
        let p99: String
        let p99Milliseconds: Double
    }

    func run() throws -> [Result] {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BenchError("wrk is not installed: apt-get install wrk")
        }
        let port = Int.random(in: 20_000...60_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: jibang)
        server.arguments = ["serve", "--port", String(port), "--database", database, "--log-level", "warning"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try waitForPort(port)
        var results: [Result] = []
        for path in ["/api/v1/programme/status", "/api/v1/trend?q=regional-economy&q=defence-industry&by=year"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wrk)
            process.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--latency", "http://127.0.0.1:\(port)\(path)"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            func field(_ prefix: String) -> String {
                text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
                    .map { $0.trimmingCharacters(in: .whitespaces).dropFirst(prefix.count).trimmingCharacters(in: .whitespaces) } ?? "?"
            }
            let p99 = field("99%")
            results.append(
                Result(
                    path: path, requestsPerSecond: Double(field("Requests/sec:")) ?? 0, p50: field("50%"), p99: p99,
                    p99Milliseconds: Self.milliseconds(p99)))
        }
        return results
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
            var line = "  \(r.path): \(String(format: "%.0f", r.requestsPerSecond)) req/s, p50 \(r.p50), p99 \(r.p99)"
            if r.path.hasSuffix("status") {
                line += String(
                    format: " → %.2f× the 10,000 req/s target, p99 %.2f× the 10 ms limit", r.requestsPerSecond / 10_000, r.p99Milliseconds / 10)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
