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

    public init(gazetteer: Gazetteer, sites: [Site]) {
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
        let sentences = [Sentence(SentenceSplitter.repair(article.title))] + SentenceSplitter.sentences(Self.withoutDateline(article.body))
        let articleProvinces = finder.provinces(in: sentences)
        // The headline and the first sentence say what the article is about.
        let leadText = sentences.prefix(2).map { $0.text.lowercased() }.joined(separator: " ")
        let lead = TextProbe(leadText)
        let compactLead = TextProbe(leadText.replacingOccurrences(of: " ", with: ""))
        let leadIsProgramme = EventRules.programmeCues.contains { lead.contains($0) || compactLead.contains($0) }
        let leadNamesFacility = EventRules.facilityKinds.contains { lead.contains($0.cue) || compactLead.contains($0.cue) }
        var best: [String: Candidate] = [:]
        var order: [String] = []
        for sentence in sentences {
            let loweredText = sentence.text.lowercased()
            let lowered = TextProbe(loweredText)
            let compact = TextProbe(loweredText.replacingOccurrences(of: " ", with: ""))
            guard let rule = EventRules.match(lowered: lowered, compact: compact) else { continue }
            let sentenceIsProgramme = EventRules.programmeCues.contains { lowered.contains($0) || compact.contains($0) }
            guard sentenceIsProgramme || leadIsProgramme else { continue }
            if rule.event == .constructionProgress {
                // Work under way needs a facility in view, and a report from the site, not from the drawing board.
                let sentenceNamesFacility = EventRules.facilityKinds.contains { lowered.contains($0.cue) || compact.contains($0.cue) }
                guard sentenceNamesFacility || leadNamesFacility else { continue }
                if EventRules.paperwork.contains(where: { lowered.contains($0) }) { continue }
            }
            let (places, provinces) = finder.places(in: sentence, articleProvinces: articleProvinces, year: published.year)
            let (date, dateWords) = EventDate.find(in: sentence.text, published: published)
            var facilities = EventRules.facilities(in: lowered)
            if facilities.isEmpty { facilities = EventRules.facilities(in: lead) }
            let dateWhy =
                dateWords.map { "date “\($0)” in the text, year from the publication day \(published)" }
                ?? "no date in the text: on or before the publication day \(published)"
            let cue = rule.cues.first { lowered.contains($0) || compact.contains($0) } ?? rule.name
            let snippet = sentence.text.count > 400 ? String(sentence.text.prefix(399)) + "…" : sentence.text
            var found: [Candidate] = []
            for place in places {
                let factor: Double =
                    switch place.resolution {
                    case .unique: 1
                    case .sentenceProvince: 0.95
                    case .articleProvince: 0.9
                    case .programme: 0.8
                    }
                found.append(
                    Candidate(
                        placeID: place.division.id, placeName: place.division.englishName, provinceID: place.division.provinceID, event: rule.event,
                        facilities: facilities, date: date, documentID: article.documentID, documentTitle: article.title,
                        documentDate: published.description, outlet: article.outlet, url: article.url, snippet: snippet,
                        confidence: Self.round(rule.confidence * factor * (dateWords == nil ? 0.95 : 1)),
                        why:
                            "rule “\(rule.name)” (“\(cue)”); place “\(place.surface)” → \(place.division.id) (\(place.resolution.rawValue)); \(dateWhy)"
                    ))
            }
            if places.isEmpty {
                for province in provinces {
                    found.append(
                        Candidate(
                            placeID: nil, placeName: nil, provinceID: province.id, event: rule.event, facilities: facilities, date: date,
                            documentID: article.documentID, documentTitle: article.title, documentDate: published.description,
                            outlet: article.outlet, url: article.url, snippet: snippet,
                            confidence: Self.round(rule.confidence * 0.6 * (dateWords == nil ? 0.95 : 1)),
                            why: "rule “\(rule.name)” (“\(cue)”); only a province is named: \(province.englishName); \(dateWhy)",
                            provinceSites: sitesByProvince[province.id] ?? []))
                }
            }
            // One candidate per place and event in an article: the most precise date, then the highest confidence.
            for candidate in found {
                let slot = [candidate.placeID ?? "province:" + (candidate.provinceID ?? ""), candidate.event.rawValue].joined(separator: "|")
                if let existing = best[slot] {
                    if Self.better(candidate, than: existing) { best[slot] = candidate }
                } else {
                    best[slot] = candidate
                    order.append(slot)
                }
            }
        }
        return order.compactMap { best[$0] }
    }

    static func better(_ a: Candidate, than b: Candidate) -> Bool {
        let aDated = a.datePrecision != MilestoneDate.Precision.onOrBefore.rawValue
        let bDated = b.datePrecision != MilestoneDate.Precision.onOrBefore.rawValue
        if aDated != bDated { return aDated }
        return a.confidence > b.confidence
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// The body without its KCNA dateline ("Pyongyang, September 2 (KCNA) --"), whose date is
    /// the publication's, not the event's.
    static func withoutDateline(_ body: String) -> String {
        let head = body.prefix(80)
        guard let marker = head.range(of: "(KCNA)") else { return body }
        var rest = body[marker.upperBound...]
        while let first = rest.first, first == " " || first == "-" || first == "—" || first == "–" { rest = rest.dropFirst() }
        return String(rest)
    }
}
