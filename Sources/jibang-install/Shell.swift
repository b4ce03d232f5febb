import Foundation
import JibangInstall

/// Runs the programs the installer needs (swift, the built jibang, ldd, dpkg-query, dpkg-deb,
/// gzip), found on the PATH. Their error output goes straight to the user's terminal.
enum Shell {
    /// Runs a program and returns what it printed; a non-zero exit is an error naming the command.
    @discardableResult
    static func capture(_ program: String, _ arguments: [String], input: Data? = nil, quiet: Bool = false) throws(InstallError) -> Data {
        let process = Process()
        let output = Pipe()
        process.standardOutput = output
        if quiet { process.standardError = FileHandle.nullDevice }
        var inputPipe: Pipe?
        if input != nil {
            inputPipe = Pipe()
            process.standardInput = inputPipe
        }
        try launch(process, program, arguments)
        if let input, let inputPipe {
            // Written from another thread, so a program that writes before it has read all its
            // input cannot fill both pipes and stall.
            let writer = inputPipe.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(input)
                try? writer.close()
            }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try check(process, program, arguments)
        return data
    }

    /// The program's output as text, without the trailing newline.
    static func text(_ program: String, _ arguments: [String]) throws(InstallError) -> String {
        String(decoding: try capture(program, arguments), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a program with its output shown as it comes (the release build's progress).
    static func run(_ program: String, _ arguments: [String]) throws(InstallError) {
        let process = Process()
        try launch(process, program, arguments)
        process.waitUntilExit()
        try check(process, program, arguments)
    }

    /// Whether a program is on the PATH.
    static func has(_ program: String) -> Bool {
        find(program) != nil
    }

    static func find(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = folder + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func launch(_ process: Process, _ program: String, _ arguments: [String]) throws(InstallError) {
        guard let executable = find(program) else {
            throw InstallError("\(program) is not on the PATH; install it (Debian: apt-get install \(debianPackage(of: program))) and run again")
        }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        do { try process.run() } catch { throw InstallError("could not start \(program): \(error.localizedDescription)") }
    }

    private static func check(_ process: Process, _ program: String, _ arguments: [String]) throws(InstallError) {
        guard process.terminationStatus == 0 else {
            let shown = ([program] + arguments).joined(separator: " ")
            throw InstallError("`\(shown)` failed (exit status \(process.terminationStatus)); its messages are above")
        }
    }

    private static func debianPackage(of program: String) -> String {
        switch program {
        case "dpkg-deb", "dpkg-query", "dpkg": "dpkg"
        case "ldd": "libc-bin"
        default: program
        }
    }
}
