import JibangCorpus

/// Short labels for documents in tables: the outlet, the date and the start of the title, not
/// an id that may be a 130-character address (the JSON and CSV outputs keep the id).
enum DocumentLabel {
    /// "KCNA 2024-09-02 “Respected Comrade Kim Jong Un Gives…”".
    static func short(outlet: String, date: String, title: String, width: Int = 40) -> String {
        let clipped = title.count > width ? String(title.prefix(width - 1)) + "…" : title
        return clipped.isEmpty ? "\(outlet) \(date)" : "\(outlet) \(date) “\(clipped)”"
    }

    static func short(_ header: DocumentHeader) -> String { short(outlet: header.outlet, date: header.date, title: header.title) }

    /// The start of a title alone, for tables that show the outlet and date in their own columns.
    static func title(_ title: String, width: Int = 40) -> String {
        title.count > width ? String(title.prefix(width - 1)) + "…" : title
    }
}
