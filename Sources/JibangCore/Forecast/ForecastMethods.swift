/// The methods note that goes with a forecast: what was counted, the model, its parameters and
/// seed, and the backtest when the record allows one. Markdown, deterministic.
public enum ForecastMethods {
    public static func markdown(_ f: ProgrammeForecast, command: String, record: String?) -> String {
        let level = Int((f.level * 100).rounded())
        var lines = [
            "# Forecast of the Regional Development 20×10 programme: methods",
            "",
            "- As of: \(f.asOf) (only what the record reported by that day is used).",
            "- Record: \(record ?? "the store's programme record").",
            "- Command: `\(command)`",
            "- Method: \(f.method); \(f.runs) runs, seed \(f.seed); intervals are the central \(level) % of the runs.",
            "",
            "## What is counted",
            "",
            "A city or county is *covered* when one of its **wave sites** is inaugurated (claimed by state media or reported so);",
            "being selected, or having ground broken, does not count. Associated projects (an offshore farm, a paper mill, a",
            "hospital at a place that already is a site) never count. Coverage is counted at 31 December of each year.",
            "",
            "## Model",
            "",
            "The record shows that the political calendar, not a duration, sets the day: ground is broken in February–March of",
            "a wave's year and the inaugurations fall in the December–February season that closes it. The model therefore draws",
            "each inauguration as an offset in days from 1 January of its wave's year, from the offsets of the \(f.observedInaugurations)",
            "wave sites inaugurated by the as-of day, instead of adding a duration to a groundbreaking day drawn on its own.",
            "",
            "- **Interval censoring.** A date known only to the month, as a range, or as \"on or before\" a report's day is an",
            "  interval of offsets (an \"on or before\" inauguration starts at the site's groundbreaking, or at 1 January of the",
            "  wave year); every run draws the offset uniformly inside it. No date becomes a midpoint or a made-up day.",
            "- **Open sites.** A site not inaugurated by the as-of day draws among the observed offsets later than that day; when",
            "  none is later, it has missed its season and moves to the next one, a year later.",
            "- **Future waves.** Each year to 2033 with no wave in the record selects as many new cities and counties as one of the",
            "  complete waves before the as-of year did (drawn from their sizes: \(f.programme.selectionPace.map(String.init).joined(separator: ", ")); 20 when",
            "  there is none), each inaugurated by the same offsets.",
            "- **The programme.** The probability that all \(f.programme.target) targeted cities and counties are covered by 31 December",
            "  2033 is the share of runs in which they are: \(percent(f.programme.pCompleteBy2033)).",
            "",
            "## Caveats",
            "",
            "- The record's newest wave may be incomplete (sites not yet reported), which lowers the pace of selection it implies.",
            "- Offsets come from two waves at most; a change of the calendar (an earlier or later season) is outside the model.",
            "",
        ]
        lines += ["## Coverage by year", "", "| year | observed | expected | \(level) % interval |", "|---|---|---|---|"]
        for p in f.programme.coverage {
            lines.append("| \(p.year) | \(p.observed.map(String.init) ?? "") | \(p.expected) | \(p.low)–\(p.high) |")
        }
        lines += ["", "## Waves", "", "| wave | sites | open | expected completion | \(level) % interval |", "|---|---|---|---|---|"]
        for w in f.waves {
            lines.append(
                "| \(w.year)\(w.projected ? " (projected)" : "") | \(w.sites) | \(w.openSites) | \(w.expectedComplete) | \(w.low) – \(w.high) |")
        }
        if let b = f.backtest {
            lines += [
                "", "## Backtest", "",
                "Of the \(b.sites) sites open on \(f.asOf) that the record shows inaugurated since, \(b.inside) fell inside their \(level) % interval"
                    + " (\(percent(Double(b.inside) / Double(max(b.sites, 1))))). A date known only to the month or as \"on or before\" counts as inside"
                    + " when it can fall in the interval.",
            ]
            if !b.outside.isEmpty { lines += [""] + b.outside.map { "- outside: \($0)" } }
            for w in b.waves {
                lines += [
                    "",
                    "The \(w.year) wave's sites known then were all inaugurated by \(w.actual) (the last of them); the forecast put the wave's completion between \(w.low) and \(w.high): \(w.inside ? "inside" : "outside") the interval.",
                ]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ value: Double) -> String {
        let p = (value * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p)) %" : "\(p) %"
    }
}
