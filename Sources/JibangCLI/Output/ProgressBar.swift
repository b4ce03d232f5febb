import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangStore

/// A one-line progress bar on stderr: documents, documents/s, MB/s and ETA. Redrawn at most
/// ten times a second on a terminal; silent otherwise.
final class ProgressBar {
    let start = Date()
    let isTerminal = Console.current.isTerminal
    var lastDraw = Date.distantPast
    var drawn = false

    var elapsed: Double { Date().timeIntervalSince(start) }

    func show(_ p: CorpusIngest.Progress) {
        guard isTerminal, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let seconds = max(elapsed, 0.001)
        let fraction = p.totalBytes > 0 ? min(1, Double(p.bytesRead) / Double(p.totalBytes)) : 0
        let width = 24
        let filled = Int(fraction * Double(width))
        let eta = fraction > 0 ? seconds / fraction - seconds : 0
        let text = String(
            format: "\r[%@%@] %3.0f%%  %d docs  %.0f docs/s  %.1f MB/s  ETA %d:%02d ",
            String(repeating: "█", count: filled), String(repeating: "·", count: width - filled), fraction * 100, p.documents,
            Double(p.documents) / seconds, Double(p.bytesRead) / 1_048_576 / seconds, Int(eta) / 60, Int(eta) % 60)
        Console.current.writeError(text)
        drawn = true
    }

    func message(_ text: String) {
        if drawn { Console.current.writeError("\r\u{1B}[K") }
        note(text)
    }

    func finish() {
        if drawn { Console.current.writeError("\r\u{1B}[K") }
    }
}
