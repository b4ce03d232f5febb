import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore

/// Renders a comparison for people (table) or spreadsheets (CSV).
enum CompareView {
    static func table(_ c: Comparison, groups: [TermGroup], events: [Event]) -> String {
        let names = c.series.map(\.label)
        var out: [String] = []
        var series = TextTable(["period"] + names)
        for (i, period) in c.series[0].periods.enumerated() {
            series.add([period] + c.series.map { Figures.number($0.values[i]) })
        }
        out.append(series.render())
        out.append("")
        let level = Int((c.pearson.confidence * 100).rounded())
        var stats = TextTable(["on", "method", "r", "p", "\(level)% CI", "n"])
        func add(_ on: String, _ x: Correlation) {
            stats.add([
                on, x.method == .pearson ? "Pearson r" : "Spearman ρ", fixed(x.r, 3), pValue(x.p), "[\(fixed(x.ciLow, 3)), \(fixed(x.ciHigh, 3))]",
                String(x.n),
            ])
        }
        add("levels", c.pearson)
        add("levels", c.spearman)
        add("changes", c.differences.pearson)
        add("changes", c.differences.spearman)
        out.append(stats.render())
        if !c.leaveOneOut.isEmpty {
            var table = TextTable(["term left out", "of", "Pearson r", "Spearman ρ", "n"])
            for row in c.leaveOneOut {
                table.add([row.term, row.group, row.pearson.map { fixed($0, 3) } ?? "—", row.spearman.map { fixed($0, 3) } ?? "—", String(row.n)])
            }
            out.append("")
            out.append("With each term left out (does the correlation survive a change of dictionary?):")
            out.append(table.render())
        }
        if !c.lowCoverage.isEmpty {
            out.append("thin coverage (under a quarter of the documents of the periods around): \(c.lowCoverage.joined(separator: ", "))")
        }
        if let best = c.bestLag {
            let lead = best.lag == 0 ? "no lead" : best.lag > 0 ? "\(groups[0].name) leads by \(best.lag)" : "\(groups[1].name) leads by \(-best.lag)"
            out.append(
                "best lag: \(best.lag > 0 ? "+" : "")\(best.lag) \(c.by.rawValue)(s) (\(lead)), r = \(fixed(best.r, 3)), n = \(best.n); lags: "
                    + c.lags.map { "\($0.lag): \(fixed($0.r, 2))" }.joined(separator: ", "))
        }
        for s in c.series {
            let peaks = c.peakDetails[s.name] ?? []
            let described = peaks.map { peak -> String in
                let near = c.by.period(label: peak.period).map { Event.near(period: $0, by: c.by, in: events) } ?? []
                return peak.period + (near.isEmpty ? "" : " (\(near.map(\.label).joined(separator: "; ")))")
            }
            out.append("peaks of \(s.name): \(described.isEmpty ? "none" : described.joined(separator: ", "))")
        }
        out.append(
            "measure: \(c.measure.rawValue) per \(c.by.rawValue), as \(c.options.value.rawValue)\(c.options.smoothing.map { ", \($0)-period centred moving average" } ?? "")"
        )
        return out.joined(separator: "\n")
    }

    static func csv(_ c: Comparison) -> String {
        var lines = [CSVLine.join(["section", "name", "period_or_method", "value", "p", "ci_low", "ci_high", "n"])]
        for s in c.series {
            for (period, value) in zip(s.periods, s.values) {
                lines.append(CSVLine.join(["series", s.label, period, Figures.number(value), "", "", "", ""]))
            }
        }
        for (on, pair) in [("levels", [c.pearson, c.spearman]), ("differences", [c.differences.pearson, c.differences.spearman])] {
            for x in pair {
                lines.append(CSVLine.join([on, x.method.rawValue, "r", String(x.r), String(x.p), String(x.ciLow), String(x.ciHigh), String(x.n)]))
            }
        }
        for l in c.lags { lines.append(CSVLine.join(["lag", "pearson", String(l.lag), String(l.r), "", "", "", String(l.n)])) }
        for s in c.series {
            for peak in c.peakDetails[s.name] ?? [] {
                lines.append(CSVLine.join(["peak", s.name, peak.period, Figures.number(peak.value), "", "", "", ""]))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func pValue(_ p: Double) -> String { p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p) }
}
