import ArgumentParser
import Foundation
import JibangBase
import JibangCharts
import JibangCore
import JibangStore

/// `jibang forecast`: when the open sites, the waves and the programme are likely to be done.
struct Forecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forecast each open site's inauguration, each wave's completion and the programme's coverage to 2033.",
        discussion: """
            Covered means a city or county with an inaugurated wave site. The model draws inaugurations on the calendar the \
            record shows (see the README and the methods note); intervals are 80 %. With --as-of in the past, only what was \
            reported by then is used, and the forecast is checked against what the record shows since (the backtest).
            Example: jibang forecast --as-of 2025-06-30 --out forecast/
            """)

    @Option(help: "Forecast as of this day (YYYY-MM-DD; default today), using only what was reported by then.")
    var asOf: String?
    @Option(help: "The random seed (printed with every result, so a figure can be reproduced).")
    var seed: UInt64 = ProgrammeForecast.defaultSeed
    @Option(help: "Monte Carlo runs.")
    var runs: Int = 5000
    @Option(help: ArgumentHelp("Also write forecast.json, coverage.svg and methods.md into this folder.", valueName: "dir"))
    var out: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...1_000_000).contains(runs) else { throw ValidationError("--runs must be between 1 and 1000000; found \(runs)") }
    }

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let day = try PhaseOptions.day(asOf)
            let db = try await store.open()
            let sites = try await db.sites()
            let forecast = ProgrammeForecast(sites: sites, gazetteer: gazetteer, options: .init(asOf: day, seed: seed, runs: runs))
            let json = ProgrammeJSON.encode(forecast)
            if let out {
                let folder = Console.current.resolve(out)
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                    throw JibangError.storage("cannot create \(out): \(error.localizedDescription)")
                }
                let command = (["jibang"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
                try writeFile("\(out)/forecast.json", json)
                try writeFile("\(out)/coverage.svg", CoverageChart.svg(forecast))
                try writeFile(
                    "\(out)/methods.md",
                    ForecastMethods.markdown(
                        forecast, command: command,
                        record: "\(StoreState.describe(sites, gazetteer: gazetteer)); bundled data \(try await db.bundledRecord() ?? "none")"))
                note("wrote forecast.json, coverage.svg and methods.md to \(out)")
            }
            switch output.format {
            case .json: emit(json.trimmingCharacters(in: .newlines))
            case .csv:
                emit(
                    ([CSVLine.join(["id", "place_id", "name", "wave", "status", "observed", "expected", "low", "high"])]
                        + forecast.sites.map { s in
                            CSVLine.join([
                                s.id.map(String.init) ?? "", s.placeId, s.name, String(s.wave), s.status, String(s.observed), s.expected, s.low,
                                s.high,
                            ])
                        }).joined(separator: "\n"))
            case .table: emit(Self.table(forecast))
            }
        }
    }

    static func table(_ f: ProgrammeForecast) -> String {
        var out = [
            "Forecast as of \(f.asOf) — \(f.method); \(f.runs) runs, seed \(f.seed); intervals 80 %",
            "Covered = a city or county with an inaugurated wave site.",
            "",
            String(
                format: "Probability that all %d targeted cities and counties are covered by the end of 2033: %.1f %%", f.programme.target,
                f.programme.pCompleteBy2033 * 100),
            "",
        ]
        var coverage = TextTable(["year", "observed", "expected", "80 % interval"])
        for p in f.programme.coverage {
            coverage.add([String(p.year), p.observed.map(String.init) ?? "", String(format: "%.1f", p.expected), "\(p.low)–\(p.high)"])
        }
        out += ["Coverage at the end of each year:", coverage.render(), ""]
        var waves = TextTable(["wave", "sites", "open", "expected completion", "80 % interval"])
        for w in f.waves {
            waves.add([
                "\(w.year)\(w.projected ? " (projected)" : "")", String(w.sites), String(w.openSites), w.expectedComplete, "\(w.low) – \(w.high)",
            ])
        }
        out += ["Waves:", waves.render()]
        let open = f.sites.filter { !$0.observed }
        if !open.isEmpty {
            var sites = TextTable(["wave", "site", "status", "expected inauguration", "80 % interval"])
            for s in open { sites.add([String(s.wave), s.name, s.status, s.expected, "\(s.low) – \(s.high)"]) }
            out += ["", "Open sites:", sites.render()]
        }
        if let b = f.backtest {
            out += ["", "Backtest: of \(b.sites) sites open on \(f.asOf) and inaugurated since, \(b.inside) fell inside their 80 % interval."]
            out += b.outside.map { "  outside: \($0)" }
            out += b.waves.map {
                "  wave \($0.year): last inauguration \($0.actual); forecast \($0.low) – \($0.high) (\($0.inside ? "inside" : "outside"))"
            }
        }
        return out.joined(separator: "\n")
    }
}
