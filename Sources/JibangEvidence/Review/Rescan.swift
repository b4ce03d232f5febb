public import JibangBase
import JibangCore
public import JibangCorpus

/// What re-reading the queue's articles with the current rules found.
public struct RescanResult: Sendable, Codable, Equatable {
    /// A proposal read again: what it said, what the rules read now.
    public struct Change: Sendable, Codable, Equatable {
        public let candidate: Int64
        /// The accepted candidate's milestone, for a disagreement.
        public let milestone: Int64?
        public let place: String
        public let before: String
        public let after: String
    }

    /// Articles read again.
    public let articles: Int
    /// Pending candidates whose kind or date the rules now read otherwise (changed with `--redate`).
    public let redated: [Change]
    /// Pending candidates read the same way.
    public let unchanged: Int
    /// Pending candidates the rules no longer propose, or whose article is not in the corpus: left as they are.
    public let unread: [Int64]
    /// Accepted candidates whose new reading disagrees with the milestone they became: for an
    /// analyst to review (they change only through the correction commands).
    public let disagreements: [Change]
    /// Whether the pending changes were written.
    public let applied: Bool
}

extension ReviewQueue {
    /// Re-reads the article of every pending and every accepted candidate with the current
    /// rules. A pending candidate whose place the article still proposes takes the new kind
    /// and date (when `apply`); an accepted one whose new reading differs is listed, never
    /// changed. Rejected candidates stay rejected.
    public func rescan(_ corpus: any CorpusDocumentStore, apply: Bool, rules: EvidenceRules = .standard) async throws(JibangError) -> RescanResult {
        let pending = try await candidates(status: .pending, limit: Int.max)
        let accepted = try await candidates(status: .accepted, limit: Int.max)
        let articles = try corpus.articles(documentIDs: Array(Set((pending + accepted).map(\.documentID))))
        let sites = try await store.sites()
        let scanner = EvidenceScanner(gazetteer: gazetteer, sites: sites, rules: rules)
        var readings: [String: [Candidate]] = [:]
        for (id, article) in articles { readings[id] = scanner.scan(article) }

        /// The new reading of `candidate`'s place in its article: the same event if still read, else the first.
        func reading(of candidate: Candidate) -> Candidate? {
            let samePlace = (readings[candidate.documentID] ?? []).filter {
                $0.placeID == candidate.placeID && (candidate.placeID != nil || $0.provinceID == candidate.provinceID)
            }
            return samePlace.first { $0.event == candidate.event } ?? samePlace.first
        }
        func label(_ c: Candidate) -> String { "\(c.event.rawValue) \(c.date)" }

        var redated: [RescanResult.Change] = []
        var unchanged = 0
        var unread: [Int64] = []
        for old in pending {
            guard let id = old.id, let new = reading(of: old) else {
                unread += old.id.map { [$0] } ?? []
                continue
            }
            guard new.event != old.event || new.date != old.date else {
                unchanged += 1
                continue
            }
            var updated = new
            updated.id = id
            updated.status = .pending
            updated.placeID = old.placeID
            updated.corroborates = AcceptanceRules.matchingMilestone(updated, in: sites)
            if apply {
                var record = try Self.record(updated)
                record.id = id
                guard try await store.updatePendingCandidate(record) else {
                    unread.append(id)
                    continue
                }
            }
            redated.append(.init(candidate: id, milestone: nil, place: old.placeID ?? old.provinceID ?? "?", before: label(old), after: label(new)))
        }
        var disagreements: [RescanResult.Change] = []
        for old in accepted {
            guard let id = old.id, let new = reading(of: old), new.event != old.event || new.date != old.date else { continue }
            let milestone = try await store.candidateRecord(id: id)?.milestoneID
            disagreements.append(.init(candidate: id, milestone: milestone, place: old.placeID ?? "?", before: label(old), after: label(new)))
        }
        return RescanResult(
            articles: articles.count, redated: redated, unchanged: unchanged, unread: unread, disagreements: disagreements, applied: apply)
    }
}
