import Foundation

/// Who made a change: the CLI's operating-system user, an API token, or the system itself
/// (seeding). Set for a task with `AuditActor.$current.withValue(…)`; every store write in
/// that task is written to the audit trail under it.
public struct AuditActor: Sendable, Codable, Equatable {
    /// "cli", "token" or "system".
    public let kind: String
    /// "cli:USER", the token's id, or nil.
    public let id: String?
    public let label: String?
    /// The token's role (editor, admin), or nil.
    public let role: String?

    public init(kind: String, id: String?, label: String?, role: String?) {
        self.kind = kind
        self.id = id
        self.label = label
        self.role = role
    }

    /// The store's own writes (seeding the bundled record).
    public static let system = AuditActor(kind: "system", id: nil, label: nil, role: nil)

    /// A person at the command line.
    public static func cli(user: String) -> AuditActor { AuditActor(kind: "cli", id: "cli:\(user)", label: user, role: nil) }

    /// A client of the API or a page's form, by the token it presented.
    public static func token(_ token: TokenInfo) -> AuditActor {
        AuditActor(kind: "token", id: String(token.id), label: token.label, role: token.role.rawValue)
    }

    /// The actor of the current task's writes.
    @TaskLocal public static var current: AuditActor = .system

    enum CodingKeys: String, CodingKey { case kind, id, label, role }

    /// Writes every key, null included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(id, forKey: .id)
        try c.encode(label, forKey: .label)
        try c.encode(role, forKey: .role)
    }
}

/// One write, as the audit trail keeps it. Its JSON is the contract of `jibang audit --format
/// json` and `GET /api/v1/audit`: `{id, at, actor: {kind, id, label, role}, action, entity,
/// entity_id, reason, before, after}`.
public struct AuditEntry: Sendable, Codable, Equatable {
    public let id: Int64
    /// ISO 8601 UTC time of the write.
    public let at: String
    public let actor: AuditActor
    /// add, edit, retract, restore, import, seed, accept, reject, redate, indicator, token-create, token-revoke.
    public let action: String
    /// milestone, source, import, candidate, indicator, token, store.
    public let entity: String
    public let entityID: String?
    public let reason: String?
    /// The entity before and after the write, as JSON; null for an addition's before or a removal's after.
    public let before: JSONValue?
    public let after: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, entity
        case entityID = "entity_id"
        case reason, before, after
    }

    public init(
        id: Int64, at: String, actor: AuditActor, action: String, entity: String, entityID: String?, reason: String?, before: JSONValue?,
        after: JSONValue?
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.reason = reason
        self.before = before
        self.after = after
    }

    /// Writes every key, null included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(at, forKey: .at)
        try c.encode(actor, forKey: .actor)
        try c.encode(action, forKey: .action)
        try c.encode(entity, forKey: .entity)
        try c.encode(entityID, forKey: .entityID)
        try c.encode(reason, forKey: .reason)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
    }
}

/// A JSON value of any shape, for the before and after of an audit entry.
public enum JSONValue: Sendable, Codable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .number(n): try c.encode(n)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    /// The value of `encodable` as JSON (nil when it cannot be encoded).
    public static func of(_ encodable: some Encodable) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(encodable) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The value parsed from JSON text.
    public static func parse(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Compact JSON text with sorted keys.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}
