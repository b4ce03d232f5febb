public import JibangBase
import JibangCSV
import JibangCore

/// A hand label: this place had this event in this month, as the articles report it.
public struct EvidenceLabel: Sendable, Equatable, Codable {
    public let placeID: String
    public let event: EvidenceEvent
    /// YYYY-MM.
    public let month: String
    public let note: String

    public var key: String { "\(placeID)|\(event.rawValue)|\(month)" }
}

/// Precision and recall of proposed (place, event, month) against hand labels.
///
/// Only candidates that name a place count. A candidate's month is that of its date's start;
/// an undated report ("on or before D") may also be about the month before D when D falls in
/// the first week (reports follow events by a few days).
public struct Evaluation: Sendable, Codable, Equatable {
    public let precision: Double
    public let recall: Double
    public let truePositives: [String]
    public let falsePositives: [String]
    public let falseNegatives: [String]

    enum CodingKeys: String, CodingKey {
        case precision, recall
        case truePositives = "true_positives"
        case falsePositives = "false_positives"
        case falseNegatives = "false_negatives"
    }

    public init(candidates: [Candidate], labels: [EvidenceLabel]) {
        let wanted = Set(labels.map(\.key))
        var proposed: [String: [String]] = [:]  // first key → every key it may stand for
        for candidate in candidates {
            guard let place = candidate.placeID, let date = candidate.milestoneDate else { continue }
            let months = Self.months(date)
            let keys = months.map { "\(place)|\(candidate.event.rawValue)|\($0)" }
            let primary = keys.first { wanted.contains($0) } ?? keys[0]
            proposed[primary] = keys
        }
        var found = Set<String>()
        var tp: [String] = []
        var fp: [String] = []
        for (primary, keys) in proposed {
            if let hit = keys.first(where: wanted.contains) {
                tp.append(primary)
                found.insert(hit)
            } else {
                fp.append(primary)
            }
        }
        truePositives = tp.sorted()
        falsePositives = fp.sorted()
        falseNegatives = wanted.subtracting(found).sorted()
        precision = proposed.isEmpty ? 0 : Double(tp.count) / Double(proposed.count)
        recall = wanted.isEmpty ? 0 : Double(found.count) / Double(wanted.count)
    }

    static func months(_ date: MilestoneDate) -> [String] {
        func month(_ day: Day) -> String { "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)" }
        switch date {
        case let .onOrBefore(day):
            guard day.day <= 7 else { return [month(day)] }
            let previous = day.month == 1 ? Day(year: day.year - 1, month: 12, day: 1)! : Day(year: day.year, month: day.month - 1, day: 1)!
            return [month(day), month(previous)]
        default:
            return [month(date.earliest ?? date.latest)]
        }
    }

    /// Reads a labels CSV: `place_id,event,month` and optional `note` (other columns ignored).
    public static func labels(csv text: String, file: String) throws(JibangError) -> [EvidenceLabel] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw .invalidInput(InputLocation(file: file, line: error.line), error.reason)
        }
        guard let place = table.column("place_id"), let event = table.column("event"), let month = table.column("month") else {
            throw .invalidInput(InputLocation(file: file, line: 1), "expected the columns place_id, event and month")
        }
        let note = table.column("note")
        return try table.rows.map { row throws(JibangError) in
            func field(_ i: Int) -> String { i < row.fields.count ? row.fields[i] : "" }
            guard let kind = EvidenceEvent(rawValue: field(event)) else {
                throw .invalidInput(
                    InputLocation(file: file, line: row.line, field: "event"),
                    "found \(field(event)); expected one of \(EvidenceEvent.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard field(month).count == 7, MilestoneDate(field(month)) != nil else {
                throw .invalidInput(InputLocation(file: file, line: row.line, field: "month"), "found \(field(month)); expected YYYY-MM")
            }
            return EvidenceLabel(placeID: field(place), event: kind, month: field(month), note: note.map(field) ?? "")
        }
    }
}
