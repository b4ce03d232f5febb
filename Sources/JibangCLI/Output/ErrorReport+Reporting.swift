import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// Runs a command body, printing a `JibangError` as a message (and its hint as a flag) and
/// exiting with the code's exit status.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as JibangError {
        Console.current.writeError(ErrorReport.text(error))
        throw ExitCode(ErrorReport.exitCode(error.code))
    }
}
