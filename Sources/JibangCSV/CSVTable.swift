import Foundation

/// A CSV table read with RFC 4180 rules (quoted fields, doubled quotes, line breaks inside
/// quotes), keeping for every row the line it starts on so errors can say where they are.
public struct CSVTable: Sendable {
    /// One data row: its fields and the 1-based line of the file it starts on.
    public struct Row: Sendable {
        /// The field values, in column order.
        public let fields: [String]
        /// The 1-based line number of the row's first character.
        public let line: Int
    }

    /// The header fields, as written.
    public let header: [String]
    /// The data rows, in file order. Blank lines are skipped.
    public let rows: [Row]

    /// Parses `text`. Throws `CSVError` for an unterminated quote, text after a closing quote,
    /// or a row whose field count differs from the header's.
    ///
    /// O(n) in the length of the text.
    public init(parsing text: String) throws(CSVError) {
        var records = try CSVTable.records(in: text)
        guard !records.isEmpty else { throw CSVError(line: 1, column: 1, reason: "the file is empty; expected a header line") }
        let head = records.removeFirst()
        header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        for record in records where record.fields.count != header.count {
            throw CSVError(
                line: record.line, column: record.fields.count,
                reason: "found \(record.fields.count) fields, expected \(header.count) as in the header (an unquoted comma in a field?)"
            )
        }
        rows = records
    }

    /// The index of the column named `name`, ignoring case.
    public func column(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    static func records(in text: String) throws(CSVError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 1
        var afterQuote = false
        var rowHasContent = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        func endRow() {
            endField()
            if rowHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
                rows.append(Row(fields: fields, line: rowLine))
            }
            fields = []
            rowHasContent = false
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                    pending = next
                    continue
                }
                if scalar == "\n" { line += 1 }
                field.append(scalar)
                continue
            }
            switch scalar {
            case ",":
                endField()
                rowHasContent = true
            case "\r":
                continue
            case "\n":
                endRow()
                line += 1
                rowLine = line
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
                rowHasContent = true
            default:
                if afterQuote && quoteLine != line {
                    // A quote that ran over line breaks and then closed mid-field: most likely its
                    // own closing quote is missing, and it swallowed the lines up to here.
                    throw CSVError(
                        line: quoteLine, column: fields.count + 1,
                        reason: "the quoted field opened on line \(quoteLine) runs to a quote on line \(line) followed by text; "
                            + "expected a closing \" on line \(quoteLine)")
                }
                if afterQuote {
                    throw CSVError(
                        line: line, column: fields.count + 1, reason: "text after a closing quote; expected a comma or the end of the line")
                }
                if scalar == "\u{FEFF}" && rows.isEmpty && fields.isEmpty && field.isEmpty { continue }
                field.append(scalar)
                rowHasContent = true
            }
        }
        if inQuotes {
            throw CSVError(
                line: quoteLine, column: fields.count + 1,
                reason: "the quoted field opened on line \(quoteLine) is never closed (it runs to the end of the file); "
                    + "expected a closing \"")
        }
        endRow()
        return rows
    }
}

/// A CSV syntax error: where it is (1-based line and field number) and what was wrong.
public struct CSVError: Error, Sendable, Equatable {
    /// The 1-based line of the file.
    public let line: Int
    /// The 1-based field (column) number within the row.
    public let column: Int
    /// What was found and what was expected.
    public let reason: String
}

/// Writes CSV with the quoting rules `CSVTable` reads.
public enum CSVWriter {
    /// One CSV line (without the line break) for `fields`, quoting where needed.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",")
    }

    /// A field quoted when it holds a comma, quote or line break.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
