/// Where a site stands, by written rules anyone can check (README, "Phases"): the furthest
/// phase its milestones reach by the as-of day, or `stalled` when nothing has been reported for
/// longer than the stall period and it is not inaugurated. A pure function of the site and the
/// as-of day, so a figure can be reproduced with the same `as_of`.
///
/// The existing `Site.Progress` (planned, under-construction, completed) stays as it is: it is
/// a contract of the JSON outputs. The phase is finer and knows time.
public struct SitePhase: Sendable, Equatable, Encodable {
    /// The phases in order; a site moves forward only (a later visit never moves it back).
    public enum Phase: String, Sendable, Codable, CaseIterable, Comparable {
        case selected
        case groundBroken = "ground-broken"
        case worksReported = "works-reported"
        case frameworkCompleted = "framework-completed"
        case inaugurated
        case inOperation = "in-operation"
        /// Not a step: a site not inaugurated whose last report is older than the stall period.
        case stalled

        public static func < (a: Phase, b: Phase) -> Bool { a.rank < b.rank }

        var rank: Int { Self.allCases.firstIndex(of: self)! }

        /// The rule that puts a site in this phase, as the README writes it.
        public var rule: String {
            switch self {
            case .selected: "named in a wave, or a selection reported; no groundbreaking yet"
            case .groundBroken: "a groundbreaking (a ceremony) reported; no construction report or visit to the works after it yet"
            case .worksReported:
                "a leader's or official's visit on or after the groundbreaking (or with no groundbreaking on record): works reported"
            case .frameworkCompleted: "the framework (shell) of the buildings reported completed"
            case .inaugurated: "an inauguration claimed by state media"
            case .inOperation: "a report of production at the site after its inauguration"
            case .stalled: "not inaugurated, and the last report is more than the stall period before the as-of day"
            }
        }
    }

    /// The default stall period.
    public static let defaultStallMonths = 12

    /// The phase the outputs show: `stalled`, or the furthest reached.
    public let phase: Phase
    /// The furthest phase reached (never `stalled`): where a stalled site stopped.
    public let reached: Phase
    /// The day the phase is computed for.
    public let asOf: Day
    public let stallMonths: Int
    /// The latest day the record reports anything of the site by `asOf` (a milestone's latest
    /// possible day, or a source's publication day); nil when nothing is reported yet.
    public let lastReport: Day?
    /// The milestone that reached `reached` (nil for a site only named in a wave).
    public let decidingMilestone: Int64?
    /// The steps, one line each: which milestone reached which phase, and the stall check.
    public let explanation: [String]

    /// The phase of `site` on `asOf`. A milestone counts when it has happened (not planned, not
    /// retracted) and its latest possible day is on or before `asOf` (an "on or before" date
    /// counts from its day, a month from its last day).
    public init(_ site: Site, asOf: Day, stallMonths: Int = SitePhase.defaultStallMonths) {
        self.asOf = asOf
        self.stallMonths = stallMonths
        let known = site.happened.filter { $0.date.latest <= asOf }.sorted { $0.date < $1.date }
        let firstGroundbreaking = known.filter { $0.kind == .groundbreaking }.map(\.date.latest).min()
        var reached = Phase.selected
        var deciding: Milestone?
        var steps: [String] = []
        for milestone in known {
            let phase: Phase
            switch milestone.kind {
            case .selection: phase = .selected
            case .groundbreaking: phase = .groundBroken
            case .leaderVisit, .officialVisit:
                // A visit before the groundbreaking looks at a site to be built, not at works.
                if let start = firstGroundbreaking, milestone.date.latest < start { continue }
                phase = .worksReported
            case .frameworkCompleted: phase = .frameworkCompleted
            case .inauguration: phase = .inaugurated
            case .inOperation: phase = .inOperation
            }
            if phase > reached || deciding == nil && phase == reached {
                steps.append("\(milestone.date) \(milestone.kind.rawValue)\(milestone.id.map { " (#\($0))" } ?? "") → \(phase.rawValue)")
                reached = phase
                deciding = milestone
            }
        }
        if known.isEmpty { steps.append("no milestone by \(asOf): \(Phase.selected.rawValue) (named in its stage)") }
        let reports = known.map(\.date.latest) + known.flatMap { $0.sources.compactMap(\.published) }.filter { $0 <= asOf }
        lastReport = reports.max()
        let stallStart = asOf.adding(months: -stallMonths)
        // A site with no report yet is measured from the first day of its stage's year.
        let since = lastReport ?? Programme.stage(id: site.stageID).flatMap { Day(year: $0.year, month: 1, day: 1) }
        let stalled = reached < .inaugurated && since.map { $0 < stallStart } == true
        if reached < .inaugurated {
            steps.append(
                "last report \(lastReport?.description ?? "none (counted from \(since?.description ?? "?"))"); stall line \(stallStart) (\(stallMonths) months before \(asOf)) → \(stalled ? "stalled" : "not stalled")"
            )
        }
        self.reached = reached
        self.phase = stalled ? .stalled : reached
        decidingMilestone = deciding?.id
        explanation = steps
    }

    enum CodingKeys: String, CodingKey {
        case phase, reached, asOf, stallMonths, lastReport, decidingMilestone, explanation
    }
}

extension Day {
    /// The same day `months` months later (earlier when negative), clamped to the month's length.
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }
}
