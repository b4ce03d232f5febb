/// What changed in the programme record between two releases (or a release and the store as
/// it stands): milestones added, changed and removed, matched by their store id, and sites
/// whose role changed. The JSON shape is a contract: `{from, to, added: [...], changed: [{id,
/// before, after}], removed: [...]}`.
public struct ReleaseDiff: Sendable, Encodable, Equatable {
    /// A milestone as the changelog shows it.
    public struct Entry: Sendable, Encodable, Equatable {
        public let id: Int64?
        public let stage: String
        public let divisionId: String
        public let place: String
        public let event: String
        public let date: String
        public let status: String
        public let facilities: String
        public let note: String?
        public let actors: [String]
        public let sources: [String]
        /// Set when the milestone is retracted (kept in the record, never counted).
        public let retracted: String?
        /// Retracted sources' addresses.
        public let retractedSources: [String]
    }

    public struct Change: Sendable, Encodable, Equatable {
        public let id: Int64
        public let before: Entry
        public let after: Entry
    }

    /// A site whose role (wave or associated) changed.
    public struct RoleChange: Sendable, Encodable, Equatable {
        public let stage: String
        public let divisionId: String
        public let place: String
        public let before: String
        public let after: String
    }

    public let from: String
    public let to: String
    public let added: [Entry]
    public let changed: [Change]
    public let removed: [Entry]
    public let rolesChanged: [RoleChange]

    /// True when the two records hold the same milestones and roles.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty && rolesChanged.isEmpty }

    public init(from: String, _ before: [Site], to: String, _ after: [Site], gazetteer: Gazetteer) {
        func entries(_ sites: [Site]) -> [Int64: Entry] {
            var out: [Int64: Entry] = [:]
            for site in sites {
                for m in site.milestones { if let id = m.id { out[id] = Self.entry(m, site: site, gazetteer: gazetteer) } }
            }
            return out
        }
        let a = entries(before)
        let b = entries(after)
        self.from = from
        self.to = to
        added = b.keys.filter { a[$0] == nil }.sorted().map { b[$0]! }
        removed = a.keys.filter { b[$0] == nil }.sorted().map { a[$0]! }
        changed = a.keys.filter { b[$0] != nil && a[$0] != b[$0] }.sorted().map { Change(id: $0, before: a[$0]!, after: b[$0]!) }
        var roles: [RoleChange] = []
        for site in ProgrammeRecord.ordered(after) {
            guard let old = before.first(where: { $0.stageID == site.stageID && $0.divisionID == site.divisionID }), old.role != site.role
            else { continue }
            roles.append(
                RoleChange(
                    stage: site.stageID, divisionId: site.divisionID, place: gazetteer.division(id: site.divisionID)?.englishName ?? site.divisionID,
                    before: old.role.rawValue, after: site.role.rawValue))
        }
        rolesChanged = roles
    }

    /// The changelog of `release` since `previous` (since the empty record for the first release).
    public static func since(_ previous: Release?, _ release: Release, gazetteer: Gazetteer) -> ReleaseDiff {
        ReleaseDiff(from: previous?.name ?? "(nothing)", previous?.sites ?? [], to: release.name, release.sites, gazetteer: gazetteer)
    }

    static func entry(_ m: Milestone, site: Site, gazetteer: Gazetteer) -> Entry {
        Entry(
            id: m.id, stage: site.stageID, divisionId: site.divisionID,
            place: gazetteer.division(id: site.divisionID)?.englishName ?? site.divisionID, event: m.eventLabel, date: m.date.description,
            status: m.status.rawValue, facilities: m.facilities, note: m.note, actors: m.actors.map(\.name), sources: m.sources.map(\.url),
            retracted: m.retraction?.reason, retractedSources: m.sources.filter { $0.retraction != nil }.map(\.url))
    }

    /// The changelog as Markdown, grouped by site (stage, then place).
    public var markdown: String {
        var lines = ["# Changelog: \(from) → \(to)", ""]
        if isEmpty { return (lines + ["No milestone, source or role changed."]).joined(separator: "\n") + "\n" }
        lines.append(
            "\(added.count) milestone(s) added, \(changed.count) changed, \(removed.count) removed; \(rolesChanged.count) site role(s) changed.")
        struct Key: Hashable, Comparable {
            let stage: String
            let place: String
            var year: Int { Programme.stage(id: stage)?.year ?? 0 }
            static func < (a: Key, b: Key) -> Bool { (a.year, a.stage, a.place) < (b.year, b.stage, b.place) }
        }
        var groups: [Key: [String]] = [:]
        func describe(_ e: Entry) -> String {
            "\(e.event) \(e.date) (\(e.status))" + (e.sources.isEmpty ? "" : " — " + e.sources.joined(separator: " "))
        }
        for e in added { groups[Key(stage: e.stage, place: e.place), default: []].append("- added #\(e.id.map(String.init) ?? "?"): \(describe(e))") }
        for c in changed {
            var parts: [String] = []
            let (x, y) = (c.before, c.after)
            if x.event != y.event { parts.append("event \(x.event) → \(y.event)") }
            if x.date != y.date { parts.append("date \(x.date) → \(y.date)") }
            if x.status != y.status { parts.append("status \(x.status) → \(y.status)") }
            if x.place != y.place || x.stage != y.stage { parts.append("site \(x.place) (\(x.stage)) → \(y.place) (\(y.stage))") }
            let newSources = y.sources.filter { !x.sources.contains($0) }
            let goneSources = x.sources.filter { !y.sources.contains($0) }
            if !newSources.isEmpty { parts.append("sources + " + newSources.joined(separator: " ")) }
            if !goneSources.isEmpty { parts.append("sources − " + goneSources.joined(separator: " ")) }
            if x.retracted != y.retracted { parts.append(y.retracted.map { "retracted: \($0)" } ?? "restored") }
            if x.retractedSources != y.retractedSources { parts.append("retracted sources: \(y.retractedSources.joined(separator: " "))") }
            if x.facilities != y.facilities { parts.append("facilities “\(x.facilities)” → “\(y.facilities)”") }
            if x.note != y.note { parts.append("note changed") }
            if x.actors != y.actors { parts.append("actors \(x.actors.joined(separator: ", ")) → \(y.actors.joined(separator: ", "))") }
            groups[Key(stage: y.stage, place: y.place), default: []].append(
                "- changed #\(c.id) \(y.event) \(y.date): \(parts.joined(separator: "; "))")
        }
        for e in removed {
            groups[Key(stage: e.stage, place: e.place), default: []].append("- removed #\(e.id.map(String.init) ?? "?"): \(describe(e))")
        }
        for r in rolesChanged { groups[Key(stage: r.stage, place: r.place), default: []].append("- role \(r.before) → \(r.after)") }
        for key in groups.keys.sorted() {
            lines += ["", "## \(key.place) (\(key.stage))", ""] + groups[key]!
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
