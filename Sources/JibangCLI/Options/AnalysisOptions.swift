public import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCore
import JibangCorpus

extension Series.Value: ExpressibleByArgument {}

/// The series and peak settings that `compare`, `peaks` and `report` share.
struct AnalysisOptions: ParsableArguments {
    @Option(
        help: """
            count (the measure as counted) or share (per 1,000 documents of the period). Default: share when the corpus mixes \
            outlets or its periods differ in size more than tenfold, count otherwise.
            """)
    var value: Series.Value?
    @Option(help: ArgumentHelp("Smooth each series with a centred moving average over N periods (odd); figures and tables say so.", valueName: "N"))
    var smooth: Int?
    @Option(name: .customLong("peak-window"), help: "Periods in the rolling window peaks are measured against (odd).")
    var peakWindow = 5
    @Option(name: .customLong("peak-k"), help: "A peak is above the rolling median by more than this many robust standard deviations (scaled MAD)…")
    var peakK = 3.0
    @Option(name: .customLong("peak-prominence"), help: "…or a local maximum with at least this prominence, as a fraction of the series' range.")
    var peakProminence = 0.25
    @Option(help: ArgumentHelp("An events CSV (date,label,source) annotated in addition to the bundled events.", valueName: "file"))
    var events: String?

    var peakFinder: PeakFinder { PeakFinder(window: peakWindow, k: peakK, minProminence: peakProminence) }

    func validate() throws {
        if let smooth, smooth < 3 || smooth % 2 == 0 { throw ValidationError("--smooth \(smooth): expected an odd number of periods, 3 or more") }
        if peakWindow < 3 || peakWindow % 2 == 0 {
            throw ValidationError("--peak-window \(peakWindow): expected an odd number of periods, 3 or more")
        }
        if peakK <= 0 { throw ValidationError("--peak-k \(peakK): expected a positive number, e.g. 3") }
        if !(0...1).contains(peakProminence) { throw ValidationError("--peak-prominence \(peakProminence): expected a fraction between 0 and 1") }
    }

    /// The bundled events plus those of `--events`.
    func loadEvents() throws -> [Event] {
        var all = EventFile.bundled()
        if let events {
            guard let text = try? String(contentsOfFile: Console.current.resolve(events), encoding: .utf8) else {
                throw JibangError.notFound("cannot read the events file \(events)")
            }
            all += try EventFile.parse(text, file: (events as NSString).lastPathComponent)
        }
        return all.sorted { ($0.firstDay, $0.label) < ($1.firstDay, $1.label) }
    }

    /// The value to compare by: `--value` when given (with a warning when counts would
    /// mislead), else what `ValueChoice` recommends for `result` (said on stderr).
    func value(for result: TrendResult) -> Series.Value {
        let recommended = ValueChoice.recommended(for: result)
        switch (value, recommended.reason) {
        case let (chosen?, reason?) where chosen == .count:
            note("warning: counting, though \(reason): counts follow the corpus's size; --value share compares rates per 1,000 documents")
            return chosen
        case let (chosen?, _):
            return chosen
        case let (nil, reason?):
            note("comparing rates per 1,000 documents because \(reason); --value count for the counts")
            return recommended.value
        case (nil, nil):
            return recommended.value
        }
    }
}
