/// What an article reports happening at a site. The raw values are the JSON contract.
public enum EvidenceEvent: String, Sendable, Codable, CaseIterable {
    case groundbreaking
    case inauguration
    case leaderVisit = "leader_visit"
    case officialVisit = "official_visit"
    case frameworkCompleted = "framework_completed"
    case constructionProgress = "construction_progress"
}

/// One readable rule: the event a sentence reports when it contains any of `cues`, and (when
/// given) any of `requires`. Cues are matched case-insensitively in English and without spaces
/// in Korean.
public struct EventRule: Sendable {
    public let event: EvidenceEvent
    public let name: String
    public let cues: [String]
    public let requires: [String]
    /// How much a match is worth, before place and date are weighed.
    public let confidence: Double

    public init(_ event: EvidenceEvent, _ name: String, cues: [String], requires: [String] = [], confidence: Double) {
        self.event = event
        self.name = name
        self.cues = cues
        self.requires = requires
        self.confidence = confidence
    }
}

/// The rules, strongest first: a sentence reports the first event whose rule matches.
public enum EventRules {
    /// Leaders whose visits are `leader_visit`; other officials' are `official_visit`.
    public static let leaders = ["kim jong un", "김정은"]

    public static let all: [EventRule] = [
        // Before the ceremonies: "the framework … was completed" is not an inauguration.
        EventRule(
            .frameworkCompleted, "framework completed",
            cues: ["framework", "frame construction", "skeleton work", "골조공사", "골조"],
            requires: ["complet", "finish", "끝내", "끝냈", "완성", "마감"], confidence: 0.8),
        EventRule(
            .inauguration, "inauguration or completion ceremony",
            cues: [
                "inauguration ceremony", "inaugural ceremony", "inaugurated", "completion ceremony", "were completed", "was completed",
                "has been completed", "have been completed", "went into operation", "started operation", "준공식", "조업식", "준공되", "완공되",
                "준공하", "완공하",
            ],
            confidence: 0.9),
        EventRule(
            .groundbreaking, "groundbreaking",
            cues: ["groundbreaking ceremony", "ground-breaking ceremony", "groundbreaking", "ground-breaking", "broke ground", "착공식", "착공하", "착공되"],
            confidence: 0.9),
        EventRule(.leaderVisit, "field guidance", cues: ["field guidance", "현지지도"], confidence: 0.9),
        EventRule(
            .leaderVisit, "leader's inspection",
            cues: ["inspected", "inspects", "visited", "visits", "looked round", "went round", "guided", "돌아보", "찾으시"],
            requires: leaders, confidence: 0.85),
        EventRule(
            .officialVisit, "official's visit",
            cues: ["inspected", "visited", "looked round", "went round", "learned about", "acquainted himself", "돌아보", "료해", "현지요해"],
            requires: [
                "premier", "vice-premier", "secretary", "chairman", "kim tok hun", "pak thae song", "jo yong won", "choe ryong hae", "총리",
                "비서", "위원장",
            ],
            confidence: 0.75),
        EventRule(
            .constructionProgress, "work under way",
            cues: [
                "under construction", "construction of", "construction site", "construction project", "soldier-builders", "builders",
                "dispatched to", "in the construction", "the projects", "건설", "공사", "건설자", "건설장",
            ],
            confidence: 0.7),
    ]

    /// Words that say the programme's facilities are the subject (in the sentence or the
    /// article's headline and lead).
    public static let programmeCues = [
        "regional-industry factor", "regional industry factor", "local industry factor", "local-industry factor", "regional development",
        "20×10", "20x10", "regional-industry", "지방공업공장", "지방공업", "지방발전", "지역발전", "병원", "hospital", "service complex",
        "종합봉사", "grain management", "grain-management", "량정", "sci-tech dissemination", "과학기술보급",
    ]

    /// The corpus query that picks the articles worth scanning, derived from `programmeCues`:
    /// the scanner proposes nothing without a cue, so an article without one is never read.
    /// Cues are matched inside words and the index matches Latin words whole, so each Latin
    /// cue also stands with the English endings that can follow it ("factor" → "factory",
    /// "factories"; "hospital" → "hospitals"). Hangul terms match inside words already.
    public static var articleQuery: String {
        let endings = ["", "s", "es", "y", "ies"]
        var terms: [String] = []
        for cue in programmeCues {
            let latin = cue.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
            for ending in latin ? endings : [""] where !terms.contains(cue + ending) { terms.append(cue + ending) }
        }
        return terms.joined(separator: "|")
    }

    /// Words that make a sentence about plans on paper, not the site: no event.
    public static let paperwork = ["design", "layout", "bird's eye view", "설계"]

    /// The facility kinds a text names, as labels.
    public static let facilityKinds: [(cue: String, label: String)] = [
        ("regional-industry factor", "regional-industry factories"), ("regional industry factor", "regional-industry factories"),
        ("local industry factor", "regional-industry factories"), ("지방공업공장", "regional-industry factories"),
        ("foodstuff", "foodstuff factory"), ("식료", "foodstuff factory"), ("garment", "garment factory"), ("clothing", "garment factory"),
        ("피복", "garment factory"), ("daily necessities", "daily necessities factory"), ("일용", "daily necessities factory"),
        ("paper", "paper mill"), ("종이", "paper mill"), ("hospital", "hospital"), ("병원", "hospital"), ("service complex", "service complex"),
        ("종합봉사", "service complex"), ("grain management", "grain-management station"), ("grain-management", "grain-management station"),
        ("량정", "grain-management station"), ("sci-tech dissemination", "sci-tech dissemination centre"),
        ("과학기술보급", "sci-tech dissemination centre"),
    ]

    /// The first rule `sentence` satisfies, or nil. `lowered` is the sentence in lower case,
    /// `compact` the same without spaces (for Korean).
    public static func match(lowered: String, compact: String) -> EventRule? {
        match(lowered: TextProbe(lowered), compact: TextProbe(compact))
    }

    static func match(lowered: TextProbe, compact: TextProbe) -> EventRule? {
        func has(_ cue: String) -> Bool { lowered.contains(cue) || compact.contains(cue) }
        for rule in all where rule.cues.contains(where: has) {
            if !rule.requires.isEmpty && !rule.requires.contains(where: has) { continue }
            // A sentence that names the leader is his visit, not an official's.
            if rule.event == .officialVisit && leaders.contains(where: has) { continue }
            return rule
        }
        return nil
    }

    /// Facility labels named in `text` (lower case), in table order, without repeats.
    public static func facilities(in lowered: String) -> [String] { facilities(in: TextProbe(lowered)) }

    static func facilities(in lowered: TextProbe) -> [String] {
        var labels: [String] = []
        for (cue, label) in facilityKinds where lowered.contains(cue) && !labels.contains(label) { labels.append(label) }
        return labels
    }
}
