import ArgumentParser
import Foundation
import JibangCore
import Synchronization

/// Where commands write, and the folder and environment they run in: the process's own by
/// default. Tests run commands in this process with a console that captures what they write
/// (`Jibang.run(_:console:)`), so they need no built binary and no shared stdout.
public struct Console: Sendable {
    /// Machine output and results: stdout.
    public var write: @Sendable (String) -> Void
    /// Messages and progress: stderr.
    public var writeError: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress bars are drawn only there).
    public var isTerminal: Bool
    /// The folder relative store paths are resolved in; nil: the process's working directory.
    public var directory: String?
    /// The environment (`JIBANG_DATABASE`, `PATH`).
    public var environment: [String: String]
    /// The arguments of an in-process run (for the methods note's command line); nil: the process's.
    public var arguments: [String]?

    public init(
        write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void, isTerminal: Bool = false,
        directory: String? = nil, environment: [String: String] = [:]
    ) {
        self.write = write
        self.writeError = writeError
        self.isTerminal = isTerminal
        self.directory = directory
        self.environment = environment
    }

    /// The process's stdout, stderr, working directory and environment.
    public static let standard = Console(
        write: { FileHandle.standardOutput.write(Data($0.utf8)) }, writeError: { FileHandle.standardError.write(Data($0.utf8)) },
        isTerminal: isatty(2) == 1, directory: nil, environment: ProcessInfo.processInfo.environment)

    /// The console of the running command.
    @TaskLocal public static var current = Console.standard

    /// `path` as the command should open it: relative paths from `directory` when one is set.
    func resolve(_ path: String) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return directory + "/" + path
    }
}

/// Writes a result line to the console's stdout.
func emit(_ text: String, terminator: String = "\n") {
    Console.current.write(text + terminator)
}

/// Writes a line to stderr: messages and progress never mix with machine output on stdout.
func note(_ text: String) {
    Console.current.writeError(text + "\n")
}

extension Jibang {
    /// What one run printed and how it ended.
    public struct RunResult: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Parses and runs `arguments` as `jibang ARGUMENTS` would, in this process, writing to
    /// `console`; returns the exit status. Help and parse errors are written as the binary
    /// writes them.
    public static func run(_ arguments: [String], console: Console) async -> Int32 {
        var console = console
        console.arguments = arguments
        // Every write of this command is audited under the operating-system user.
        let user = console.environment["USER"] ?? console.environment["LOGNAME"] ?? NSUserName()
        return await AuditActor.$current.withValue(.cli(user: user)) {
            await run(console: console, arguments)
        }
    }

    static func run(console: Console, _ arguments: [String]) async -> Int32 {
        await Console.$current.withValue(console) {
            if let message = unknownCommand(arguments) {
                note(message)
                return ExitCode.validationFailure.rawValue
            }
            do {
                var command = try parseAsRoot(arguments)
                if var command = command as? any AsyncParsableCommand { try await command.run() } else { try command.run() }
                return 0
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if !message.isEmpty { code == .success ? emit(message) : note(message) }
                return code.rawValue
            }
        }
    }

    /// Runs `arguments` in `directory` with `environment` (nothing inherited), capturing stdout and stderr.
    public static func capture(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async -> RunResult {
        let out = Mutex("")
        let err = Mutex("")
        let console = Console(
            write: { text in out.withLock { $0 += text } }, writeError: { text in err.withLock { $0 += text } }, isTerminal: false,
            directory: directory, environment: environment)
        let status = await run(arguments, console: console)
        return RunResult(status: status, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
    }
}
