public import JibangBase

/// Every row of the record's tables, engine-neutral: what moving a store between SQLite and
/// PostgreSQL copies, and what proves the move lossless (the two dumps are equal). Ids are
/// kept, so the audit trail, the evidence queue and releases still name the same milestones.
public struct RecordDump: Sendable, Equatable {
    /// One table's rows, each in `RecordDump.Table.columns` order.
    public struct Rows: Sendable, Equatable {
        public var table: String
        public var rows: [[JSONValue]]

        public init(table: String, rows: [[JSONValue]]) {
            self.table = table
            self.rows = rows
        }
    }

    /// What a column holds, as both engines read and write it. Times are milliseconds since
    /// 1970 (UTC), the precision both engines keep.
    public enum Kind: Sendable {
        case integer, real, text, boolean, time
    }

    /// A table of the record: its columns and the order rows are read in (parents first).
    public struct Table: Sendable {
        public let name: String
        public let columns: [(name: String, kind: Kind)]
        public let order: String
        /// True for tables with a generated `id` (whose counter follows the copied rows).
        public var hasID: Bool { columns.first?.name == "id" && columns.first?.kind == .integer }

        public var columnList: String { columns.map(\.name).joined(separator: ", ") }
    }

    /// The record's tables, parents before children (the order rows are written in).
    public static let tables: [Table] = {
        func t(_ name: String, _ order: String, _ columns: [(String, Kind)]) -> Table {
            Table(name: name, columns: columns.map { (name: $0.0, kind: $0.1) }, order: order)
        }
        let text = Kind.text
        return [
            t("meta", "key", [("key", text), ("value", text)]),
            t(
                "division", "level, id",
                [
                    ("id", text), ("level", .integer), ("kind", text), ("province_id", text), ("name_ko", text), ("name_kcna", text),
                    ("name_rr", text), ("name_mr", text), ("lat", .real), ("lon", .real), ("aliases", text), ("source", text),
                ]),
            t("stage", "id", [("id", text), ("kind", text), ("year", .integer), ("target", .integer), ("label", text)]),
            t("site", "id", [("id", .integer), ("stage_id", text), ("division_id", text), ("role", text), ("role_readings", text)]),
            t(
                "milestone", "id",
                [
                    ("id", .integer), ("site_id", .integer), ("kind", text), ("date", text), ("date_precision", text), ("date_earliest", text),
                    ("date_latest", text), ("status", text), ("detail", text), ("facilities", text), ("note", text), ("retracted_at", text),
                    ("retraction_reason", text),
                ]),
            t("actor", "id", [("id", .integer), ("milestone_id", .integer), ("position", .integer), ("name", text), ("kind", text)]),
            t(
                "source", "id",
                [
                    ("id", .integer), ("milestone_id", .integer), ("position", .integer), ("url", text), ("outlet", text), ("title", text),
                    ("published", text), ("language", text), ("quote", text), ("retracted_at", text), ("retraction_reason", text),
                    ("reading", text),
                ]),
            t(
                "indicator", "id",
                [("id", .integer), ("name", text), ("unit", text), ("period", text), ("value", .real), ("source", text), ("note", text)]),
            t(
                "evidence_candidate", "id",
                [
                    ("id", .integer), ("key", text), ("document_id", text), ("place_id", text), ("province_id", text), ("event", text),
                    ("date", text), ("confidence", .real), ("status", text), ("payload", text), ("milestone_id", .integer),
                    ("corroborates", .integer), ("decision_note", text), ("created_milestone", .boolean), ("created_site", .boolean),
                    ("added_source", .boolean),
                ]),
            t(
                "api_token", "id",
                [("id", .integer), ("hash", text), ("role", text), ("label", text), ("created", .time), ("revoked", .time)]),
            t(
                "audit", "id",
                [
                    ("id", .integer), ("at", text), ("actor_kind", text), ("actor_id", text), ("actor_label", text), ("actor_role", text),
                    ("action", text), ("entity", text), ("entity_id", text), ("reason", text), ("before", text), ("after", text),
                ]),
            t(
                "release", "id",
                [("id", .integer), ("name", text), ("created_at", text), ("notes", text), ("jibang_version", text), ("record", text)]),
            t(
                "web_session", "id",
                [
                    ("id", .integer), ("hash", text), ("token_id", .integer), ("csrf", text), ("created", .time), ("expires", .time),
                    ("last_decision", text),
                ]),
        ]
    }()

    /// Every table's rows, in `tables` order.
    public var tables: [Rows]

    public init(tables: [Rows]) { self.tables = tables }

    /// Rows per table, for summaries.
    public var counts: [(table: String, rows: Int)] { tables.map { ($0.table, $0.rows.count) } }

    /// True when no table holds a row: a store migrated but never seeded.
    public var isEmpty: Bool { tables.allSatisfy(\.rows.isEmpty) }
}

/// A store whose record can be read whole and written whole, ids kept: what moving between
/// engines needs.
public protocol RecordDumping: RecordStore {
    /// Every row of the record's tables, in one consistent snapshot.
    func dumpRecord() async throws(JibangError) -> RecordDump
    /// Writes `dump` into this store, which must hold no record yet, in one transaction; the
    /// id counters continue after the copied ids.
    func loadRecord(_ dump: RecordDump) async throws(JibangError)
}
