/// An economic indicator's value for one period, with its source (North Korea's reported GDP
/// per capita of US$1,400 for 2019 is preloaded).
public struct Indicator: Sendable, Codable, Equatable {
    public let name: String
    public let unit: String
    /// A year, month or day: 2019, 2019-06.
    public let period: String
    public let value: Double
    public let source: String
    public let note: String?

    public init(name: String, unit: String, period: String, value: Double, source: String, note: String? = nil) {
        self.name = name
        self.unit = unit
        self.period = period
        self.value = value
        self.source = source
        self.note = note
    }
}
