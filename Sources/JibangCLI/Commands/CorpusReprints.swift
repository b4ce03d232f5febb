import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus

/// `jibang corpus reprints`: clusters of near-copies across outlets and ids.
struct CorpusReprintsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprints", abstract: "List clusters of near-copies (the same story in several outlets or under several ids).",
        discussion: """
            Every document's search text is MinHashed at ingest (128 buckets over four-syllable and three-word \
            shingles); documents that share a band key and agree on at least the threshold's share of buckets (an \
            estimate of their Jaccard similarity) form a cluster, named by its first-seen member. `ingest` clusters \
            after storing; --threshold clusters again now. `trend --reprints once` counts each cluster once.
            """)

    @Option(help: "Cluster again at this Jaccard similarity (0.5 to 1; default: the last used, first 0.8).")
    var threshold: Double?
    @Option(help: "Only clusters with a member in this outlet.")
    var outlet: String?
    @Option(help: "The cluster of this document, with each member's word diff from the first.")
    var document: String?
    @Option(help: "At most this many clusters.")
    var limit = 20
    @OptionGroup var output: OutputOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let threshold, !(0.5...1).contains(threshold) { throw ValidationError("--threshold \(threshold): expected 0.5 to 1, e.g. 0.8") }
        guard (1...1000).contains(limit) else { throw ValidationError("--limit \(limit): expected 1 to 1000") }
    }

    func run() async throws {
        try await reportingErrors {
            let corpus = try await store.openCorpus()
            if let threshold {
                let found = try corpus.clusterReprints(threshold: threshold) { note($0) }
                note("\(found.clusters) clusters (\(found.reprints) reprints) among \(found.documents) documents at Jaccard ≥ \(found.threshold)")
            }
            let outlet = try self.outlet.map { try FilterCheck.outlets([$0], in: try corpus.segments())[0] }
            let clusters = try corpus.reprintClusters(limit: limit, outlet: outlet, documentId: document)
            switch output.format {
            case .json: emit(ProgrammeJSON.encode(clusters).trimmingCharacters(in: .newlines))
            case .csv:
                emit(CSVLine.join(["cluster_id", "document_id", "outlet", "date", "similarity", "words_removed", "words_added", "title"]))
                for cluster in clusters {
                    for m in cluster.members {
                        emit(
                            CSVLine.join([
                                cluster.clusterId, m.documentId, m.outlet, m.date, String(m.similarity), String(m.wordsRemoved), String(m.wordsAdded),
                                m.title,
                            ]))
                    }
                }
            case .table:
                for cluster in clusters {
                    emit("\(cluster.clusterId): first in \(cluster.firstOutlet) on \(cluster.firstDate), \(cluster.members.count) members")
                    for m in cluster.members.dropFirst() {
                        emit(
                            "  \(m.date) \(m.outlet) \(m.documentId): similarity \(m.similarity), −\(m.wordsRemoved) +\(m.wordsAdded) words: \(DocumentLabel.title(m.title))"
                        )
                        if let diff = m.diff {
                            emit(
                                "    "
                                    + diff.filter { $0.op != .equal }.map { $0.op == .delete ? "[-\($0.text)-]" : "{+\($0.text)+}" }.joined(
                                        separator: " "))
                        }
                    }
                }
                note(clusters.isEmpty ? "no near-copies found" : "\(clusters.count) clusters")
            }
        }
    }
}
