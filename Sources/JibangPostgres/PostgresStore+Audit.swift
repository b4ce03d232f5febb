import Foundation
public import JibangBase
public import JibangCore
import PostgresNIO

extension PostgresStore: AuditStore {
    /// Records one write in the audit trail, in the caller's transaction, under `AuditActor.current`.
    static func audit(
        _ connection: PostgresConnection, _ action: String, _ entity: String, _ entityID: String?, reason: String? = nil,
        before: JSONValue? = nil, after: JSONValue? = nil
    ) async throws {
        let actor = AuditActor.current
        let at = ISO8601DateFormatter().string(from: Date())
        try await connection.rows(
            """
            INSERT INTO audit (at, actor_kind, actor_id, actor_label, actor_role, action, entity, entity_id, reason, before, after)
            VALUES (\(at), \(actor.kind), \(actor.id), \(actor.label), \(actor.role), \(action), \(entity), \(entityID), \(reason),
                \(before?.text), \(after?.text))
            """)
    }

    public func auditEntries(since: String?, entity: String?, entityID: String?, limit: Int) async throws(JibangError) -> [AuditEntry] {
        try await transaction { connection in try await Self.fetchAudit(connection, since: since, entity: entity, entityID: entityID, limit: limit) }
    }

    /// Entries newest first, in the caller's transaction. A nil filter matches every row; a
    /// negative limit (as SQLite reads it) means all.
    static func fetchAudit(
        _ connection: PostgresConnection, since: String?, entity: String?, entityID: String?, limit: Int
    ) async throws -> [AuditEntry] {
        let rows = try await connection.rows(
            """
            SELECT id, at, actor_kind, actor_id, actor_label, actor_role, action, entity, entity_id, reason, before, after FROM audit
            WHERE (\(since)::text IS NULL OR at >= \(since)) AND (\(entity)::text IS NULL OR entity = \(entity))
                AND (\(entityID)::text IS NULL OR entity_id = \(entityID))
            ORDER BY id DESC LIMIT \(limit < 0 ? Int64.max : Int64(limit))
            """)
        return try rows.map { row in
            let (id, at, kind, actorID, label, role, action, entity, entityID, reason, before, after) = try row.decode(
                (Int64, String, String, String?, String?, String?, String, String, String?, String?, String?, String?).self)
            return AuditEntry(
                id: id, at: at, actor: AuditActor(kind: kind, id: actorID, label: label, role: role), action: action, entity: entity,
                entityID: entityID, reason: reason, before: JSONValue.parse(before), after: JSONValue.parse(after))
        }
    }
}

extension PostgresStore: IndicatorStore {
    public func indicators() async throws(JibangError) -> [Indicator] {
        try await rows("SELECT name, unit, period, value, source, note FROM indicator ORDER BY name, period").map { row throws(JibangError) in
            let (name, unit, period, value, source, note) = try Self.decode(row, as: (String, String, String, Double, String, String?).self)
            return Indicator(name: name, unit: unit, period: period, value: value, source: source, note: note)
        }
    }

    public func addIndicator(_ indicator: Indicator, replace: Bool) async throws(JibangError) {
        try await transaction { connection in
            // The row is locked until the transaction ends, so two writers of one figure take turns.
            let existing = try await connection.rows(
                "SELECT value FROM indicator WHERE name = \(indicator.name) AND period = \(indicator.period) FOR UPDATE"
            ).first.map { try $0.decode(Double.self) }
            if let existing, !replace {
                throw JibangError.duplicate(
                    nil,
                    "\(indicator.name) for \(indicator.period) is already stored (\(existing)); a stored figure is only overwritten when a replacement is asked for",
                    hint: .init(field: "replace", suggestion: "true"))
            }
            try await connection.rows(
                """
                INSERT INTO indicator (name, unit, period, value, source, note)
                VALUES (\(indicator.name), \(indicator.unit), \(indicator.period), \(indicator.value), \(indicator.source), \(indicator.note))
                ON CONFLICT (name, period) DO UPDATE SET unit = excluded.unit, value = excluded.value, source = excluded.source, note = excluded.note
                """)
            try await Self.audit(
                connection, existing == nil ? "add" : "edit", "indicator", "\(indicator.name)|\(indicator.period)",
                before: existing.map { .object(["value": .number($0)]) }, after: JSONValue.of(indicator))
        }
    }
}
