import Foundation
import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: RecordDumping {
    public func dumpRecord() async throws(JibangError) -> RecordDump {
        try await run {
            try writer.read { db in
                RecordDump(
                    tables: try RecordDump.tables.map { table in
                        let rows = try Row.fetchAll(db, sql: "SELECT \(table.columnList) FROM \(table.name) ORDER BY \(table.order)")
                        return RecordDump.Rows(
                            table: table.name,
                            rows: rows.map { row in table.columns.indices.map { Self.value(row[$0] as DatabaseValue, table.columns[$0].kind) } })
                    })
            }
        }
    }

    public func loadRecord(_ dump: RecordDump) async throws(JibangError) {
        try await run {
            try writer.write { db in
                // A store that was migrated but never seeded holds only the figure its schema
                // preloads; the source's indicators take its place.
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM meta") == 0 { try db.execute(sql: "DELETE FROM indicator") }
                for (table, rows) in zip(RecordDump.tables, dump.tables) {
                    guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name)") == 0 else {
                        throw JibangError(.conflict, "the target store already holds a record (table \(table.name)); move into an empty store")
                    }
                    let marks = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let statement = try db.makeStatement(sql: "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(marks))")
                    for row in rows.rows {
                        try statement.execute(arguments: StatementArguments(zip(row, table.columns).map { Self.databaseValue($0, $1.kind) }))
                    }
                }
            }
        }
    }

    /// A stored value as the dump keeps it (see `RecordDump.Kind`).
    static func value(_ stored: DatabaseValue, _ kind: RecordDump.Kind) -> JSONValue {
        if stored.isNull { return .null }
        switch kind {
        case .integer: return Int64.fromDatabaseValue(stored).map { .number(Double($0)) } ?? .null
        case .real: return Double.fromDatabaseValue(stored).map(JSONValue.number) ?? .null
        case .text: return String.fromDatabaseValue(stored).map(JSONValue.string) ?? .null
        case .boolean: return Bool.fromDatabaseValue(stored).map(JSONValue.bool) ?? .null
        case .time: return Date.fromDatabaseValue(stored).map { .number(($0.timeIntervalSince1970 * 1000).rounded()) } ?? .null
        }
    }

    /// A dumped value as this engine stores it.
    static func databaseValue(_ value: JSONValue, _ kind: RecordDump.Kind) -> DatabaseValue {
        switch (value, kind) {
        case (.number(let n), .integer): Int64(n).databaseValue
        case (.number(let n), .real): n.databaseValue
        case (.string(let s), .text): s.databaseValue
        case (.bool(let b), .boolean): b.databaseValue
        case (.number(let ms), .time): storedTime(milliseconds: Int64(ms)).databaseValue
        default: .null
        }
    }

    /// A time as GRDB stores a `Date` ("2026-11-30 16:42:19.123", UTC), from whole milliseconds:
    /// formatted from integers, so no floating-point rounding moves it by a millisecond.
    static func storedTime(milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: Double(seconds))) + String(format: ".%03d", Int(milliseconds - seconds * 1000))
    }
}
