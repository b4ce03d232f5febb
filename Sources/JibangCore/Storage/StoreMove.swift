public import JibangBase

/// What a move between stores copied and whether it arrived whole.
public struct MoveReport: Sendable {
    /// Rows per table, as read from the source.
    public var counts: [(table: String, rows: Int)]
    /// Tables whose rows differ between source and target after the move (none when lossless).
    public var differingTables: [String]
    /// The programme export (`jibang export --format json`) of each side, in bytes, and whether
    /// the two are identical.
    public var exportBytes: Int
    public var exportIdentical: Bool

    /// True when every table and the export arrived unchanged.
    public var isLossless: Bool { differingTables.isEmpty && exportIdentical }
}

/// Moves the whole record from one store to another (SQLite to PostgreSQL and back), ids
/// kept, in one transaction on the target, then proves it: every table read back equal and the
/// programme export byte for byte the same.
public enum StoreMove {
    public static func copy(
        from source: some RecordDumping, to target: some RecordDumping, progress: (String) -> Void = { _ in }
    ) async throws(JibangError) -> MoveReport {
        let dump = try await source.dumpRecord()
        let rows = dump.tables.reduce(0) { $0 + $1.rows.count }
        progress("read \(rows) rows in \(dump.tables.count) tables from the source")
        try await target.loadRecord(dump)
        progress("wrote them to the target in one transaction; reading both back to compare")
        let copied = try await target.dumpRecord()
        let differing = zip(dump.tables, copied.tables).filter { $0.0 != $0.1 }.map(\.0.table)
        let gazetteer = try BundledData.gazetteer()
        let before = ProgrammeJSON.write(try await source.sites(), gazetteer: gazetteer)
        let after = ProgrammeJSON.write(try await target.sites(), gazetteer: gazetteer)
        return MoveReport(
            counts: dump.counts, differingTables: differing,
            exportBytes: before.utf8.count, exportIdentical: before == after)
    }
}
