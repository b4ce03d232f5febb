import Foundation
import JibangCharts
import JibangCore
import JibangEvidence

/// The overview, the site list and the site page, as plain values for their templates.
enum ProgrammePages {
    struct SourceLink {
        let separator: String
        let isLink: Bool
        let url: String
        let label: String
        let text: String
    }

    /// A milestone's sources: web addresses as links, anything else as text.
    static func sourceLinks(_ sources: [Source]) -> [SourceLink] {
        sources.enumerated().map { i, source in
            let label = OutletNames.name(of: source)
            let isLink = source.url.hasPrefix("http://") || source.url.hasPrefix("https://")
            return SourceLink(separator: i == 0 ? "" : ", ", isLink: isLink, url: source.url, label: label, text: "\(label): \(source.url)")
        }
    }

    // MARK: - Overview

    struct OverviewView {
        struct Wave {
            let label, target: String
            let sites, groundbreakings, inaugurations, of, brokenPercent, donePercent: Int
            let cumulative: String
            let year: Int
            let phases: [PhaseCount]
            /// The associated projects, by name ("" when none).
            let associated: String
        }

        struct PhaseCount {
            let phase: String
            let count: Int
            let last: Bool
        }

        struct RoleDispute {
            let place, stage, readings, countedAs: String
        }

        struct Latest {
            let date, placeID, place, placeKo, event: String
            let sources: [SourceLink]
        }

        let frame = Frame("Regional Development 20×10", "지방발전 20×10 정책", section: .overview)
        let covered, target, siteCount, inaugurated: Int
        let recordAsOf: String
        let bundledData: String
        let waves: [Wave]
        let mapSvg: String
        let latest: [Latest]
        let asOf: String
        let stallMonths: Int
        let forecastSvg: String
        let forecastText: String
        let roleDisputes: [RoleDispute]
    }

    static func overview(status: ProgrammeStatus, sites: [Site], gazetteer: Gazetteer, forecast: ProgrammeForecast) -> Page {
        let waves = status.waves.map { wave in
            let target = wave.target ?? max(wave.sites, 1)
            return OverviewView.Wave(
                label: wave.label, target: wave.target.map(String.init) ?? "—", sites: wave.sites, groundbreakings: wave.groundbreakings,
                inaugurations: wave.inaugurations, of: target, brokenPercent: min(100, wave.groundbreakings * 100 / max(target, 1)),
                donePercent: min(100, wave.inaugurations * 100 / max(target, 1)), cumulative: wave.cumulativeDivisions.map(String.init) ?? "",
                year: wave.year, phases: phaseCounts(wave.phases), associated: wave.associatedProjects.joined(separator: ", "))
        }
        let latest = sites.flatMap { site in site.happened.map { (site, $0) } }.sorted { $0.1.date > $1.1.date }.prefix(12).map { site, milestone in
            let division = gazetteer.division(id: site.divisionID)
            return OverviewView.Latest(
                date: milestone.date.humanDescription, placeID: site.divisionID, place: division?.englishName ?? site.divisionID,
                placeKo: division?.nameKo ?? "", event: milestone.eventLabel, sources: sourceLinks(milestone.sources))
        }
        let view = OverviewView(
            covered: status.covered, target: status.target, siteCount: sites.count, inaugurated: sites.filter { $0.progress == .completed }.count,
            recordAsOf: status.recordAsOf ?? "—", bundledData: status.bundledData.map { $0 == "skipped" ? "not loaded" : $0 } ?? "—",
            waves: waves, mapSvg: ProgrammeMap.svg(sites: sites, gazetteer: gazetteer), latest: Array(latest), asOf: status.asOf,
            stallMonths: status.stallMonths, forecastSvg: CoverageChart.svg(forecast),
            forecastText: Self.forecastText(forecast),
            roleDisputes: status.roleDisputes.map {
                .init(place: $0.place, stage: $0.stage, readings: $0.readings.map(\.description).joined(separator: " · "), countedAs: $0.countedAs)
            })
        return Page(template: "overview", view: view)
    }

    /// One sentence on the programme's outlook.
    static func forecastText(_ f: ProgrammeForecast) -> String {
        let end = f.programme.coverage.last
        let share = String(format: "%.1f", f.programme.pCompleteBy2033 * 100)
        return
            "At the pace the record shows, \(end.map { "about \(Int($0.expected.rounded())) (80 % interval \($0.low)–\($0.high))" } ?? "no") of the \(f.programme.target) targeted cities and counties will have an inaugurated wave site by the end of 2033; the probability that all are covered is \(share) % (\(f.runs) runs, seed \(f.seed))."
    }

    /// The phases with sites, in phase order.
    static func phaseCounts(_ phases: [String: Int]) -> [OverviewView.PhaseCount] {
        let present = SitePhase.Phase.allCases.compactMap { phase in phases[phase.rawValue].map { (phase.rawValue, $0) } }
        return present.enumerated().map { .init(phase: $0.element.0, count: $0.element.1, last: $0.offset == present.count - 1) }
    }

    // MARK: - Sites

    struct SitesView {
        struct Province {
            let id, name, nameKo: String
            let selected: Bool
        }

        struct Row {
            let id, name, nameKo, province, stage, status, facilities, phase: String
            let groundbreaking, inauguration: String?
            let associated: Bool
        }

        let frame = Frame("Sites", "대상지", section: .sites)
        let year: FormSelect
        let provinces: [Province]
        let status: FormSelect
        let phase: FormSelect
        let rows: [Row]
        let count: Int
        let asOf: String
    }

    static func sites(
        _ sites: [Site], gazetteer: Gazetteer, year: Int?, province: String?, status: String?, phase: String? = nil,
        asOf: Day = RecordChecks.today, stallMonths: Int = SitePhase.defaultStallMonths
    ) -> Page {
        let years = ([2021, 2023] + Array(Programme.years)).map(String.init)
        let view = SitesView(
            year: FormSelect("Year · 연도", "year", years, chosen: year.map(String.init), any: "all"),
            provinces: gazetteer.provinces.map { .init(id: $0.id, name: $0.nameKCNA, nameKo: $0.nameKo, selected: $0.id == province) },
            status: FormSelect("Status · 상태", "status", Site.Progress.allCases.map(\.rawValue), chosen: status, any: "all"),
            phase: FormSelect("Phase · 단계", "phase", SitePhase.Phase.allCases.map(\.rawValue), chosen: phase, any: "all"),
            rows: sites.map { site in
                let s = SiteSummary(site, gazetteer: gazetteer, asOf: asOf, stallMonths: stallMonths)
                return .init(
                    id: s.divisionId, name: s.name, nameKo: s.nameKo, province: s.province ?? "", stage: s.stage, status: s.status,
                    facilities: s.facilities.joined(separator: ", "),
                    phase: s.phase == s.phaseReached ? s.phase : "\(s.phase) (after \(s.phaseReached))", groundbreaking: s.groundbreaking,
                    inauguration: s.inauguration, associated: !site.isWaveSite)
            },
            count: sites.count, asOf: asOf.description)
        return Page(template: "sites", view: view)
    }

    // MARK: - One site

    struct SiteView {
        struct Stage {
            struct Row {
                let date, event, status, actors, note: String
                let sources: [SourceLink]
                /// The store id, for the correction form.
                let id: Int64?
                /// The date and event as the form takes them back (2024-03-07, ../2024-03-07…; inauguration).
                let dateValue, eventValue: String
                let retracted: Bool
                /// "2025-02-06 (KBS) · 2025-02-08 (KCNA)" when the sources disagree on the date.
                let disagreement: String?
                let secondaryOnly: Bool
                /// Its sources' addresses, for the form's source choice.
                let sourceURLs: [String]
            }

            let label, status, pillars, facilities: String
            let milestones: [Row]
            let inaugurated: Bool
            let associated: Bool
            let roleReadings: String?
            let phase, phaseRule, asOf: String
            let phaseSteps: [String]
        }

        let frame: Frame
        /// The gazetteer id, for the correction forms' addresses.
        let placeID: String
        let timelineSvg: String
        let placeMapSvg: String
        let sources: [SourceRow]
        let candidates: [CandidateRow]
        let hasCandidates: Bool
        let corpusMonths: [MonthRow]
        let hasCorpus: Bool
        /// The corpus query, for the keyword-in-context link.
        let corpusQuery: String

        struct SourceRow {
            let title, outlet, published, grade, url: String
            let isLink: Bool
        }

        struct CandidateRow {
            let id: Int64
            let event, date, document, outlet, confidence: String
        }

        struct MonthRow {
            let period: String
            let documents: Int
            let bar: Int
        }
        /// What the last correction did, or what was wrong with it.
        let message: String?
        let province, nameKo, nameRR, nameMR: String
        let namesake: String?
        let stages: [Stage]
        /// Corrections of these milestones and sources, newest first.
        let history: [Change]
        let hasHistory: Bool
        /// The signed-in writer's CSRF token (the correction forms need it); nil when signed out
        /// or signed in with a viewer's token.
        var csrf: String? = RequestSession.current.flatMap { $0.token.role.canWrite ? $0.csrf : nil }

        struct Change {
            let at, what, reason: String
        }
    }

    /// An address without its scheme, cut to 70 characters: the label of a source without a title.
    static func shortAddress(_ url: String) -> String {
        let bare = url.replacing(/^https?:\/\/(www\.)?/, with: "")
        return bare.count > 70 ? String(bare.prefix(69)) + "…" : bare
    }

    /// What the dossier adds to a site's record: the whole programme (for the map), the place's
    /// pending evidence candidates, and the corpus's articles naming it per month.
    struct Dossier {
        var allSites: [Site] = []
        var candidates: [Candidate] = []
        var corpus: (query: String, months: [(period: String, documents: Int)]) = ("", [])
    }

    static func site(
        division: Division, sites: [Site], gazetteer: Gazetteer, history: [AuditEntry] = [], message: String? = nil, dossier: Dossier = Dossier()
    ) -> Page {
        let detail = SiteDetail(division: division, sites: sites, gazetteer: gazetteer)
        var seen = Set<String>()
        let sources = sites.flatMap { $0.timeline.flatMap(\.sources) }.filter { seen.insert($0.url).inserted }.map { source in
            SiteView.SourceRow(
                title: source.title ?? Self.shortAddress(source.url), outlet: OutletNames.name(of: source),
                published: source.published?.description ?? "",
                grade: SourceGrade.of(source, eventDay: nil).rawValue, url: source.url,
                isLink: source.url.hasPrefix("http://") || source.url.hasPrefix("https://"))
        }
        let most = max(dossier.corpus.months.map(\.documents).max() ?? 1, 1)
        let view = SiteView(
            frame: Frame(division.englishName, division.nameKo, section: .sites), placeID: division.id,
            timelineSvg: SiteTimeline.svg(sites),
            placeMapSvg: ProgrammeMap.svg(sites: dossier.allSites, gazetteer: gazetteer, highlight: division.id),
            sources: sources,
            candidates: dossier.candidates.compactMap { c in
                c.id.map {
                    .init(
                        id: $0, event: c.event.rawValue, date: c.date, document: c.documentTitle, outlet: c.outlet,
                        confidence: String(format: "%.2f", c.confidence))
                }
            }, hasCandidates: !dossier.candidates.isEmpty,
            corpusMonths: dossier.corpus.months.map { .init(period: $0.period, documents: $0.documents, bar: $0.documents * 100 / most) },
            hasCorpus: !dossier.corpus.months.isEmpty, corpusQuery: dossier.corpus.query, message: message,
            province: detail.province ?? "", nameKo: division.nameKo,
            nameRR: division.nameRR, nameMR: division.nameMR, namesake: Namesakes.note(for: division),
            stages: detail.stages.map { stage in
                .init(
                    label: Programme.stage(id: stage.stage)?.label ?? stage.stage, status: stage.status,
                    pillars: stage.pillars.isEmpty ? "none recorded" : stage.pillars.joined(separator: ", "),
                    facilities: stage.facilities.map { $0.name ?? $0.kind.rawValue }.joined(separator: "; "),
                    milestones: stage.milestones.map { m in
                        .init(
                            date: m.date.humanDescription, event: m.eventLabel,
                            status: m.retraction.map { "retracted: \($0.reason)" } ?? "\(m.status.rawValue) · \(m.grade.rawValue)",
                            actors: m.actors.map(\.name).joined(separator: ", "), note: m.note ?? "", sources: sourceLinks(m.sources),
                            id: m.id, dateValue: m.date.description, eventValue: m.eventLabel, retracted: m.retraction != nil,
                            disagreement: m.datesDisagree ? m.disagreementText : nil,
                            secondaryOnly: m.retraction == nil && m.restsOnSecondaryOnly, sourceURLs: m.sources.map(\.url))
                    },
                    inaugurated: stage.milestones.contains { $0.kind == .inauguration && $0.hasHappened },
                    associated: stage.role == Site.Role.associated.rawValue,
                    roleReadings: stage.roleReadings.isEmpty
                        ? nil : stage.roleReadings.map(\.description).joined(separator: " · ") + "; the counts use \(stage.role)",
                    phase: stage.phase.phase == stage.phase.reached
                        ? stage.phase.phase.rawValue : "\(stage.phase.phase.rawValue) (after \(stage.phase.reached.rawValue))",
                    phaseRule: stage.phaseRule, asOf: stage.phase.asOf.description, phaseSteps: stage.phase.explanation)
            },
            history: history.map { entry in
                .init(
                    at: String(entry.at.prefix(10)),
                    what: "\(entry.action) \(entry.entity == "source" ? "a source of milestone" : "milestone") #\(entry.entityID ?? "?")",
                    reason: entry.reason ?? "")
            }, hasHistory: !history.isEmpty)
        return Page(template: "site", view: view)
    }

    // MARK: - Releases

    struct ReleasesView {
        struct Row {
            let name, createdAt, jibangVersion, previous, changelog: String
            let notes: String?
            let waveSites, associated, milestones, sources: Int
        }

        let frame = Frame("Releases", "판", section: .releases)
        let releases: [Row]
    }

    /// The releases, newest first, each with its changelog since the one before.
    static func releases(_ releases: [Release], gazetteer: Gazetteer) -> Page {
        let rows = releases.enumerated().map { index, release in
            let previous = index > 0 ? releases[index - 1] : nil
            let counts = ReleaseCounts(release.sites)
            return ReleasesView.Row(
                name: release.name, createdAt: release.createdAt, jibangVersion: release.jibangVersion,
                previous: previous?.name ?? "the empty record",
                changelog: ReleaseDiff.since(previous, release, gazetteer: gazetteer).markdown,
                notes: release.notes, waveSites: counts.waveSites, associated: counts.associatedProjects, milestones: counts.milestones,
                sources: counts.sources)
        }
        return Page(template: "releases", view: ReleasesView(releases: rows.reversed()))
    }
}
