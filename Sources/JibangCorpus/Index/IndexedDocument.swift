public import KoreanText

/// One document as the index needs it.
public struct IndexedDocument: Sendable {
    /// The store's row id, to fetch the full document back.
    public var rowID: Int64
    public var outlet: String
    /// First day the date covers (days since 1970-01-01) and its precision (0 day, 1 month, 2 year).
    public var day: Int32
    public var precision: UInt8
    public var text: SearchText

    public init(rowID: Int64, outlet: String, date: PartialDate, text: SearchText) {
        self.rowID = rowID
        self.outlet = outlet
        self.day = Int32(date.firstDayNumber)
        self.precision = date.day != nil ? 0 : date.month != nil ? 1 : 2
        self.text = text
    }
}
