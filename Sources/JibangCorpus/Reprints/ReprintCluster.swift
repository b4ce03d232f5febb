/// A cluster of near-copies: the first-seen member and the others, each with how far it
/// differs from the first. The JSON form is the contract of `jibang corpus reprints --format json`.
public struct ReprintCluster: Sendable, Codable, Equatable {
    public struct Member: Sendable, Codable, Equatable {
        public let documentId: String
        public let outlet: String
        public let date: String
        public let title: String
        /// Estimated Jaccard similarity of its shingles to the first member's.
        public let similarity: Double
        /// Words of the first member's text it lacks, and words it adds.
        public let wordsRemoved: Int
        public let wordsAdded: Int
        /// Word by word from the first member's text (only when one cluster is asked for).
        public let diff: [WordDiff.Piece]?

        public init(
            documentId: String, outlet: String, date: String, title: String, similarity: Double, wordsRemoved: Int, wordsAdded: Int,
            diff: [WordDiff.Piece]?
        ) {
            self.documentId = documentId
            self.outlet = outlet
            self.date = date
            self.title = title
            self.similarity = similarity
            self.wordsRemoved = wordsRemoved
            self.wordsAdded = wordsAdded
            self.diff = diff
        }
    }

    /// The first member's document id names the cluster.
    public let clusterId: String
    public let firstOutlet: String
    public let firstDate: String
    /// The first member first, then the others by date.
    public let members: [Member]

    public init(clusterId: String, firstOutlet: String, firstDate: String, members: [Member]) {
        self.clusterId = clusterId
        self.firstOutlet = firstOutlet
        self.firstDate = firstDate
        self.members = members
    }
}

/// What clustering the corpus found.
public struct ReprintSummary: Sendable, Codable, Equatable {
    public let threshold: Double
    public let documents: Int
    public let clusters: Int
    /// Members of clusters other than their first: what `--reprints once` leaves out.
    public let reprints: Int
    /// Signatures computed for documents stored before signatures were kept.
    public let signed: Int

    public init(threshold: Double, documents: Int, clusters: Int, reprints: Int, signed: Int) {
        self.threshold = threshold
        self.documents = documents
        self.clusters = clusters
        self.reprints = reprints
        self.signed = signed
    }
}
