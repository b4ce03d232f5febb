public import Foundation
import JibangBase
import JibangCore
public import JibangStore

/// A fresh folder under the system temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "jibang-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) -> String {
        let file = file(name)
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Test fixtures copied from ../shared/data (CC0 / CC-BY; see Fixtures/SOURCES.md).
public enum Fixtures {
    /// The path of a fixture file.
    public static func path(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else { fatalError("missing test fixture \(name)") }
        return url.path
    }

    /// The text of a fixture file.
    public static func text(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("missing test fixture \(name)")
        }
        return text
    }
}

/// Runs the built `jibang` executable, as a user would.
public enum JibangBinary {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The executable beside the test bundle (swift build puts both in the same folder).
    public static var url: URL? {
        var folder = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("jibang")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `jibang arguments…` in `directory`, waiting for it to finish.
    public static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Result {
        let process = try start(arguments, in: directory, environment: environment)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `jibang arguments…` without waiting, for tests that interrupt it.
    public static func start(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> Process {
        guard let url else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "build the jibang executable first (swift build)"])
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JIBANG_DATABASE")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }
}

/// A store in a temporary folder, seeded like a user's first run.
public func seededStore(in directory: TemporaryDirectory, empty: Bool = false) async throws -> SQLiteStore {
    try await StoreBootstrap.open(path: directory.file("test.sqlite"), empty: empty).store
}

/// Index segments as older versions of Jibang wrote them.
public enum LegacySegment {
    /// Rewrites a segment without positional lists in the version 1 layout: old magic, the
    /// section table without its twelfth entry (offsets 16 bytes earlier), no flags section.
    public static func versionOne(_ bytes: [UInt8]) -> [UInt8] {
        func u64(_ at: Int) -> Int { bytes[at..<(at + 8)].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) } }
        var position = 24
        for _ in 0..<u64(16) { position += (8 + u64(position) + 7) / 8 * 8 }
        var out = Array("JBXSEG01".utf8) + bytes[8..<position]
        for i in 0..<11 {
            for value in [u64(position + 16 * i) - 16, u64(position + 16 * i + 8)] {
                out += (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            }
        }
        out += bytes[(position + 16 * 12)..<u64(position + 16 * 11)]
        return out
    }
}

/// A seeded random number generator (SplitMix64), so a random test can be replayed: every
/// such test names its seed in its failure messages. `JIBANG_TEST_SEED` overrides the seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public let seed: UInt64
    var generator: SeededRandom

    /// `seed`, or the value of `JIBANG_TEST_SEED` when it is set.
    public init(seed: UInt64) {
        let chosen = ProcessInfo.processInfo.environment["JIBANG_TEST_SEED"].flatMap(UInt64.init) ?? seed
        self.seed = chosen
        generator = SeededRandom(seed: chosen)
    }

    public mutating func next() -> UInt64 { generator.next() }
}
