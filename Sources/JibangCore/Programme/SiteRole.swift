import Foundation

extension Site {
    /// Whether a site is one of its wave's cities and counties or a project of the policy at a
    /// place that is not counted among them (an offshore farm, a paper mill, a hospital added to
    /// a place that already is a site). Only wave sites count against a wave's target.
    public enum Role: String, Sendable, Codable, CaseIterable {
        case wave
        case associated
    }

    /// One source's reading of a site's role: sources disagree on some wave lists (one counts
    /// Rakwon's offshore farm among 2025's twenty, another does not). The site's `role` is the
    /// reading the counts use; every reading is kept with its source.
    public struct RoleReading: Sendable, Hashable, Codable, CustomStringConvertible {
        public var role: Role
        /// The address of the source that reads it so.
        public var source: String

        public init(role: Role, source: String) {
            self.role = role
            self.source = source
        }

        /// "wave https://…", the form of the CSV's `role_readings` column (readings joined by "; ").
        public var description: String { "\(role.rawValue) \(source)" }

        /// Parses "wave https://…; associated https://…"; nil when a part is not a role and an address.
        public static func list(_ text: String) -> [RoleReading]? {
            var readings: [RoleReading] = []
            for part in text.split(separator: ";") {
                let words = part.split(whereSeparator: \.isWhitespace)
                guard words.count == 2, let role = Role(rawValue: String(words[0]).lowercased()), words[1].contains("://") else { return nil }
                readings.append(RoleReading(role: role, source: String(words[1])))
            }
            return readings
        }

        /// The readings as a store keeps them (JSON `[{role, source}]`), nil when there are none:
        /// the same text on every engine.
        public static func storedText(_ readings: [RoleReading]) -> String? {
            guard !readings.isEmpty, let data = try? JSONEncoder().encode(readings) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }

        /// The readings a store kept (empty for nil or unreadable text).
        public static func stored(_ text: String?) -> [RoleReading] {
            guard let text else { return [] }
            return (try? JSONDecoder().decode([RoleReading].self, from: Data(text.utf8))) ?? []
        }
    }

    /// True when some source reads the site's role otherwise than the counts do.
    public var roleDisputed: Bool { roleReadings.contains { $0.role != role } }

    /// True for a wave site: one of the cities and counties a wave's target counts.
    public var isWaveSite: Bool { role == .wave }
}
