public import JibangBase

/// Where economic indicator values live.
public protocol IndicatorStore: Sendable {
    /// Every indicator value, by name then period.
    func indicators() async throws(JibangError) -> [Indicator]

    /// Stores a value. One for the same name and period is a `duplicate` error (hint: the
    /// `replace` field) unless `replace`, so a typo never silently overwrites a sourced figure.
    func addIndicator(_ indicator: Indicator, replace: Bool) async throws(JibangError)
}

extension IndicatorStore {
    /// Stores a value that must be new for its name and period.
    public func addIndicator(_ indicator: Indicator) async throws(JibangError) { try await addIndicator(indicator, replace: false) }
}
