import ArgumentParser
import Foundation
import JibangCore
import JibangStore

/// Renders one division's sites in full.
struct SiteView {
    let gazetteer: Gazetteer
    var asOf = RecordChecks.today
    var stallMonths = SitePhase.defaultStallMonths
    /// Show the phase rule's steps.
    var explain = false

    func render(division: Division, sites: [Site], format: OutputFormat) -> String {
        let province = gazetteer.province(of: division)
        switch format {
        case .json:
            return ProgrammeJSON.encode(SiteDetail(division: division, sites: sites, gazetteer: gazetteer, asOf: asOf, stallMonths: stallMonths))
                .trimmingCharacters(in: .newlines)
        case .csv:
            let header = ["stage", "milestone_id", "date", "precision", "event", "status", "actors", "facilities", "sources"]
            var lines = [CSVLine.join(header)]
            for site in sites {
                for m in site.timeline {
                    lines.append(
                        CSVLine.join([
                            site.stageID, m.id.map(String.init) ?? "", m.date.description, m.date.precision.rawValue, m.eventLabel,
                            m.status.rawValue, FieldRules.actorsText(m.actors), m.facilities, m.sources.map(\.url).joined(separator: " "),
                        ]))
                }
            }
            return lines.joined(separator: "\n")
        case .table:
            return table(division: division, province: province, sites: sites)
        }
    }

    func table(division: Division, province: Division?, sites: [Site]) -> String {
        var out = ["\(division.englishName) · \(division.nameKo) · RR \(division.nameRR) · MR \(division.nameMR) · \(division.id)"]
        if let province { out.append("Province: \(province.nameKCNA) (\(province.nameKo))") }
        if sites.isEmpty {
            out += ["", "Not (yet) a programme site: no stage names this place in the store."]
            return out.joined(separator: "\n")
        }
        for site in sites {
            let stage = Programme.stage(id: site.stageID)
            let phase = SitePhase(site, asOf: asOf, stallMonths: stallMonths)
            let role = site.isWaveSite ? "" : " · associated project (not counted among the wave's cities and counties)"
            out += ["", "■ \(stage?.label ?? site.stageID) — \(site.progress.rawValue) · phase \(phase.phase.rawValue) as of \(asOf)\(role)"]
            if !site.roleReadings.isEmpty {
                out.append(
                    "  the sources read its role: \(site.roleReadings.map(\.description).joined(separator: " · ")); the counts use \(site.role.rawValue)"
                )
            }
            if explain {
                out.append("  phase rule: \(phase.phase.rawValue) = \(phase.phase.rule)")
                out.append(contentsOf: phase.explanation.map { "    \($0)" })
            }
            var timeline = TextTable(["#", "date", "precision", "event", "status", "grade", "actors", "facilities", "note", "sources"])
            var sourceList: [String] = []
            for m in site.timeline {
                var refs: [String] = []
                for source in m.sources {
                    if let index = sourceList.firstIndex(of: source.url) {
                        refs.append("[\(index + 1)]")
                    } else {
                        sourceList.append(source.url)
                        refs.append("[\(sourceList.count)]")
                    }
                }
                timeline.add([
                    m.id.map { "#\($0)" } ?? "", m.date.humanDescription, m.date.precision.rawValue, m.eventLabel,
                    m.retraction == nil ? m.status.rawValue : "retracted", m.grade.rawValue, m.actors.map(\.name).joined(separator: ", "),
                    m.facilities,
                    m.note ?? "", refs.joined(separator: " "),
                ])
            }
            out.append(timeline.render())
            if site.milestones.contains(where: { $0.hasHappened && $0.grade == .secondary }) {
                out.append("  (grade secondary: the date rests on analysis or later reporting only, not on state media or the same-day press)")
            }
            for m in site.timeline where m.datesDisagree {
                let readings = m.dateReadings.map { reading in
                    let refs = reading.sources.compactMap { source in sourceList.firstIndex(of: source.url).map { "[\($0 + 1)]" } }
                    return "\(reading.date.humanDescription) (\(refs.joined(separator: " ")))"
                }
                let id = m.id.map { "#\($0) " } ?? ""
                out.append("  \(id)\(m.eventLabel): the sources disagree on the date: \(readings.joined(separator: " · "))")
            }
            if !site.has(.inauguration) { out.append("  (no dated inauguration yet)") }
            let facilities = site.facilities.map { f in
                [f.kind.rawValue, f.name.map { "“\($0)”" }, f.products.map { "products: \($0)" }].compactMap { $0 }.joined(separator: " ")
            }
            out.append("Facilities: \(facilities.isEmpty ? "none reported" : facilities.joined(separator: "; "))")
            let pillars = site.pillars.sorted().map(\.rawValue)
            out.append("Innovation-system pillars (38 North's interpretation): \(pillars.isEmpty ? "none yet" : pillars.joined(separator: ", "))")
            out.append("Sources:")
            out.append(contentsOf: sourceList.enumerated().map { "  [\($0.offset + 1)] \($0.element)" })
        }
        return out.joined(separator: "\n")
    }
}
