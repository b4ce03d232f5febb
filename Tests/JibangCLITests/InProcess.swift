import Foundation
import JibangCLI

/// Runs `jibang ARGUMENTS` in this process, in `directory`, with only `environment` (nothing
/// inherited): parsed by ArgumentParser as the binary parses them, written to a captured console.
func jibang(_ arguments: [String], in directory: String, environment: [String: String] = [:]) async -> Jibang.RunResult {
    await Jibang.capture(arguments, in: directory, environment: environment)
}

/// The JSON value a command printed.
func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
