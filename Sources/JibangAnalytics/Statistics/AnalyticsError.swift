import JibangBase

/// Why a statistic cannot be computed, said so the analyst knows what to change. All carry
/// the code `analysis_failed`.
extension JibangError {
    /// A statistic, or an option of one, that cannot be used on this data.
    static func analysis(_ message: String, hint: Hint? = nil) -> JibangError {
        JibangError(.analysisFailed, message, hint: hint)
    }

    static func tooShort(_ what: String, count: Int, needed: Int) -> JibangError {
        analysis(
            "\(what) has \(count) periods; a correlation with a p-value and confidence interval needs at least \(needed) "
                + "(count by a finer period, or over a wider date range)",
            hint: Hint(field: "by"))
    }

    static func constant(_ name: String) -> JibangError {
        analysis("\(name) is constant over the periods compared, so its correlation is undefined (check the query matches anything)")
    }
}
