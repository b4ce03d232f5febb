public import JibangBase
public import JibangCore
import KoreanText

/// What a proposal means for the record: the milestone kind of each event, the date a report
/// gives, which stored milestone it confirms, and which stage a new site goes in. Pure rules,
/// shared by every store and every edge.
public enum AcceptanceRules {
    /// The milestone kind an event becomes: a report of work under way is a groundbreaking.
    public static func milestoneKind(_ event: EvidenceEvent) -> Milestone.Kind {
        switch event {
        case .groundbreaking, .constructionProgress: .groundbreaking
        case .inauguration: .inauguration
        case .leaderVisit: .leaderVisit
        case .officialVisit: .officialVisit
        case .frameworkCompleted: .frameworkCompleted
        }
    }

    /// The milestone's date: the reported date, except that work under way means ground was
    /// broken on or before it.
    public static func milestoneDate(_ event: EvidenceEvent, reported: MilestoneDate) -> MilestoneDate {
        event == .constructionProgress ? .onOrBefore(reported.latest) : reported
    }

    /// The id of a milestone at the candidate's place, of its kind, whose date overlaps. An
    /// undated report ("on or before D") of a visit or ceremony is taken to be about the month
    /// before D; of work under way, about any groundbreaking before D.
    public static func matchingMilestone(_ candidate: Candidate, in sites: [Site]) -> Int64? {
        guard let place = candidate.placeID, let date = candidate.milestoneDate else { return nil }
        let kind = milestoneKind(candidate.event)
        let latest = date.latest
        var earliest = date.earliest
        if earliest == nil && candidate.event != .constructionProgress {
            let (y, m, d) = PartialDate.civil(fromDayNumber: latest.ordinal - 31)
            earliest = Day(year: y, month: m, day: d)
        }
        let window: MilestoneDate = earliest.map { $0 == latest ? .day(latest) : .range($0, latest) } ?? .onOrBefore(latest)
        for site in sites where site.divisionID == place {
            for milestone in site.milestones where milestone.kind == kind && milestone.date.overlaps(window) {
                if let id = milestone.id { return id }
            }
        }
        return nil
    }

    /// The stage a new milestone of `year` at `divisionID` goes in: `requested` when given,
    /// else the place's latest site of that year or before, else the programme wave of that
    /// year. Throws (hint: the `stage` field) when none applies.
    public static func stage(
        for divisionID: String, year: Int, requested: String?, sites: [Site], placeName: String, at location: InputLocation
    ) throws(JibangError) -> String {
        if let requested { return try FieldRules.stage(requested, at: location).id }
        let known = sites.filter { $0.divisionID == divisionID }.compactMap { site in Programme.stage(id: site.stageID).map { (site, $0) } }
        if let latest = known.filter({ $0.1.year <= year }).max(by: { $0.1.year < $1.1.year }) { return latest.0.stageID }
        if Programme.years.contains(year) { return String(year) }
        throw JibangError.invalidInput(
            location, "\(placeName) has no site and \(year) is not a programme year; choose the stage", hint: .init(field: "stage"))
    }

    /// What accepting `candidate` writes: its article as a source of the milestone it
    /// corroborates, or a new milestone (status claimed) at the site of its place. With
    /// `milestone`, the analyst says which stored milestone the article reports: it becomes a
    /// source of that one, and a date that cannot be the milestone's is kept as the source's
    /// reading (a disagreement shown, not settled). With `role` `.associated`, the article files
    /// an associated project: a new milestone at the place's associated site of the event's wave
    /// (or `requestedStage`), never a wave site's.
    public static func decide(
        _ candidate: Candidate, place: Division, requestedStage: String?, note: String?, sites: [Site], milestone chosen: Int64? = nil,
        role: Site.Role? = nil
    ) throws(JibangError) -> AcceptanceWrite {
        let id = candidate.id ?? 0
        let location = InputLocation(file: "candidate #\(id)")
        guard let reported = candidate.milestoneDate else { throw JibangError.invalidInput(location, "its date \(candidate.date) is unreadable") }
        var candidate = candidate
        candidate.placeID = place.id
        let source = Source(
            url: sourceURL(candidate), outlet: candidate.outlet, title: candidate.documentTitle,
            published: Day(iso: candidate.documentDate), language: nil, quote: candidate.snippet)
        if let chosen {
            guard let site = sites.first(where: { $0.milestones.contains { $0.id == chosen } }),
                let target = site.milestones.first(where: { $0.id == chosen })
            else { throw JibangError.notFound("no milestone #\(chosen); a site's listing shows its milestone ids", subject: "milestone #\(chosen)") }
            guard site.divisionID == place.id else {
                throw JibangError.invalidInput(location, "milestone #\(chosen) is at \(site.divisionID), not at \(place.nameKCNA) (\(place.id))")
            }
            let kind = milestoneKind(candidate.event)
            guard target.kind == kind else {
                throw JibangError.invalidInput(location, "milestone #\(chosen) is a \(target.kind.rawValue); the article reports a \(kind.rawValue)")
            }
            var source = source
            let date = milestoneDate(candidate.event, reported: reported)
            if !date.overlaps(target.date) { source.reading = date }
            return .addSource(source, toMilestone: chosen)
        }
        let stage: String
        if role == .associated {
            let year = reported.latest.year
            guard requestedStage != nil || Programme.years.contains(year) else {
                throw JibangError.invalidInput(
                    location, "\(year) is not a programme year; choose the stage of the associated project", hint: .init(field: "stage"))
            }
            stage = try requestedStage.map { text throws(JibangError) in try FieldRules.stage(text, at: location).id } ?? String(year)
            if let site = sites.first(where: { $0.divisionID == place.id && $0.stageID == stage }), site.isWaveSite {
                throw JibangError.invalidInput(
                    location,
                    "\(place.nameKCNA) is a wave site in stage \(stage): a project there is part of that site; accept it without the associated role, or choose another stage",
                    hint: .init(field: "stage"))
            }
        } else {
            if let existing = matchingMilestone(candidate, in: sites) { return .addSource(source, toMilestone: existing) }
            stage = try self.stage(
                for: place.id, year: reported.latest.year, requested: requestedStage, sites: sites, placeName: place.nameKCNA, at: location)
        }
        let milestone = Milestone(
            kind: milestoneKind(candidate.event), date: milestoneDate(candidate.event, reported: reported), status: .claimed, detail: nil,
            facilities: candidate.facilities.joined(separator: "; "),
            note: note ?? "Accepted from evidence candidate #\(id): \(candidate.why)", actors: [], sources: [source])
        return .addMilestone(ProgrammeEntry(stageID: stage, divisionID: place.id, milestone: milestone, origin: location, role: role))
    }

    /// The address an accepted candidate's article is cited by.
    public static func sourceURL(_ candidate: Candidate) -> String { candidate.url ?? "document:\(candidate.documentID)" }
}
