/// A stored document's identifying fields: what a list of example articles shows.
public struct DocumentHeader: Sendable, Codable, Equatable {
    public let id: String
    public let outlet: String
    public let date: String
    public let title: String

    public init(id: String, outlet: String, date: String, title: String) {
        self.id = id
        self.outlet = outlet
        self.date = date
        self.title = title
    }
}
