import JibangCorpus

extension CorpusStore {
    /// Runs a trend query over every segment (the original texts are read only when an option needs them).
    public func trend(_ query: TrendQuery) throws -> TrendResult {
        try TrendEngine(segments: try segments(), rawText: { self.body(rowID: $0) }).run(query)
    }
}
