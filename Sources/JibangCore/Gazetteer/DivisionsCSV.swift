import Foundation
import JibangBase
import JibangCSV

/// Reads the gazetteer file (`divisions.csv`) into `Division` values.
enum DivisionsCSV {
    static let columns = ["id", "level", "kind", "province_id", "name_ko", "name_kcna", "name_rr", "name_mr", "lat", "lon", "aliases", "source"]

    /// Parses the gazetteer text. Throws `JibangError` naming the line and column of a bad value.
    static func parse(_ text: String, file: String) throws(JibangError) -> [Division] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw .invalidInput(InputLocation(file: file, line: error.line, column: error.column), error.reason)
        }
        guard table.header == columns else {
            throw .invalidInput(
                InputLocation(file: file, line: 1), "header is \(table.header.joined(separator: ",")); expected \(columns.joined(separator: ","))")
        }
        return try table.rows.map { row throws(JibangError) in
            let f = row.fields
            func bad(_ column: Int, _ reason: String) -> JibangError {
                .invalidInput(InputLocation(file: file, line: row.line, column: column + 1, field: columns[column]), reason)
            }
            guard let level = Int(f[1]) else { throw bad(1, "found \"\(f[1])\", expected 1 or 2") }
            guard let kind = Division.Kind(rawValue: f[2]) else {
                throw bad(2, "found \"\(f[2])\", expected one of \(Division.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let lat = Double(f[8])
            let lon = Double(f[9])
            if !f[8].isEmpty && lat == nil { throw bad(8, "found \"\(f[8])\", expected a decimal latitude") }
            if !f[9].isEmpty && lon == nil { throw bad(9, "found \"\(f[9])\", expected a decimal longitude") }
            return Division(
                id: f[0], level: level, kind: kind, provinceID: f[3].isEmpty ? nil : f[3],
                nameKo: f[4].precomposedStringWithCanonicalMapping, nameKCNA: f[5], nameRR: f[6], nameMR: f[7],
                lat: lat, lon: lon,
                aliases: f[10].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                source: f[11]
            )
        }
    }
}
