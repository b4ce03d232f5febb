import Foundation
public import JibangCore
public import JibangCorpus

/// Reads articles and proposes milestones: each sentence that reports an event (by the rules
/// in `EventRules`) about the programme's facilities, at a place the `PlaceFinder` resolves,
/// becomes a candidate with its date, snippet, confidence and reasons. A sentence that names
/// only a province becomes a province-level candidate listing that province's sites.
/// Pure; O(article length × rules).
public struct EvidenceScanner: Sendable {
    public let finder: PlaceFinder
    /// Province id → labels of the programme sites in it.
    public let sitesByProvince: [String: [String]]

    /// The rules it reads with.
    public let rules: EvidenceRules

    public init(gazetteer: Gazetteer, sites: [Site], rules: EvidenceRules = .standard) {
        self.rules = rules
        var years: [String: [Int]] = [:]
        var byProvince: [String: [String]] = [:]
        for site in sites {
            years[site.divisionID, default: []].append(Programme.stage(id: site.stageID)?.year ?? 0)
            if let province = gazetteer.division(id: site.divisionID)?.provinceID, byProvince[province]?.contains(site.divisionID) != true {
                byProvince[province, default: []].append(site.divisionID)
            }
        }
        finder = PlaceFinder(gazetteer: gazetteer, programmeYears: years)
        sitesByProvince = byProvince.mapValues { ids in ids.compactMap { gazetteer.division(id: $0).map { "\($0.englishName) (\($0.id))" } }.sorted()
        }
    }

    /// The proposals `article` makes. Articles not dated to a day (only a month or a year) make none.
    public func scan(_ article: StoredArticle) -> [Candidate] {
        guard let published = Day(iso: article.published) else { return [] }
        let title = article.title.trimmingCharacters(in: .whitespaces)
        let body = SentenceSplitter.sentences(KoreanLists.expand(Self.withoutDateline(article.body)))
        let sentences = (title.isEmpty ? [] : [Sentence(SentenceSplitter.repair(KoreanLists.expand(title)))]) + body
        let articleProvinces = finder.provinces(in: sentences)
        // The headline and the first sentence (the first two without a headline) say what the article is about.
        let leadText = sentences.prefix(2).map { $0.text.lowercased() }.joined(separator: " ")
        let lead = TextProbe(leadText)
        let compactLead = TextProbe(leadText.replacingOccurrences(of: " ", with: ""))
        let leadIsProgramme = rules.isProgramme(lead, compactLead)
        let leadNamesFacility = rules.namesFacility(lead, compactLead)
        // Each sentence read once: its rule, places and dates, so that a sentence can borrow
        // the date of a neighbour that reports the same event without naming the place.
        var previousNamesLeader = false
        var previousCeremony: EventRule?
        let read = sentences.map { sentence in
            let loweredText = Self.withoutDurations(sentence.text.lowercased())
            let lowered = TextProbe(loweredText)
            let compact = TextProbe(loweredText.replacingOccurrences(of: " ", with: ""))
            let mentions = DateMentions.find(in: sentence.text, published: published)
            let leaderInContext = previousNamesLeader && EvidenceRules.refersBack(sentence.text)
            previousNamesLeader = rules.namesLeader(lowered, compact) || leaderInContext
            var rule = rules.match(lowered: lowered, compact: compact, leaderInContext: leaderInContext)
            // A ceremony given with its own date ("where work began in February", "2월 착공식")
            // beside another event is a side event: the sentence is about the other one.
            if let first = rule, [.groundbreaking, .inauguration].contains(first.event),
                rules.boundEvents(sentence.text, mentions: mentions).contains(where: { $0.event == first.event })
                    || rules.boundAfter(sentence.text, mentions: mentions).contains(where: { $0.event == first.event }),
                let other = rules.match(
                    lowered: lowered, compact: compact, leaderInContext: leaderInContext, excluding: [first.event, .constructionProgress])
            {
                rule = other
            }
            // "… 13 groundbreaking ceremonies. The ceremonies were held in …": the ceremony named before.
            if rule == nil, loweredText.contains("ceremon") || loweredText.contains("식이") || loweredText.contains("식은"), let previousCeremony {
                rule = previousCeremony
            }
            previousCeremony = rule.flatMap { [.groundbreaking, .inauguration].contains($0.event) ? $0 : nil }
            let places = rule == nil ? ([], []) : finder.places(in: sentence, articleProvinces: articleProvinces, year: published.year)
            // A date right before another ceremony's verb ("작년 3월 착공한 … 준공식") is that
            // ceremony's: proposed beside the sentence's event, and never lent to a neighbour.
            let secondary =
                (rules.boundEvents(sentence.text, mentions: mentions, mainEvent: rule?.event)
                + rules.boundAfter(sentence.text, mentions: mentions)).filter { $0.event != rule?.event }
            return (
                sentence: sentence, lowered: lowered, compact: compact, rule: rule, places: places.0, provinces: places.1, mentions: mentions,
                secondary: secondary
            )
        }
        // The one city or county an article names, for a sentence near it that reports an event
        // without naming its place ("… inspected a greenhouse farm on Friday. … in Sinuiju.").
        let placesBySentence = sentences.map { finder.places(in: $0, articleProvinces: articleProvinces, year: published.year).places }
        let namedPlaces = Set(placesBySentence.flatMap { $0.map(\.division.id) })
        /// The article's only place, when it is named within two sentences of `index`, resolved
        /// `.article`; in an article that names others too, the one place its lead (the first
        /// sentence naming any) names, resolved `.lead`
        /// ("… 낙원군의 양식소 준공식에 참석했다. … 신포양식사업소에 이어 … 이곳을 찾았다").
        let leadPlaces = placesBySentence.first { !$0.isEmpty } ?? []
        func onlyPlace(near index: Int) -> (PlaceMention, PlaceMention.Resolution)? {
            if namedPlaces.count == 1 {
                return (max(0, index - 2)...min(sentences.count - 1, index + 2)).lazy.compactMap { placesBySentence[$0].first }.first
                    .map { ($0, .article) }
            }
            return leadPlaces.count == 1 ? (leadPlaces[0], .lead) : nil
        }
        var best: [String: Candidate] = [:]
        var order: [String] = []
        for (index, item) in read.enumerated() {
            let sentence = item.sentence
            let (lowered, compact, places, provinces, mentions) = (item.lowered, item.compact, item.places, item.provinces, item.mentions)
            guard let rule = item.rule else { continue }
            let sentenceIsProgramme = rules.isProgramme(lowered, compact)
            guard sentenceIsProgramme || leadIsProgramme else { continue }
            if rule.event == .constructionProgress {
                // Work under way needs a facility in view, and a report from the site, not from the drawing board.
                let sentenceNamesFacility = rules.namesFacility(lowered, compact)
                guard sentenceNamesFacility || leadNamesFacility else { continue }
                if rules.paperwork.contains(where: { lowered.contains($0) }) { continue }
            }
            let secondary = item.secondary
            let reserved = secondary.map(\.mention)
            // The sentence before, or one of the two after, that reports the same event without
            // naming a place lends its date ("… in Kyongsong County. … A ceremony took place on January 12.").
            let neighbour = [index - 1, index + 1, index + 2].lazy.filter { read.indices.contains($0) }.map { read[$0] }
                .first { other in
                    other.rule?.event == rule.event && other.places.isEmpty
                        && other.mentions.contains { mention in !mention.isReport && !other.secondary.contains { $0.mention == mention } }
                }
            func dated(near offset: Int?) -> (MilestoneDate, String) {
                var (date, words) = EventDate.choose(mentions, published: published, near: offset, excluding: reserved)
                if words == nil, let neighbour,
                    let lent = neighbour.mentions.first(where: { mention in
                        !mention.isReport && !neighbour.secondary.contains { $0.mention == mention }
                    })
                {
                    (date, words) = (lent.date, lent.words + " (the neighbouring sentence)")
                }
                let why =
                    words.map { "date “\($0)” in the text (published \(published))" }
                    ?? "no date of the event in the text: on or before \(date.latest)"
                    + (mentions.contains(where: \.isReport) ? ", the report's day" : ", the publication day")
                return (date, why)
            }
            var facilities = rules.facilities(in: lowered)
            if facilities.isEmpty { facilities = rules.facilities(in: lead) }
            let cue = rule.cues.first { lowered.contains($0) || compact.contains($0) } ?? rule.name
            let snippet = sentence.text.count > 400 ? String(sentence.text.prefix(399)) + "…" : sentence.text
            var found: [Candidate] = []
            func propose(
                _ event: EvidenceEvent, ruleName: String, cue: String, confidence: Double, place: PlaceMention, date: MilestoneDate, dateWhy: String
            ) {
                let factor: Double =
                    switch place.resolution {
                    case .unique: 1
                    case .sentenceProvince: 0.95
                    case .articleProvince: 0.9
                    case .programme: 0.8
                    case .article: 0.7
                    case .lead: 0.65
                    }
                found.append(
                    Candidate(
                        placeID: place.division.id, placeName: place.division.englishName, provinceID: place.division.provinceID, event: event,
                        facilities: facilities, date: date, documentID: article.documentID, documentTitle: article.title,
                        documentDate: published.description, outlet: article.outlet, url: article.url, snippet: snippet,
                        confidence: Self.round(confidence * factor * (dateWhy.hasPrefix("date") ? 1 : 0.95)),
                        why:
                            "rule “\(ruleName)” (“\(cue)”); place “\(place.surface)” → \(place.division.id) (\(place.resolution.rawValue)); \(dateWhy)"
                    ))
            }
            var sentencePlaces = places
            if places.isEmpty && provinces.isEmpty && rule.event != .constructionProgress, let onlyPlace = onlyPlace(near: index) {
                sentencePlaces = [PlaceMention(division: onlyPlace.0.division, surface: onlyPlace.0.surface, position: -1, resolution: onlyPlace.1)]
            }
            for place in sentencePlaces {
                let offset =
                    place.position < 0
                    ? nil : sentence.text.range(of: place.surface).map { sentence.text.distance(from: sentence.text.startIndex, to: $0.lowerBound) }
                let (date, dateWhy) = dated(near: offset)
                propose(rule.event, ruleName: rule.name, cue: cue, confidence: rule.confidence, place: place, date: date, dateWhy: dateWhy)
                for bound in secondary {
                    propose(
                        bound.event, ruleName: "date bound to its verb", cue: bound.cue, confidence: 0.85, place: place, date: bound.mention.date,
                        dateWhy: "date “\(bound.mention.words)” right before “\(bound.cue)” (published \(published))")
                }
            }
            if places.isEmpty {
                let (date, dateWhy) = dated(near: nil)
                for province in provinces {
                    found.append(
                        Candidate(
                            placeID: nil, placeName: nil, provinceID: province.id, event: rule.event, facilities: facilities, date: date,
                            documentID: article.documentID, documentTitle: article.title, documentDate: published.description,
                            outlet: article.outlet, url: article.url, snippet: snippet,
                            confidence: Self.round(rule.confidence * 0.6 * (dateWhy.hasPrefix("date") ? 1 : 0.95)),
                            why: "rule “\(rule.name)” (“\(cue)”); only a province is named: \(province.englishName); \(dateWhy)",
                            provinceSites: sitesByProvince[province.id] ?? []))
                }
            }
            // One candidate per place and event in an article: the most precise date, then the
            // highest confidence; but two days weeks apart are two events (two visits, a hospital's
            // groundbreaking and the factories').
            for candidate in found {
                var slot = [candidate.placeID ?? "province:" + (candidate.provinceID ?? ""), candidate.event.rawValue].joined(separator: "|")
                if let existing = best[slot], let a = candidate.milestoneDate?.exactDay, let b = existing.milestoneDate?.exactDay,
                    abs(a.days(to: b)) > 7
                {
                    slot += "|" + a.description
                }
                if let existing = best[slot] {
                    if Self.better(candidate, than: existing) { best[slot] = candidate }
                } else {
                    best[slot] = candidate
                    order.append(slot)
                }
            }
        }
        // Work under way at a place whose groundbreaking the article reports is that groundbreaking.
        let kept = order.compactMap { best[$0] }
        let broken = Set(kept.filter { $0.event == .groundbreaking }.compactMap(\.placeID))
        // An undated visit at a place whose ceremony of the last week the article reports is that
        // ceremony ("has visited a newly completed fish farm … attended the inauguration on Saturday").
        let ceremonies = Set(
            kept.filter { candidate in
                [.groundbreaking, .inauguration].contains(candidate.event)
                    && candidate.milestoneDate?.exactDay.map { $0 <= published && $0.days(to: published) <= 7 } == true
            }.compactMap(\.placeID))
        return kept.filter { candidate in
            if candidate.event == .constructionProgress && broken.contains(candidate.placeID ?? "") { return false }
            if candidate.event == .leaderVisit, candidate.datePrecision == MilestoneDate.Precision.onOrBefore.rawValue,
                ceremonies.contains(candidate.placeID ?? "")
            {
                return false
            }
            return true
        }
    }

    /// The sentence without spans of time measured from a ceremony ("착공한 지 190여일 만에",
    /// "착공 후 9개월 만에"): they date nothing and report no ceremony.
    static func withoutDurations(_ lowered: String) -> String {
        lowered.replacingOccurrences(of: "(착공|준공|완공)(한|된)? ?(지|후|이후) ?[0-9]*여? ?(일|달|개월|년)? ?만에", with: " ", options: .regularExpression)
    }

    static func better(_ a: Candidate, than b: Candidate) -> Bool {
        let aDated = a.datePrecision != MilestoneDate.Precision.onOrBefore.rawValue
        let bDated = b.datePrecision != MilestoneDate.Precision.onOrBefore.rawValue
        if aDated != bDated { return aDated }
        return a.confidence > b.confidence
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// The body without its dateline, whose date is the publication's, not the event's:
    /// "Pyongyang, September 2 (KCNA) --", "(평양 12월 27일발 조선중앙통신)", "Seoul, Jan 30
    /// (Yonhap) --", "SEOUL -".
    static func withoutDateline(_ body: String) -> String {
        let head = String(body.prefix(80))
        var cut: String.Index?
        if let marker = head.range(of: "(KCNA)") {
            cut = marker.upperBound
        } else if head.hasPrefix("("), let close = head.firstIndex(of: ")"), head[..<close].contains("발") {
            cut = head.index(after: close)
        } else if let dash = head.range(of: " --") ?? head.range(of: " - "), head.distance(from: head.startIndex, to: dash.lowerBound) < 40,
            head[..<dash.lowerBound].split(separator: " ").count <= 5, head.first?.isUppercase == true
        {
            cut = dash.upperBound
        }
        guard let cut else { return body }
        var rest = body[cut...]
        while let first = rest.first, first == " " || first == "-" || first == "—" || first == "–" { rest = rest.dropFirst() }
        return String(rest)
    }
}
