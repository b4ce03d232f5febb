import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// Renders `ProgrammeStatus` as a table, CSV or JSON.
struct StatusView {
    let status: ProgrammeStatus
    let gazetteer: Gazetteer

    static let columns = [
        "stage", "year", "target", "sites", "groundbreakings", "inaugurations", "median_days_to_inauguration",
        "timed_sites", "without_dated_inauguration", "cumulative_divisions", "associated_projects", "phases", "as_of",
    ]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            return ProgrammeJSON.encode(status).trimmingCharacters(in: .newlines)
        case .csv:
            return
                ([Self.columns.joined(separator: ",")]
                + status.waves.map { wave in
                    CSVLine.join(cells(wave, stageLabel: wave.stageId))
                }).joined(separator: "\n")
        case .table:
            return table()
        }
    }

    func cells(_ wave: ProgrammeStatus.Wave, stageLabel: String) -> [String] {
        [
            stageLabel, String(wave.year), wave.target.map(String.init) ?? "", String(wave.sites), String(wave.groundbreakings),
            String(wave.inaugurations), wave.medianDaysToInauguration.map { String(format: "%.1f", $0) } ?? "",
            String(wave.timedSites), String(wave.withoutDatedInauguration.count), wave.cumulativeDivisions.map(String.init) ?? "",
            String(wave.associatedProjects.count), Self.phaseText(wave, separator: ";"), status.asOf,
        ]
    }

    /// "ground-broken=3;inaugurated=17", in phase order.
    static func phaseText(_ wave: ProgrammeStatus.Wave, separator: String) -> String {
        SitePhase.Phase.allCases.compactMap { phase in wave.phases[phase.rawValue].map { "\(phase.rawValue)=\($0)" } }
            .joined(separator: separator)
    }

    func table() -> String {
        let scope = status.province.flatMap(gazetteer.division(id:)).map { " — \($0.nameKCNA) (\($0.nameKo)) only" } ?? ""
        var out = ["Regional Development 20×10 (지방발전 20×10 정책): progress by stage\(scope)", Self.provenance(status), ""]
        var waves = TextTable([
            "stage", "year", "target", "sites", "associated⁴", "ground broken", "inaugurated", "median days¹", "no inauguration²", "cumulative³",
        ])
        for wave in status.waves {
            waves.add([
                wave.label, String(wave.year), wave.target.map(String.init) ?? "–", String(wave.sites),
                wave.associatedProjects.isEmpty ? "·" : String(wave.associatedProjects.count), String(wave.groundbreakings),
                String(wave.inaugurations),
                wave.medianDaysToInauguration.map { String(format: "%.0f (n=%d)", $0, wave.timedSites) } ?? "–",
                String(wave.withoutDatedInauguration.count), wave.cumulativeDivisions.map { "\($0)/\(status.target)" } ?? "–",
            ])
        }
        out.append(waves.render())
        out.append("")
        out.append("¹ groundbreaking to inauguration, over sites where both are known to the day.")
        out.append("² sites with no dated inauguration yet (gaps are shown, never filled):")
        for wave in status.waves where !wave.withoutDatedInauguration.isEmpty {
            out.append("   \(wave.label): \(wave.withoutDatedInauguration.joined(separator: ", "))")
        }
        out.append("³ distinct cities/counties/districts in 20×10 waves so far, of the \(status.target) targeted.")
        out.append("⁴ projects of the policy at a place that is not one of the wave's cities and counties: shown, never counted:")
        for wave in status.waves where !wave.associatedProjects.isEmpty {
            out.append("   \(wave.label): \(wave.associatedProjects.joined(separator: ", "))")
        }
        for dispute in status.roleDisputes {
            out.append(
                "   the sources disagree on \(dispute.place) (\(dispute.stage)): \(dispute.readings.map(\.description).joined(separator: " · ")); the counts use \(dispute.countedAs)"
            )
        }
        out.append("")
        out.append("Wave sites by phase as of \(status.asOf) (stalled: no report for \(status.stallMonths) months, not inaugurated):")
        for wave in status.waves where wave.stage == Stage.Kind.wave.rawValue && !wave.phases.isEmpty {
            out.append("   \(wave.label): \(Self.phaseText(wave, separator: ", ").replacingOccurrences(of: "=", with: " "))")
        }
        if !status.secondaryOnlyDates.isEmpty {
            out.append("")
            out.append(
                "Dates on secondary sources only (analysis, tables, later reporting; no state media or same-day press): \(status.secondaryOnlyDates.count)"
            )
            out.append("   " + status.secondaryOnlyDates.map { "\($0.place) \($0.event) \($0.date)" }.joined(separator: "; "))
        }
        if !status.disputedDates.isEmpty {
            out.append("")
            out.append("Dates in dispute (the sources give days that cannot be the same; both are kept): \(status.disputedDates.count)")
            for caution in status.disputedDates {
                let readings = (caution.readings ?? []).map {
                    "\($0.date.humanDescription) (\($0.sources.count) source\($0.sources.count == 1 ? "" : "s"))"
                }
                out.append(
                    "   \(caution.place) \(caution.event) #\(caution.milestoneId.map(String.init) ?? "?"): \(readings.joined(separator: " vs "))")
            }
        }
        out.append("")
        let share = Double(status.covered) / Double(status.target) * 100
        out.append(
            "Coverage: \(status.covered) of \(status.target) targeted cities and counties (\(String(format: "%.1f", share))%) are in a 20×10 wave; the gazetteer lists \(status.divisionsInGazetteer) cities, counties and districts\(scope.isEmpty ? "" : " there")."
        )
        out.append("")
        let years = Set(status.provinces.flatMap(\.sitesByYear.keys)).sorted()
        var provinces = TextTable(["province", "", "units", "covered", "share"] + years)
        for p in status.provinces {
            provinces.add(
                [
                    p.name, p.nameKo, String(p.divisions), String(p.covered),
                    p.divisions == 0 ? "–" : String(format: "%.0f%%", Double(p.covered) / Double(p.divisions) * 100),
                ] + years.map { p.sitesByYear[$0].map(String.init) ?? "·" })
        }
        out.append("Coverage by province (sites per wave year):")
        out.append(provinces.render())
        return out.joined(separator: "\n")
    }

    /// "Record as of 2026-11-20 (the newest date in the record); bundled data 20x10-sites.csv@1a2b…".
    static func provenance(_ status: ProgrammeStatus) -> String {
        "Record as of \(status.recordAsOf ?? "—") (the newest date in the record)"
            + (status.bundledData.map { "; bundled data \($0 == "skipped" ? "not loaded" : $0)" } ?? "")
    }
}
