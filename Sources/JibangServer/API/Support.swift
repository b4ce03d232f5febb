import Foundation
import JibangCSV
import KoreanText

/// CSV lines with the importer's quoting rules.
enum CSVWriterLine {
    static func join(_ fields: [String]) -> String { CSVWriter.line(fields) }
}

enum DateParserCheck {
    static func isPeriod(_ text: String) -> Bool { DateParser.iso(text) != nil }
}
