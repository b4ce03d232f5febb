import Foundation
public import JibangBase

/// The rules the scanner reads with, as one value: the tables of `EventRules` (compiled in,
/// readable in the source) plus whatever an analyst adds with a rules file (`--rules FILE`).
///
/// A rules file has one line per addition, `KIND: cue | cue | …`, `#` starting a comment.
/// KIND is an event (groundbreaking, inauguration, leader_visit, official_visit,
/// framework_completed, construction_progress) whose first rule gains the cues, or one of
/// leader (words naming the leader), programme (words that make a text about the programme),
/// future (words that put a ceremony in the future), paperwork (words of plans on paper).
/// Cues are matched in lower case; Korean ones also without spaces.
public struct EvidenceRules: Sendable {
    public var events: [EventRule]
    public var leaders: [String]
    public var otherKims: [String]
    public var future: [String]
    public var programmeCues: [String]
    public var paperwork: [String]
    public var facilityKinds: [(cue: String, label: String)]
    public var boundVerbs: [(cue: String, event: EvidenceEvent)]

    /// The compiled-in tables.
    public static let standard = EvidenceRules(
        events: EventRules.all, leaders: EventRules.leaders, otherKims: EventRules.otherKims, future: EventRules.future,
        programmeCues: EventRules.programmeCues, paperwork: EventRules.paperwork, facilityKinds: EventRules.facilityKinds,
        boundVerbs: EventRules.boundVerbs)

    /// These rules with the additions of a rules file; errors name the file, line and kind.
    public func adding(file text: String, name: String) throws(JibangError) -> EvidenceRules {
        var rules = self
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let at = InputLocation(file: name, line: n + 1)
            guard let colon = line.firstIndex(of: ":") else {
                throw .invalidInput(
                    at, "found \"\(line.trimmingCharacters(in: .whitespaces))\", expected KIND: cue | cue (e.g. inauguration: cut the ribbon)")
            }
            let kind = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let cues = line[line.index(after: colon)...].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
            guard !cues.isEmpty else { throw .invalidInput(at, "no cue after \(kind):; give one or more, separated by |") }
            switch kind {
            case "leader": rules.leaders += cues
            case "programme", "program": rules.programmeCues += cues
            case "future": rules.future += cues
            case "paperwork": rules.paperwork += cues
            default:
                guard let event = EvidenceEvent(rawValue: kind), let i = rules.events.firstIndex(where: { $0.event == event }) else {
                    let kinds = EvidenceEvent.allCases.map(\.rawValue) + ["leader", "programme", "future", "paperwork"]
                    throw .invalidInput(at, "unknown kind \"\(kind)\"; expected one of \(kinds.joined(separator: ", "))")
                }
                let rule = rules.events[i]
                rules.events[i] = EventRule(rule.event, rule.name, cues: rule.cues + cues, requires: rule.requires, confidence: rule.confidence)
            }
        }
        return rules
    }

    /// The first rule a sentence satisfies, or nil. `lowered` is the sentence in lower case,
    /// `compact` the same without spaces (for Korean).
    func match(lowered: TextProbe, compact: TextProbe, leaderInContext: Bool = false, excluding excluded: Set<EvidenceEvent> = []) -> EventRule? {
        func has(_ cue: String) -> Bool { lowered.contains(cue) || compact.contains(cue) }
        // The leader named, or named in the sentence before and referred to here ("He inspected").
        let namesLeader = leaderInContext || leaders.contains(where: has) || (lowered.contains("kim ") && !otherKims.contains(where: has))
        let isFuture = future.contains(where: has)
        for rule in events where !excluded.contains(rule.event) && rule.cues.contains(where: has) {
            switch rule.event {
            case .leaderVisit where rule.requires == EventRules.leaders:
                guard namesLeader else { continue }
            case .officialVisit:
                // A sentence that names the leader is his visit, not an official's.
                guard !namesLeader, rule.requires.contains(where: has) else { continue }
            case .inauguration, .groundbreaking:
                // "ahead of their inauguration", "준공을 앞둔": no ceremony yet.
                if isFuture { continue }
            default:
                if !rule.requires.isEmpty && !rule.requires.contains(where: has) { continue }
            }
            return rule
        }
        return nil
    }

    /// Words that refer back to a person named before (matched with spaces around the sentence).
    static let pronouns = [" he ", " his ", " 그는 ", " 그가 ", " 그의 "]

    /// True when the sentence refers back to someone with a pronoun.
    static func refersBack(_ sentence: String) -> Bool {
        let padded = " " + sentence.lowercased() + " "
        return pronouns.contains { padded.contains($0) }
    }

    /// True when the text names the leader.
    func namesLeader(_ lowered: TextProbe, _ compact: TextProbe) -> Bool {
        func has(_ cue: String) -> Bool { lowered.contains(cue) || compact.contains(cue) }
        return leaders.contains(where: has) || (lowered.contains("kim ") && !otherKims.contains(where: has))
    }

    /// Facility labels named in `text` (lower case), in table order, without repeats.
    func facilities(in lowered: TextProbe) -> [String] {
        var labels: [String] = []
        for (cue, label) in facilityKinds where lowered.contains(cue) && !labels.contains(label) { labels.append(label) }
        return labels
    }

    /// True when the text is about the programme's facilities.
    func isProgramme(_ lowered: TextProbe, _ compact: TextProbe) -> Bool {
        programmeCues.contains { lowered.contains($0) || compact.contains($0) }
    }

    /// True when the text names one of the programme's facilities.
    func namesFacility(_ lowered: TextProbe, _ compact: TextProbe) -> Bool {
        facilityKinds.contains { lowered.contains($0.cue) || compact.contains($0.cue) }
    }

    /// The ceremonies whose verb follows a date mention directly (at most two spaces or
    /// particles between), with that mention: "작년 3월 착공한 … 준공식" reports a groundbreaking
    /// in that month beside the inauguration.
    func boundEvents(
        _ text: String, mentions: [DateMention], mainEvent: EvidenceEvent? = nil
    ) -> [(
        event: EvidenceEvent, cue: String, mention: DateMention
    )] {
        let characters = Array(text)
        var out: [(EvidenceEvent, String, DateMention)] = []
        for mention in mentions where !mention.isReport {
            var k = mention.end
            while k < characters.count, k - mention.end < 3, characters[k] == " " || characters[k] == "에" || characters[k] == "의" { k += 1 }
            let rest = String(characters[k..<min(characters.count, k + 6)])
            guard let verb = boundVerbs.first(where: { rest.hasPrefix($0.cue) }) else { continue }
            // "완공 단계에 이른" (nearing completion), "준공을 앞둔" (before it): no ceremony.
            let after = String(rest.dropFirst(verb.cue.count).drop { $0 == " " }).replacingOccurrences(of: " ", with: "")
            if after.hasPrefix("단계") || after.hasPrefix("을앞") || after.hasPrefix("를앞") { continue }
            // "지난 26일 완공된 양식사업소를 돌아보시었다": in a report of a visit, the day before
            // "완공된" (the finished site he saw) is the visit's, not a ceremony's.
            if let mainEvent, [.leaderVisit, .officialVisit].contains(mainEvent), verb.event == .inauguration, after.hasPrefix("된") { continue }
            out.append((verb.event, verb.cue, mention))
        }
        return out
    }

    /// English ceremonies followed by their own date: "where work began in February",
    /// "construction began in February", "broke ground in March".
    func boundAfter(_ text: String, mentions: [DateMention]) -> [(event: EvidenceEvent, cue: String, mention: DateMention)] {
        let lowered = Array(text.lowercased())
        var out: [(EvidenceEvent, String, DateMention)] = []
        for mention in mentions where !mention.isReport {
            var before = String(lowered[max(0, mention.start - 36)..<mention.start])
            for qualifier in ["early ", "late ", "mid-"] where before.hasSuffix(qualifier) { before.removeLast(qualifier.count) }
            for (cue, event) in [("began in ", EvidenceEvent.groundbreaking), ("broke ground in ", .groundbreaking), ("began ", .groundbreaking)]
            where before.hasSuffix(cue) && (before.contains("work") || before.contains("construction") || before.contains("broke ground")) {
                out.append((event, cue.trimmingCharacters(in: .whitespaces), mention))
                break
            }
        }
        return out
    }

    /// The corpus query that picks the articles worth scanning, derived from the programme
    /// cues: the scanner proposes nothing without one, so an article without one is never
    /// read. Cues are matched inside words and the index matches Latin words whole, so each
    /// Latin cue also stands with the English endings that can follow it ("factor" →
    /// "factory", "factories"; "hospital" → "hospitals"). Hangul terms match inside words already.
    public var articleQuery: String {
        let endings = ["", "s", "es", "y", "ies"]
        var terms: [String] = []
        for cue in programmeCues {
            let latin = cue.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
            for ending in latin ? endings : [""] where !terms.contains(cue + ending) { terms.append(cue + ending) }
        }
        return terms.joined(separator: "|")
    }
}
