public import JibangBase
import JibangCore
public import JibangCorpus

/// What a scan of the corpus did: how many articles were read and proposals found, and what
/// queueing them did.
public struct CorpusScanResult: Sendable {
    public let articles: Int
    public let found: Int
    public let summary: EvidenceScanSummary
    /// The proposals as queued (new ones with their ids, known ones as stored).
    public let candidates: [Candidate]
}

extension ReviewQueue {
    /// Reads the corpus's articles dated to the day that may report the programme (those
    /// matching the rules' `articleQuery`, within the filters), scans each and queues what the
    /// scanner proposes, reading each article in the wording `versions` names (the latest by
    /// default). `progress(n, total)` is called every 500 articles.
    public func scan(
        _ corpus: any CorpusDocumentStore, outlets: [String] = [], from: Int? = nil, to: Int? = nil, rules: EvidenceRules = .standard,
        versions: VersionChoice = .latest, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws(JibangError) -> CorpusScanResult {
        var group = try TermGroup(name: "evidence", query: rules.articleQuery)
        group.outlets = outlets
        group.from = from
        group.to = to
        let articles = try corpus.dayDatedArticles(matching: try group.checked(against: try corpus.segments()), versions: versions)
        let scanner = EvidenceScanner(gazetteer: gazetteer, sites: try await store.sites(), rules: rules)
        var found: [Candidate] = []
        for (n, article) in articles.enumerated() {
            found += scanner.scan(article)
            if n % 500 == 499 { progress(n + 1, articles.count) }
        }
        let (summary, queued) = try await queue(found)
        return CorpusScanResult(articles: articles.count, found: found.count, summary: summary, candidates: queued)
    }
}
