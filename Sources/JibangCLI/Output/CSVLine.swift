import JibangCSV

/// One CSV line for command output, quoted by the same rules the importer reads.
enum CSVLine {
    static func join(_ fields: [String]) -> String { CSVWriter.line(fields) }
}
