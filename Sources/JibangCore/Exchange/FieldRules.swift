import Foundation
public import JibangBase

/// The validation rules every input path shares — CSV, JSON and single edits from the CLI —
/// so a value is accepted or refused the same way wherever it comes from.
///
/// Each rule returns the typed value or throws `.invalidInput` at `location` saying what was
/// found and what was expected.
public enum FieldRules {
    /// A stage: "2024", "pilot", "precursor-2023", or the bundled file's labels.
    public static func stage(_ text: String, at location: InputLocation) throws(JibangError) -> Stage {
        if let stage = Programme.stage(matching: text) { return stage }
        throw .invalidInput(location, "found \"\(text)\", expected a stage: a year 2024–2033, \"pilot\" or \"precursor-2023\"")
    }

    /// Synonyms accepted for milestone kinds, beyond the raw values.
    static let kindSynonyms: [String: Milestone.Kind] = [
        "ground-breaking": .groundbreaking, "ground breaking": .groundbreaking, "착공": .groundbreaking, "착공식": .groundbreaking,
        "leader visit": .leaderVisit, "leader-visit": .leaderVisit, "field guidance": .leaderVisit, "현지지도": .leaderVisit,
        "official visit": .officialVisit, "official-visit": .officialVisit,
        "framework completed": .frameworkCompleted, "framework-completed": .frameworkCompleted,
        "completion": .inauguration, "inauguration/completion": .inauguration, "준공": .inauguration, "준공식": .inauguration,
        "in operation": .inOperation, "in-operation": .inOperation, "조업": .inOperation, "조업식": .inOperation,
    ]

    /// A milestone kind and an optional detail in parentheses: "selection (model units)".
    public static func kind(_ text: String, at location: InputLocation) throws(JibangError) -> (Milestone.Kind, String?) {
        var head = text.trimmingCharacters(in: .whitespaces)
        var detail: String? = nil
        if let open = head.firstIndex(of: "("), head.hasSuffix(")") {
            detail = String(head[head.index(after: open)..<head.index(before: head.endIndex)]).trimmingCharacters(in: .whitespaces)
            head = head[..<open].trimmingCharacters(in: .whitespaces)
        }
        let key = head.lowercased()
        if let kind = Milestone.Kind(rawValue: key) ?? kindSynonyms[key] { return (kind, detail?.isEmpty == true ? nil : detail) }
        throw .invalidInput(location, "found \"\(text)\", expected an event: \(Milestone.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    public static func date(_ text: String, at location: InputLocation) throws(JibangError) -> MilestoneDate {
        if let date = MilestoneDate(text) { return date }
        throw .invalidInput(location, "found \"\(text)\", expected \(MilestoneDate.expectedForms)")
    }

    /// "claimed" (default when empty), "confirmed" or "planned"; also the long forms.
    public static func status(_ text: String, at location: InputLocation) throws(JibangError) -> Milestone.Status {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "", "claimed", "claimed by state media", "state media": return .claimed
        case "confirmed", "independently confirmed": return .confirmed
        case "planned", "announced": return .planned
        default:
            throw .invalidInput(
                location, "found \"\(text)\", expected \"claimed\" (by state media), \"confirmed\" (independently) or \"planned\" (not yet happened)")
        }
    }

    /// A site's role; nil for an empty field (the role is not stated).
    public static func role(_ text: String, at location: InputLocation) throws(JibangError) -> Site.Role? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if text.isEmpty { return nil }
        guard let role = Site.Role(rawValue: text) else {
            throw .invalidInput(
                location,
                "found \"\(text)\", expected \"wave\" (one of the wave's cities and counties) or \"associated\" (a project of the policy not counted among them)"
            )
        }
        return role
    }

    /// Sources' readings of a site's role: "wave https://…; associated https://…".
    public static func roleReadings(_ text: String, at location: InputLocation) throws(JibangError) -> [Site.RoleReading] {
        guard let readings = Site.RoleReading.list(text) else {
            throw .invalidInput(
                location,
                "found \"\(text)\", expected readings such as \"wave https://… ; associated https://…\" (a role and the address of the source that gives it)"
            )
        }
        return readings
    }

    /// An http(s) address; a milestone without one has no source and is refused.
    public static func url(_ text: String, at location: InputLocation) throws(JibangError) -> String {
        let url = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if url.isEmpty { throw .invalidInput(location, "no source: every milestone needs the http(s) address of the report it rests on") }
        if Source.isWebAddress(text) { return url }
        throw .invalidInput(location, "found \"\(text)\", expected an http(s) address such as https://kcnawatch.org/…")
    }

    public static func day(_ text: String, at location: InputLocation) throws(JibangError) -> Day? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if let day = Day(iso: text) { return day }
        throw .invalidInput(location, "found \"\(text)\", expected a day like 2024-03-07")
    }

    /// Actors written "Kim Jong Un (person); 124th Regiment (body)"; a name without a kind is a person.
    public static func actors(_ text: String, at location: InputLocation) throws(JibangError) -> [Actor] {
        var actors: [Actor] = []
        for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            var name = part
            var kind = Actor.Kind.person
            if part.hasSuffix(")"), let open = part.lastIndex(of: "(") {
                let word = part[part.index(after: open)..<part.index(before: part.endIndex)].trimmingCharacters(in: .whitespaces)
                guard let parsed = Actor.Kind(rawValue: word.lowercased()) else {
                    throw .invalidInput(location, "found actor kind \"\(word)\" in \"\(part)\", expected (person) or (body)")
                }
                kind = parsed
                name = part[..<open].trimmingCharacters(in: .whitespaces)
            }
            actors.append(Actor(name: name, kind: kind))
        }
        return actors
    }

    /// The text form `actors(_:at:)` reads.
    public static func actorsText(_ actors: [Actor]) -> String {
        actors.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: "; ")
    }

    /// Every http(s) address in free text, in order, without trailing punctuation.
    public static func webAddresses(in text: String) -> [String] {
        text.matches(of: /https?:\/\/[^\s,;"'<>)\]]+/).map { match in
            var url = String(match.output)
            while let last = url.last, ".:".contains(last) { url.removeLast() }
            return url
        }
    }
}
