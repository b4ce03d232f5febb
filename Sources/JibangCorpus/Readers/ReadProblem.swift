/// A record a reader could not use: where it is and why. Ingest skips it (or, with
/// `--strict`, stops) and reports it.
public struct ReadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why, in a few words that group problems in the summary ("malformed JSON", "no date").
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case malformed = "malformed record"
        case invalidUTF8 = "invalid UTF-8"
        case missingDate = "missing or unknown date"
        case emptyBody = "empty body"
        case tooLarge = "document too large"
        case binaryFile = "binary file"
        case unreadable = "unreadable file"
    }

    public let file: String
    /// 1-based line (JSONL, CSV) or array index + 1 (JSON), nil for whole-file problems.
    public let line: Int?
    public let kind: Kind
    public let detail: String

    public init(file: String, line: Int?, kind: Kind, detail: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(kind.rawValue): \(detail)"
    }
}

/// One result of reading: a document or a problem, with its place in the input.
public enum ReadRecord: Sendable {
    case document(Document, line: Int)
    case problem(ReadProblem)
}
