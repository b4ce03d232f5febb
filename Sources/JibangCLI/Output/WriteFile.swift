import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore

/// Writes a text file, saying which file could not be written and why.
func writeFile(_ path: String, _ text: String) throws {
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: Console.current.resolve(path)), options: .atomic)
    } catch {
        throw JibangError.storage("cannot write \(path): \(error.localizedDescription); check the folder exists and is writable")
    }
}
