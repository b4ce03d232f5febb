/// A stored document's identifying fields: what a list of example articles shows.
public struct DocumentHeader: Sendable, Codable, Equatable {
    public let id: String
    public let outlet: String
    public let date: String
    public let title: String
    /// Which version of the document this is (1 unless it was republished with edits).
    public let version: Int

    public init(id: String, outlet: String, date: String, title: String, version: Int = 1) {
        self.id = id
        self.version = version
        self.outlet = outlet
        self.date = date
        self.title = title
    }
}
