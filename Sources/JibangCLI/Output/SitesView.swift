import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// Renders a list of sites, one line each.
struct SitesView {
    let gazetteer: Gazetteer
    var asOf = RecordChecks.today
    var stallMonths = SitePhase.defaultStallMonths

    typealias Row = SiteSummary

    func rows(_ sites: [Site]) -> [Row] { sites.map { SiteSummary($0, gazetteer: gazetteer, asOf: asOf, stallMonths: stallMonths) } }

    func render(_ sites: [Site], format: OutputFormat) -> String {
        let rows = rows(sites)
        switch format {
        case .json:
            return ProgrammeJSON.encode(rows).trimmingCharacters(in: .newlines)
        case .csv:
            let header = [
                "stage", "year", "division_id", "name", "name_ko", "province", "status", "groundbreaking", "inauguration", "facilities", "pillars",
                "milestones", "role", "phase", "phase_reached", "as_of",
            ]
            return
                ([CSVLine.join(header)]
                + rows.map { r in
                    CSVLine.join([
                        r.stage, String(r.year), r.divisionId, r.name, r.nameKo, r.province ?? "", r.status, r.groundbreaking ?? "",
                        r.inauguration ?? "",
                        r.facilities.joined(separator: ";"), r.pillars.joined(separator: ";"), String(r.milestones), r.role, r.phase,
                        r.phaseReached, r.asOf,
                    ])
                }).joined(separator: "\n")
        case .table:
            var table = TextTable(["stage", "id", "site", "한글", "province", "role", "phase", "ground broken", "inaugurated", "pillars"])
            for r in rows {
                table.add([
                    r.stage, r.divisionId, r.name, r.nameKo, r.province ?? "", r.role,
                    r.phase == r.phaseReached ? r.phase : "\(r.phase) (\(r.phaseReached))", r.groundbreaking ?? "–",
                    r.inauguration ?? "– (no date)", r.pillars.joined(separator: ", "),
                ])
            }
            return table.render()
        }
    }
}
