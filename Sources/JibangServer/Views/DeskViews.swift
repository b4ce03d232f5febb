import Foundation
import JibangCore
import JibangEvidence

/// The review desk's pages: sign-in, the grouped cards with their filters, and the bulk
/// confirmation. Plain values for the templates.
enum DeskPages {
    /// Who is signed in, for the banner and the forms.
    struct SessionBanner {
        let who: String
        let csrf: String
    }

    static func banner(_ session: WebSession?) -> SessionBanner? {
        session.map { s in
            SessionBanner(who: "token #\(s.token.id)\(s.token.label.map { " (\($0))" } ?? "") · \(s.token.role.rawValue)", csrf: s.csrf)
        }
    }

    struct SignInView {
        let frame = Frame("Sign in", "로그인", section: .review)
        let next: String
        let message: String?
        /// The form's CSRF token (also set as a cookie).
        let form: String
        let session: SessionBanner?
    }

    static func signIn(next: String, message: String?, form: String, session: WebSession?) -> Page {
        Page(template: "signin", view: SignInView(next: next, message: message, form: form, session: banner(session)))
    }

    struct DeskView {
        struct Report {
            let id: Int64
            let outlet, documentDate, documentTitle, date, why, snippet, confidence: String
            let url: String?
        }

        struct Card {
            let groupID, members, event, place, date, confidence: String
            let reports: [Report]
            let count: Int
            let disagreement: String?
            let corroborates: Int64?
            let needsPlace: Bool
            let listID: String
            let placeOptions: [String]
            let dateValue: String
            let events: [FormSelect.Option]
        }

        let frame = Frame("Review desk", "검토 데스크", section: .review)
        let message: String?
        let session: SessionBanner?
        /// The session, when it may decide (an editor's or admin's): the forms are drawn for it.
        let writer: SessionBanner?
        let undo: String?
        let filters: [FormSelect]
        let from, to: String
        let cards: [Card]
        let shown, total, pending, reports: Int
        /// Whether any card matches (the bulk form is drawn only then).
        let matches: Bool
        /// Whether any card is pending at all (with none matching, the filters are why).
        let anyPending: Bool
        let more: Bool
        let back: String
        /// The filters as hidden fields of the bulk form.
        let hidden: [Hidden]

        struct Hidden {
            let name, value: String
        }
    }

    /// Most cards drawn at once; the filters narrow the rest.
    static let maxCards = 200

    static func desk(
        groups: [CandidateGroup], filter: DeskFilter, gazetteer: Gazetteer, sites: [Site], message: String?, session: WebSession?, back: String
    ) -> Page {
        let selected = filter.apply(groups)
        let counts = filter.counts(groups)
        let siteIDs = Set(sites.map(\.divisionID))
        func name(_ id: String) -> String { gazetteer.division(id: id).map { "\($0.nameKCNA) \($0.nameKo)" } ?? id }
        func select(_ label: String, _ field: String, chosen: String?, naming: (String) -> String = { $0 }) -> FormSelect {
            var values = counts[field] ?? []
            // The filter in force stays shown, even when no card is left under it.
            if let chosen, !values.contains(where: { $0.value == chosen }) { values.append((chosen, 0)) }
            return FormSelect(
                label: label, name: field,
                options: [FormSelect.Option(value: "", label: "any", selected: chosen == nil)]
                    + values.map { FormSelect.Option(value: $0.value, label: "\(naming($0.value)) (\($0.count))", selected: $0.value == chosen) })
        }
        let filters = [
            select("Wave", "wave", chosen: filter.wave.map(String.init)),
            select("Province", "province", chosen: filter.provinceID, naming: name),
            select("Kind", "event", chosen: filter.event?.rawValue),
            select("Outlet", "outlet", chosen: filter.outlet),
            select("Language", "language", chosen: filter.language),
            FormSelect(
                label: "Confidence", name: "confidence",
                options: [("", "any"), ("0.5", "≥ 0.5"), ("0.7", "≥ 0.7"), ("0.9", "≥ 0.9")].map {
                    FormSelect.Option(value: $0.0, label: $0.1, selected: $0.0 == (filter.minConfidence.map { String($0) } ?? ""))
                }),
            FormSelect("Sort", "sort", DeskFilter.Sort.allCases.map(\.rawValue), chosen: filter.sort.rawValue),
        ]
        let cards = selected.prefix(maxCards).map { group in
            let lead = group.lead
            let readings = group.readings
            let province = group.provinceID ?? lead.provinceID
            let places = gazetteer.divisions.filter { $0.level == 2 && $0.provinceID == province }
                .sorted { (siteIDs.contains($0.id) ? 0 : 1, $0.nameKCNA) < (siteIDs.contains($1.id) ? 0 : 1, $1.nameKCNA) }
                .map { "\($0.nameKCNA)\(siteIDs.contains($0.id) ? " (site)" : "")" }
            return DeskView.Card(
                groupID: group.id, members: group.memberIDs.map(String.init).joined(separator: ","), event: group.event.rawValue,
                place: lead.placeName ?? "province \(province.map(name) ?? "?"): choose the place",
                date: lead.milestoneDate?.humanDescription ?? lead.date,
                confidence: String(format: "%.2f", group.confidence),
                reports: group.candidates.map { c in
                    DeskView.Report(
                        id: c.id ?? 0, outlet: c.outlet, documentDate: c.documentDate, documentTitle: c.documentTitle,
                        date: c.milestoneDate?.humanDescription ?? c.date, why: c.why, snippet: c.snippet,
                        confidence: String(format: "%.2f", c.confidence),
                        url: c.url.flatMap { $0.hasPrefix("http") ? $0 : nil })
                },
                count: group.candidates.count,
                disagreement: readings.count > 1
                    ? readings.map { "\($0.date) (\($0.outlets.joined(separator: ", ")))" }.joined(separator: " · ") : nil,
                corroborates: lead.corroborates, needsPlace: group.placeID == nil, listID: "places-\(group.id)", placeOptions: places,
                dateValue: lead.date,
                events: EvidenceEvent.allCases.map { FormSelect.Option(value: $0.rawValue, label: $0.rawValue, selected: $0 == group.event) })
        }
        let hidden = DeskView.Hidden.from(back)
        return Page(
            template: "desk",
            view: DeskView(
                message: message, session: banner(session), writer: session?.token.role.canWrite == true ? banner(session) : nil,
                undo: session?.lastDecision.flatMap(DeskDecision.init(json:))?.label, filters: filters,
                from: filter.from?.description ?? "", to: filter.to?.description ?? "", cards: Array(cards), shown: cards.count,
                total: selected.count, pending: groups.count, reports: selected.reduce(0) { $0 + $1.candidates.count },
                matches: !selected.isEmpty, anyPending: !groups.isEmpty, more: selected.count > cards.count, back: back,
                hidden: hidden))
    }

    struct ConfirmView {
        let frame: Frame
        let session: SessionBanner?
        let accept: Bool
        let decision: String
        let reason: String
        let back: String
        let picks: [String]
        let cards, reports, created, corroborated: Int
        let none: Bool
    }

    static func confirm(groups: [CandidateGroup], accept: Bool, reason: String?, back: String, session: WebSession?) -> Page {
        let corroborated = groups.filter { $0.lead.corroborates != nil }.count
        return Page(
            template: "confirm",
            view: ConfirmView(
                frame: Frame(accept ? "Accept \(groups.count) cards?" : "Reject \(groups.count) cards?", "일괄 결정", section: .review),
                session: banner(session), accept: accept, decision: accept ? "accept" : "reject", reason: reason ?? "", back: back,
                picks: groups.map { "\($0.id)|\($0.memberIDs.map(String.init).joined(separator: ","))" }, cards: groups.count,
                reports: groups.reduce(0) { $0 + $1.candidates.count }, created: groups.count - corroborated, corroborated: corroborated,
                none: groups.isEmpty))
    }
}

extension DeskPages.DeskView.Hidden {
    /// Hidden fields from a query string of filters.
    static func from(_ query: String) -> [Self] {
        FormFields(query).pairs.map { Self(name: $0.name, value: $0.value) }
    }
}

extension FormSelect {
    /// A select of prepared options.
    init(label: String, name: String, options: [Option]) {
        self.label = label
        self.name = name
        self.options = options
    }
}
