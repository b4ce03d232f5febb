import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

extension PostgresStore: RecordDumping {
    public func dumpRecord() async throws(JibangError) -> RecordDump {
        try await transaction { connection in
            // One snapshot of every table.
            try await connection.rows("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var tables: [RecordDump.Rows] = []
            for table in RecordDump.tables {
                let rows = try await connection.rows(
                    PostgresQuery(unsafeSQL: "SELECT \(table.columnList) FROM \(table.name) ORDER BY \(table.order)"))
                tables.append(
                    RecordDump.Rows(
                        table: table.name,
                        rows: try rows.map { row in
                            let cells = row.makeRandomAccess()
                            return try table.columns.indices.map { try Self.value(cells[$0], table.columns[$0].kind) }
                        }))
            }
            return RecordDump(tables: tables)
        }
    }

    public func loadRecord(_ dump: RecordDump) async throws(JibangError) {
        try await transaction { connection in
            try await connection.rows("SELECT pg_advisory_xact_lock(\(PostgresSchema.lockKey))")
            // A store that was migrated but never seeded holds only the figure its schema
            // preloads; the source's indicators take its place.
            if try await connection.rows("SELECT 1 FROM meta LIMIT 1").isEmpty { try await connection.rows("DELETE FROM indicator") }
            for (table, rows) in zip(RecordDump.tables, dump.tables) {
                guard try await connection.rows(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table.name) LIMIT 1")).isEmpty else {
                    throw JibangError(.conflict, "the target store already holds a record (table \(table.name)); move into an empty database")
                }
                let marks = table.columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
                let sql = "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(marks))"
                for row in rows.rows {
                    var bindings = PostgresBindings(capacity: row.count)
                    for (value, column) in zip(row, table.columns) { Self.bind(value, column.kind, &bindings) }
                    try await connection.rows(PostgresQuery(unsafeSQL: sql, binds: bindings))
                }
                if table.hasID {
                    // The next generated id follows the copied ones.
                    try await connection.rows(
                        PostgresQuery(
                            unsafeSQL:
                                "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), COALESCE((SELECT MAX(id) FROM \(table.name)), 0) + 1, false)"
                        ))
                }
            }
        }
    }

    /// A stored value as the dump keeps it (see `RecordDump.Kind`).
    static func value(_ cell: PostgresCell, _ kind: RecordDump.Kind) throws -> JSONValue {
        switch kind {
        case .integer: try cell.decode(Int64?.self).map { .number(Double($0)) } ?? .null
        case .real: try cell.decode(Double?.self).map(JSONValue.number) ?? .null
        case .text: try cell.decode(String?.self).map(JSONValue.string) ?? .null
        case .boolean: try cell.decode(Bool?.self).map(JSONValue.bool) ?? .null
        case .time: try cell.decode(Date?.self).map { .number(($0.timeIntervalSince1970 * 1000).rounded()) } ?? .null
        }
    }

    /// Appends a dumped value as this engine stores it.
    static func bind(_ value: JSONValue, _ kind: RecordDump.Kind, _ bindings: inout PostgresBindings) {
        switch (value, kind) {
        case (.number(let n), .integer): bindings.append(Int64(n))
        case (.number(let n), .real): bindings.append(n)
        case (.string(let s), .text): bindings.append(s)
        case (.bool(let b), .boolean): bindings.append(b)
        case (.number(let ms), .time): bindings.append(Date(timeIntervalSince1970: ms / 1000))
        default: bindings.appendNull()
        }
    }
}
