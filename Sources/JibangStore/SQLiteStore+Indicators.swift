import GRDB
public import JibangBase
public import JibangCore

extension SQLiteStore: IndicatorStore {
    /// Every indicator value, by name then period.
    public func indicators() async throws(JibangError) -> [Indicator] {
        try await run {
            try writer.read { db in
                try Row.fetchAll(db, sql: "SELECT name, unit, period, value, source, note FROM indicator ORDER BY name, period").map {
                    Indicator(name: $0[0], unit: $0[1], period: $0[2], value: $0[3], source: $0[4], note: $0[5])
                }
            }
        }
    }

    /// Stores an indicator value. A value for the same name and period is an error unless
    /// `replace`, so a typo never silently overwrites a sourced figure.
    public func addIndicator(_ indicator: Indicator, replace: Bool) async throws(JibangError) {
        try await run {
            try writer.write { db in
                let existing = try Double.fetchOne(
                    db, sql: "SELECT value FROM indicator WHERE name = ? AND period = ?", arguments: [indicator.name, indicator.period])
                if let existing, !replace {
                    throw JibangError.duplicate(
                        nil,
                        "\(indicator.name) for \(indicator.period) is already stored (\(existing)); a stored figure is only overwritten when a replacement is asked for",
                        hint: .init(field: "replace", suggestion: "true"))
                }
                try db.execute(
                    sql: """
                        INSERT INTO indicator (name, unit, period, value, source, note) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (name, period) DO UPDATE SET unit = excluded.unit, value = excluded.value, source = excluded.source, note = excluded.note
                        """,
                    arguments: [indicator.name, indicator.unit, indicator.period, indicator.value, indicator.source, indicator.note])
                try Self.audit(
                    db, existing == nil ? "add" : "edit", "indicator", "\(indicator.name)|\(indicator.period)",
                    before: existing.map { .object(["value": .number($0)]) }, after: JSONValue.of(indicator))
            }
        }
    }
}
