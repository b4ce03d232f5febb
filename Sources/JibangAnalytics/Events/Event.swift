import Foundation
public import JibangBase
import JibangCSV
public import JibangCorpus
public import KoreanText

/// A dated event to annotate figures and explain peaks, with its source.
public struct Event: Sendable, Codable, Equatable {
    /// ISO date at the precision the source gives: 2024-01-15, 2013-03 or 2017.
    public let date: String
    public let label: String
    public let source: String
    /// First and last day the date covers.
    public let firstDay: Int
    public let lastDay: Int

    enum CodingKeys: String, CodingKey { case date, label, source }

    public init(date: PartialDate, label: String, source: String) {
        self.date = date.description
        self.label = label
        self.source = source
        firstDay = date.firstDayNumber
        lastDay = date.lastDayNumber
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .date)
        guard let date = DateParser.iso(text) else {
            throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "expected 2024-01-15, 2024-01 or 2024; found \(text)")
        }
        self.init(date: date, label: try c.decode(String.self, forKey: .label), source: try c.decode(String.self, forKey: .source))
    }
}

/// The events annotation file: CSV with the columns `date,label,source`.
public enum EventFile {
    /// The events Jibang ships with (DOMAIN §3: the 2010 joint editorial, the byungjin line,
    /// the 2017 ICBM tests, the April 2018 shift, the 8th Party Congress, the 20×10 announcement).
    /// Compiled in (EmbedResources) and checked by the tests; an empty list rather than a crash
    /// if a build ever lacks it (`jibang doctor` reports that, through `checkedBundled`).
    public static func bundled() -> [Event] {
        (try? checkedBundled()) ?? []
    }

    /// The bundled events, or an error saying the build lacks them or has them damaged.
    public static func checkedBundled() throws(JibangError) -> [Event] {
        guard let text = EmbeddedResources.files["Bundled/events.csv"] else {
            throw .analysis("the bundled file events.csv is not compiled into this binary; rebuild Jibang from a complete checkout")
        }
        return try parse(text, file: "events.csv")
    }

    /// Parses an events file; every row needs a date, a label and a source.
    public static func parse(_ text: String, file: String) throws(JibangError) -> [Event] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw JibangError.analysis("\(file):\(error.line): \(error.reason)")
        }
        guard let dateColumn = table.column("date"), let labelColumn = table.column("label"), let sourceColumn = table.column("source") else {
            throw JibangError.analysis("\(file):1: expected the header date,label,source; found \(table.header.joined(separator: ","))")
        }
        var events: [Event] = []
        for row in table.rows {
            func field(_ column: Int, _ name: String) throws(JibangError) -> String {
                let value = column < row.fields.count ? row.fields[column].trimmingCharacters(in: .whitespaces) : ""
                guard !value.isEmpty else {
                    throw JibangError.analysis("\(file):\(row.line): field \(name) is empty; every event needs a \(name)")
                }
                return value
            }
            let text = try field(dateColumn, "date")
            guard let date = DateParser.iso(text) else {
                throw JibangError.analysis("\(file):\(row.line): field date: found \(text), expected 2024-01-15, 2024-01 or 2024")
            }
            events.append(Event(date: date, label: try field(labelColumn, "label"), source: try field(sourceColumn, "source")))
        }
        return events.sorted { ($0.firstDay, $0.label) < ($1.firstDay, $1.label) }
    }
}

extension Event {
    /// The events that may explain a peak in `period`: those dated in that period or the one
    /// before it (attention follows events).
    public static func near(period: Int, by unit: PeriodUnit, in events: [Event]) -> [Event] {
        let window = unit.days(of: period - 1).lowerBound...unit.days(of: period).upperBound
        return events.filter { $0.firstDay <= window.upperBound && $0.lastDay >= window.lowerBound }
    }
}
