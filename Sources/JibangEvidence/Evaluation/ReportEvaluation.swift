public import Foundation
public import JibangBase
public import JibangCore
import JibangCorpus

/// A real report of programme events, re-phrased and labelled by hand: the measuring stick of
/// the scanner (`Tests/JibangTestSupport/Fixtures/evidence-reports`).
public struct LabelledReport: Sendable, Codable, Equatable {
    /// One event the text reports.
    public struct Event: Sendable, Codable, Equatable {
        /// Gazetteer id of the city, county or district.
        public let place: String
        /// A milestone kind: groundbreaking, inauguration, leader_visit, official_visit.
        public let event: String
        /// The date as precisely as the text supports (day, month, range or `../day`).
        public let date: String
        /// The event's day where the record knows it; the same as `date` otherwise.
        public let `true`: String
    }

    public let id: String
    public let url: String
    public let outlet: String
    /// "state" (North Korean state media) or "press" (the press that relays it).
    public let source: String
    public let language: String
    public let published: String
    public let text: String
    public let events: [Event]
    public let note: String?

    /// The report as the scanner reads a stored article.
    var article: StoredArticle {
        StoredArticle(documentID: id, title: "", body: text, outlet: outlet, published: published, url: url)
    }

    /// Reads a JSON array of reports; names the report and field of the first problem.
    public static func decode(_ data: Data, file: String) throws(JibangError) -> [LabelledReport] {
        let reports: [LabelledReport]
        do { reports = try JSONDecoder().decode([LabelledReport].self, from: data) } catch {
            throw .invalidInput(InputLocation(file: file), "not a JSON array of labelled reports: \(error)")
        }
        for (i, report) in reports.enumerated() {
            let at = InputLocation(file: file, field: "[\(i)] \(report.id)")
            guard Day(iso: report.published) != nil else { throw .invalidInput(at, "published \(report.published): expected a day like 2025-01-08") }
            for event in report.events {
                guard Milestone.Kind(rawValue: event.event) != nil else { throw .invalidInput(at, "event \(event.event): expected a milestone kind") }
                guard MilestoneDate(event.date) != nil, MilestoneDate(event.true) != nil else {
                    throw .invalidInput(at, "date \(event.date) or \(event.true): expected \(MilestoneDate.expectedForms)")
                }
            }
        }
        return reports
    }
}

/// A proportion with its Wilson score 95 % interval.
public struct Proportion: Sendable, Codable, Equatable {
    public let value: Double?
    public let hits: Int
    public let n: Int
    public let low: Double?
    public let high: Double?

    public init(hits: Int, of n: Int) {
        self.hits = hits
        self.n = n
        guard n > 0 else {
            (value, low, high) = (nil, nil, nil)
            return
        }
        let z = 1.959963984540054
        let p = Double(hits) / Double(n)
        let nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        value = p
        low = max(0, centre - half)
        high = min(1, centre + half)
    }

    /// "0.83 (10/12; 0.55–0.95)", or "– (0/0)".
    public var description: String {
        guard let value, let low, let high else { return "– (0/0)" }
        return String(format: "%.2f (%d/%d; %.2f–%.2f)", value, hits, n, low, high)
    }
}

/// How well the scanner reads a set of labelled reports: (place, kind) precision and recall,
/// and, over the events it found, exact dates (to the precision the text supports) and honest
/// dates (never more precise than the text). Pooled, then by language, source and kind. Its
/// JSON is what `jibang evidence evaluate --reports FILE --format json` prints.
public struct ReportEvaluation: Sendable, Codable, Equatable {
    /// The figures of one slice of the reports.
    public struct Figures: Sendable, Codable, Equatable {
        public let reports: Int
        public let precision: Proportion
        public let recall: Proportion
        public let exactDate: Proportion
        public let honestDate: Proportion

        enum CodingKeys: String, CodingKey {
            case reports, precision, recall
            case exactDate = "exact_date"
            case honestDate = "honest_date"
        }
    }

    /// One disagreement, for reading what the scanner gets wrong.
    public struct Finding: Sendable, Codable, Equatable {
        /// "missed", "false" (proposed, not labelled) or "date" (found with another date).
        public let kind: String
        public let report: String
        public let place: String
        public let event: String
        public let expected: String?
        public let proposed: String?
        public let why: String?
    }

    public let all: Figures
    public let byLanguage: [String: Figures]
    public let bySource: [String: Figures]
    /// Recall per milestone kind (the other figures need proposals, which have a kind of their own).
    public let recallByKind: [String: Proportion]
    public let findings: [Finding]

    enum CodingKeys: String, CodingKey {
        case all
        case byLanguage = "by_language"
        case bySource = "by_source"
        case recallByKind = "recall_by_kind"
        case findings
    }

    /// Scans every report with `scanner` and scores it against its labels. Only proposals that
    /// name a place count; a proposal's kind is the milestone it would become (work under way
    /// is a groundbreaking).
    public init(reports: [LabelledReport], scanner: EvidenceScanner) {
        struct Tally {
            var reports = 0, proposed = 0, correct = 0, labelled = 0, found = 0, exact = 0, honest = 0
            mutating func add(_ other: Tally) {
                reports += other.reports
                proposed += other.proposed
                correct += other.correct
                labelled += other.labelled
                found += other.found
                exact += other.exact
                honest += other.honest
            }
            var figures: Figures {
                Figures(
                    reports: reports, precision: Proportion(hits: correct, of: proposed), recall: Proportion(hits: found, of: labelled),
                    exactDate: Proportion(hits: exact, of: found), honestDate: Proportion(hits: honest, of: found))
            }
        }
        var all = Tally()
        var languages: [String: Tally] = [:]
        var sources: [String: Tally] = [:]
        var kinds: [String: (found: Int, labelled: Int)] = [:]
        var findings: [Finding] = []
        for report in reports {
            var tally = Tally()
            tally.reports = 1
            let proposals = scanner.scan(report.article).compactMap { candidate -> (String, String, MilestoneDate, String)? in
                guard let place = candidate.placeID, let reported = candidate.milestoneDate else { return nil }
                let kind = AcceptanceRules.milestoneKind(candidate.event)
                return (place, kind.rawValue, AcceptanceRules.milestoneDate(candidate.event, reported: reported), candidate.why)
            }
            tally.labelled = report.events.count
            tally.proposed = proposals.count
            // Pair proposals with labels of the same place and kind, nearest dates first.
            var pairs: [(proposal: Int, label: Int, distance: Int)] = []
            for (p, proposal) in proposals.enumerated() {
                for (l, event) in report.events.enumerated() where event.place == proposal.0 && event.event == proposal.1 {
                    pairs.append((p, l, Self.distance(MilestoneDate(event.date)!, proposal.2)))
                }
            }
            var pairedProposal: [Int: Int] = [:]
            var pairedLabel = Set<Int>()
            for pair in pairs.sorted(by: { ($0.distance, $0.proposal) < ($1.distance, $1.proposal) })
            where pairedProposal[pair.proposal] == nil && !pairedLabel.contains(pair.label) {
                pairedProposal[pair.proposal] = pair.label
                pairedLabel.insert(pair.label)
            }
            for (p, (place, kind, date, why)) in proposals.enumerated() {
                guard let pick = pairedProposal[p] else {
                    findings.append(
                        Finding(kind: "false", report: report.id, place: place, event: kind, expected: nil, proposed: date.description, why: why))
                    continue
                }
                tally.correct += 1
                tally.found += 1
                kinds[kind, default: (0, 0)].found += 1
                let supported = MilestoneDate(report.events[pick].date)!
                if date == supported { tally.exact += 1 }
                if Self.contains(date, supported) { tally.honest += 1 }
                if date != supported {
                    findings.append(
                        Finding(
                            kind: "date", report: report.id, place: place, event: kind, expected: supported.description, proposed: date.description,
                            why: why))
                }
            }
            let unmatched = report.events.indices.filter { !pairedLabel.contains($0) }
            for event in report.events { kinds[event.event, default: (0, 0)].labelled += 1 }
            for i in unmatched {
                let event = report.events[i]
                findings.append(
                    Finding(kind: "missed", report: report.id, place: event.place, event: event.event, expected: event.date, proposed: nil, why: nil))
            }
            all.add(tally)
            languages[report.language, default: Tally()].add(tally)
            sources[report.source, default: Tally()].add(tally)
        }
        self.all = all.figures
        byLanguage = languages.mapValues(\.figures)
        bySource = sources.mapValues(\.figures)
        recallByKind = kinds.mapValues { Proportion(hits: $0.found, of: $0.labelled) }
        self.findings = findings
    }

    /// True when `outer` spans all of `inner`: a date that claims no more than the text supports.
    static func contains(_ outer: MilestoneDate, _ inner: MilestoneDate) -> Bool {
        guard outer.latest >= inner.latest else { return false }
        guard let outerStart = outer.earliest else { return true }
        guard let innerStart = inner.earliest else { return false }
        return outerStart <= innerStart
    }

    /// Days between the latest days of two dates, for pairing a proposal with the nearer of two labels.
    static func distance(_ a: MilestoneDate, _ b: MilestoneDate) -> Int { abs(a.latest.ordinal - b.latest.ordinal) }

    /// The figures as lines for the terminal.
    public var lines: [String] {
        func row(_ name: String, _ f: Figures) -> String {
            "\(name): \(f.reports) reports · place+kind precision \(f.precision.description), recall \(f.recall.description) · "
                + "exact date \(f.exactDate.description), honest date \(f.honestDate.description)"
        }
        var out = [row("all", all)]
        out += byLanguage.keys.sorted().map { row("language \($0)", byLanguage[$0]!) }
        out += bySource.keys.sorted().map { row("source \($0)", bySource[$0]!) }
        out += recallByKind.keys.sorted().map { "recall of \($0): \(recallByKind[$0]!.description)" }
        return out
    }
}
