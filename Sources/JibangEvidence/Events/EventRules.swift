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
    /// Words that name the leader: his visits are `leader_visit`, other officials' are
    /// `official_visit`. "kim " alone (the press's second mention) counts unless the sentence
    /// names another Kim (`otherKims`).
    public static let leaders = [
        "kim jong un", "kim jong-un", "김정은", "김 위원장", "김위원장", "김 총비서", "김총비서", "총비서", "국무위원장", "경애하는",
        "the leader", "north korean leader", "north's leader",
    ]
    /// Officials called Kim, so that "Kim" alone is not taken for the leader beside them.
    public static let otherKims = [
        "kim tok hun", "kim jae ryong", "kim su gil", "kim chol sam", "kim yong su", "kim yo jong", "kim hwa song", "kim yong hwan",
        "kim son il", "kim hyong sik", "kim myong chol", "kim hyon chol",
    ]
    /// Words that put a ceremony in the future: the sentence reports no ceremony yet.
    public static let future = [
        "scheduled", "will be", "ahead of", "planned for", "set for", "to be held", "예정", "앞둔", "앞두고", "들어서게", "하게 된다", "하게 되면",
        "준공하면", "완공하면",
    ]

    public static let all: [EventRule] = [
        // Before the ceremonies: "the framework … was completed" is not an inauguration.
        EventRule(
            .frameworkCompleted, "framework completed",
            cues: ["framework", "frame construction", "skeleton work", "골조공사", "골조"],
            requires: ["complet", "finish", "끝내", "끝냈", "완성", "마감"], confidence: 0.8),
        EventRule(
            .inauguration, "inauguration or completion ceremony",
            cues: [
                "inauguration", "inaugural ceremony", "inaugurat", "completion ceremony", "opening ceremony", "ceremony to open",
                "marking the completion", "marking the project completion",
                "were completed", "was completed", "has been completed", "have been completed", "went into operation", "started operation",
                "준공식", "조업식", "준공되", "준공됐", "완공되", "완공됐", "준공하", "준공했", "완공하", "완공했", "문을 열었", "문을열었",
            ],
            confidence: 0.9),
        EventRule(
            .groundbreaking, "groundbreaking",
            cues: [
                "groundbreaking", "ground-breaking", "broke ground", "breaking ground", "commencement ceremon", "first spadeful",
                "kick off construction", "construction began", "construction was launched", "work began", "began construction",
                "started construction", "start of a", "start the construction", "to start construction", "began building", "begun building",
                "begun the construction", "착공", "첫 삽", "첫삽",
            ],
            confidence: 0.9),
        EventRule(.leaderVisit, "field guidance", cues: ["field guidance", "현지지도", "현지에서 지도", "현지에서지도", "guided on the spot"], confidence: 0.9),
        // State media's honorific verbs (-시-) are the leader's alone: no name needed.
        EventRule(
            .leaderVisit, "the leader's visit (honorific)",
            cues: ["돌아보시", "둘러보시", "찾으시", "료해하시", "지도하시", "현지료해하시"], confidence: 0.85),
        EventRule(
            .leaderVisit, "leader's visit",
            cues: [
                "inspected", "inspects", "inspection", "visited", "visits", "visit to", "looked round", "went round", "toured", "tours",
                "guided", "traveled", "travelled", "돌아보", "돌아봤", "둘러보", "둘러봤", "찾으시", "찾아", "찾았", "시찰", "방문", "현지료해",
                "현지요해", "료해",
            ],
            requires: leaders, confidence: 0.85),
        EventRule(
            .officialVisit, "official's visit",
            cues: [
                "inspected", "visited", "looked round", "went round", "toured", "learned about", "acquainted himself", "돌아보", "둘러보", "료해",
                "현지요해",
            ],
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
        "20×10", "20x10", "regional-industry", "regional industrial", "regional-industrial", "local industrial", "regional factor",
        "light industry factor",
        "light-industry factor", "regional construction", "greenhouse farm", "greenhouse complex", "leisure complex", "paper mill",
        "지방공업공장", "지방공업", "지방공장", "지방발전", "지역발전", "지방건설", "지방병원", "병원", "hospital", "service complex",
        "종합봉사", "grain management", "grain-management", "량정", "sci-tech dissemination", "과학기술보급", "온실농장", "온실종합농장",
        "종이공장", "offshore farm", "offshore fish farm", "양식사업소", "양식소", "양식기지",
    ]

    /// The corpus query that picks the articles worth scanning, derived from `programmeCues`:
    /// the scanner proposes nothing without a cue, so an article without one is never read.
    /// Cues are matched inside words and the index matches Latin words whole, so each Latin
    /// cue also stands with the English endings that can follow it ("factor" → "factory",
    /// "factories"; "hospital" → "hospitals"). Hangul terms match inside words already.
    public static var articleQuery: String { EvidenceRules.standard.articleQuery }

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
        ("과학기술보급", "sci-tech dissemination centre"), ("greenhouse", "greenhouse farm"), ("온실", "greenhouse farm"),
        ("leisure complex", "leisure complex"), ("offshore farm", "offshore farm"), ("fish farm", "offshore farm"),
        ("양식사업소", "offshore farm"), ("양식소", "offshore farm"), ("양식기지", "offshore farm"),
    ]

    /// Verbs of a ceremony that a date right before them belongs to ("작년 3월 착공한",
    /// "지난 2월6일 착공식"), whatever else the sentence reports.
    public static let boundVerbs: [(cue: String, event: EvidenceEvent)] = [
        ("착공", .groundbreaking), ("준공", .inauguration), ("완공", .inauguration),
    ]

    /// The first rule `sentence` satisfies, or nil. `lowered` is the sentence in lower case,
    /// `compact` the same without spaces (for Korean).
    public static func match(lowered: String, compact: String) -> EventRule? {
        EvidenceRules.standard.match(lowered: TextProbe(lowered), compact: TextProbe(compact))
    }

    /// Facility labels named in `text` (lower case), in table order, without repeats.
    public static func facilities(in lowered: String) -> [String] { EvidenceRules.standard.facilities(in: TextProbe(lowered)) }
}
