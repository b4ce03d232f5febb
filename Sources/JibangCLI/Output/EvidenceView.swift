import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

/// Renders candidates as a table, CSV or the JSON contract.
enum EvidenceView {
    static func render(_ candidates: [Candidate], format: OutputFormat) -> String {
        switch format {
        case .json:
            return ProgrammeJSON.encode(candidates).trimmingCharacters(in: .newlines)
        case .csv:
            let header = ["id", "status", "event", "place_id", "province_id", "date", "confidence", "document_id", "snippet"]
            return
                ([CSVLine.join(header)]
                + candidates.map {
                    CSVLine.join([
                        $0.id.map(String.init) ?? "", $0.status.rawValue, $0.event.rawValue, $0.placeID ?? "", $0.provinceID ?? "", $0.date,
                        String($0.confidence), $0.documentID, $0.snippet,
                    ])
                }).joined(separator: "\n")
        case .table:
            var table = TextTable(["id", "status", "event", "place", "date", "conf.", "article", "note"])
            for c in candidates {
                let place = c.placeName ?? "province \(c.provinceID ?? "?") (\(c.provinceSites.count) sites)"
                let noteText = c.corroborates.map { "corroborates milestone #\($0)" } ?? ""
                let title = c.documentTitle.count > 48 ? String(c.documentTitle.prefix(47)) + "…" : c.documentTitle
                table.add([
                    c.id.map(String.init) ?? "", c.status.rawValue, c.event.rawValue, place, c.date, String(format: "%.2f", c.confidence),
                    "\(c.documentDate) \(title)", noteText,
                ])
            }
            return table.render()
        }
    }

    /// The grouped queue: one line per proposed milestone, its reports beneath.
    static func render(groups: [CandidateGroup], format: OutputFormat) -> String {
        switch format {
        case .json:
            return ProgrammeJSON.encode(groups).trimmingCharacters(in: .newlines)
        case .csv:
            let header = [
                "group_id", "status", "event", "place_id", "province_id", "date", "candidate", "document_id", "outlet", "member_date", "confidence",
            ]
            let rows = groups.flatMap { g in
                g.members.map { m in
                    CSVLine.join([
                        g.id, g.status, g.event.rawValue, g.placeID ?? "", g.provinceID ?? "", g.date, String(m.id), m.documentID, m.outlet, m.date,
                        String(m.confidence),
                    ])
                }
            }
            return ([CSVLine.join(header)] + rows).joined(separator: "\n")
        case .table:
            var table = TextTable(["group", "status", "event", "place", "date", "reports", "dates reported"])
            for g in groups {
                let place = g.lead.placeName ?? "province \(g.provinceID ?? "?")"
                let outlets = Set(g.candidates.map(\.outlet)).sorted().joined(separator: ", ")
                let readings = g.readings.map { "\($0.date) (\($0.outlets.joined(separator: ", ")))" }.joined(separator: "; ")
                table.add([
                    g.id, g.status, g.event.rawValue, place, g.date,
                    "\(g.members.map { "#\($0.id)" }.joined(separator: " ")) · \(outlets)", g.readings.count > 1 ? "disagree: " + readings : readings,
                ])
            }
            return table.render()
        }
    }
}
