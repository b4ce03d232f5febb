import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangCorpus
import JibangEvidence
import JibangStore

extension StoreOptions {
    /// The evidence review queue over the store, opened (and seeded) on first use.
    func reviewQueue() async throws(JibangError) -> ReviewQueue {
        ReviewQueue(store: try await open(), gazetteer: try BundledData.gazetteer())
    }
}
