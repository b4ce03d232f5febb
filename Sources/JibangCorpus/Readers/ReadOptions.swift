import Foundation
import KoreanText

/// Which input fields hold what, and the limits a reader applies.
public struct ReadOptions: Sendable {
    /// Field (column, key) names; the defaults match Jibang's JSONL and most scrapers.
    public var idField = "id"
    public var outletField = "outlet"
    public var dateField = "date"
    public var titleField = "title"
    public var bodyField = "body"
    public var languageField = "language"
    public var urlField = "url"
    /// When the record's wording was seen: the first of these fields a record has.
    public var observedFields = ["observed_at", "scraped_at", "retrieved_at", "fetched_at", "crawled_at"]
    /// When the records were seen, for records that say nothing (a snapshot's time, ISO 8601).
    public var observedAt: String?
    /// The outlet for records that name none (or for all records, with `overrideOutlet`).
    public var outlet: String?
    public var overrideOutlet = false
    /// The language for records that name none.
    public var language: String?
    /// Records with a body larger than this are refused as `tooLarge`.
    public var maxDocumentBytes = 16 << 20
    /// For text folders: a file-name pattern such as `{outlet}_{date}_{id}.txt`.
    public var fileNamePattern: String?

    public init() {}

    /// Builds a document from a record's fields, or a problem saying what is missing.
    func document(from fields: [String: String], file: String, line: Int) -> ReadRecord {
        let body = fields[bodyField] ?? ""
        if body.utf8.count > maxDocumentBytes {
            return .problem(
                ReadProblem(
                    file: file, line: line, kind: .tooLarge,
                    detail:
                        "body is \(body.utf8.count / 1_048_576) MB; the limit is \(maxDocumentBytes / 1_048_576) MB (raise the document size limit to keep it)"
                ))
        }
        if body.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            return .problem(ReadProblem(file: file, line: line, kind: .emptyBody, detail: "field \"\(bodyField)\" is empty or missing"))
        }
        let dateText = fields[dateField] ?? ""
        guard let date = DateParser.parse(dateText) ?? DateParser.parse(String(body.prefix(200))) else {
            let found = dateText.isEmpty ? "field \"\(dateField)\" is missing" : "found \"\(dateText.prefix(40))\""
            return .problem(
                ReadProblem(
                    file: file, line: line, kind: .missingDate,
                    detail: "\(found); expected ISO 8601, epoch seconds/ms, 2024년 1월 15일, 주체113(2024)년 or a KCNA dateline with a year"))
        }
        var observed = observedAt
        if let field = observedFields.first(where: { !(fields[$0] ?? "").isEmpty }), let text = fields[field] {
            guard let time = ObservedTime.parse(text) else {
                return .problem(
                    ReadProblem(
                        file: file, line: line, kind: .malformed,
                        detail:
                            "field \"\(field)\" is \"\(text.prefix(40))\"; expected an ISO 8601 time such as 2024-10-06T09:30:00Z (or a date, or epoch seconds)"
                    ))
            }
            observed = time
        }
        let outlet = overrideOutlet ? outlet : (fields[outletField].flatMap { $0.isEmpty ? nil : $0 } ?? outlet)
        var metadata = fields
        for key in [idField, outletField, dateField, titleField, bodyField, languageField, urlField] + observedFields {
            metadata.removeValue(forKey: key)
        }
        var document = Document(
            id: fields[idField].flatMap { $0.isEmpty ? nil : $0 }, outlet: outlet ?? "unknown", date: date,
            title: fields[titleField] ?? "", body: body, language: fields[languageField].flatMap { $0.isEmpty ? nil : $0 } ?? language,
            url: fields[urlField].flatMap { $0.isEmpty ? nil : $0 }, metadata: metadata)
        document.observed = observed
        if document.language == nil { document.language = LanguageGuess.language(of: document.title + "\n" + document.body) }
        return .document(document, line: line)
    }
}

/// Values of a decoded JSON object as strings (numbers as written, nested values skipped).
func stringFields(_ object: [String: Any]) -> [String: String] {
    var fields: [String: String] = [:]
    for (key, value) in object {
        switch value {
        case let text as String: fields[key] = text
        case let number as NSNumber: fields[key] = number.stringValue
        default: continue
        }
    }
    return fields
}
