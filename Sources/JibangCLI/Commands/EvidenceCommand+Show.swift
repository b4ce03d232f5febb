import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension EvidenceCommand {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one candidate in full: snippet, reasons, document.")
        @Argument(help: "The candidate's id (see `jibang evidence list`).")
        var id: Int64
        @OptionGroup var output: OutputOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let candidate = try await store.reviewQueue().candidate(id: id)
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(candidate).trimmingCharacters(in: .newlines))
                case .csv: emit(EvidenceView.render([candidate], format: .csv))
                case .table:
                    let gazetteer = try BundledData.gazetteer()
                    let place = candidate.placeID.flatMap(gazetteer.division(id:)).map(gazetteer.label) ?? "—"
                    let province = candidate.provinceID.flatMap(gazetteer.division(id:)).map { $0.englishName } ?? "—"
                    var lines = [
                        "candidate #\(id) (\(candidate.status.rawValue))",
                        "event:       \(candidate.event.rawValue)",
                        "place:       \(place)",
                        "province:    \(province)",
                        "date:        \(MilestoneDate(candidate.date)?.humanDescription ?? candidate.date)",
                        "facilities:  \(candidate.facilities.isEmpty ? "—" : candidate.facilities.joined(separator: "; "))",
                        "confidence:  \(String(format: "%.2f", candidate.confidence))",
                        "document:    \(candidate.documentID), \(candidate.outlet), \(candidate.documentDate): \(candidate.documentTitle)",
                        "url:         \(candidate.url ?? "—")",
                        "why:         \(candidate.why)",
                        "snippet:     \(candidate.snippet)",
                    ]
                    if let milestone = candidate.corroborates {
                        lines.append("corroborates: milestone #\(milestone) (accepting adds this article as its source)")
                    }
                    if !candidate.provinceSites.isEmpty { lines.append("sites in the province: \(candidate.provinceSites.joined(separator: ", "))") }
                    emit(lines.joined(separator: "\n"))
                }
            }
        }
    }
}
