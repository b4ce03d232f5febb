/// Where in an input a problem is: a file and, when known, a line, a column and a field name.
///
/// JSON inputs have no useful line numbers after decoding; they use `field` for the path
/// (`sites[3].milestones[0].date`) instead.
public struct InputLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var field: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// "sites.csv:12, column 6 (date)".
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ", column \(column)" }
        if let field { text += column == nil ? ", \(field)" : " (\(field))" }
        return text
    }
}

/// Every error Jibang's libraries report: a value with a code and a human message that says
/// what was found, what was expected and where. The CLI maps `exitCode`; the server maps
/// `code` to an HTTP status.
public enum JibangError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value in an input file or command-line option is wrong.
    case invalidInput(InputLocation, String)
    /// A place name matched no division (with the nearest suggestions) or several.
    case unknownPlace(InputLocation?, String, suggestions: [String])
    case ambiguousPlace(InputLocation?, String, candidates: [String])
    /// A record that is already present (in the same input or in the store).
    case duplicate(InputLocation?, String)
    /// Something asked for does not exist (a site, a milestone id).
    case notFound(String)
    /// The store could not be opened or written.
    case storage(String)
    /// Several problems in one input, each with its location; nothing was imported.
    case several([JibangError])

    /// A short stable code for machines: "invalid_input", "unknown_place", …
    public var code: String {
        switch self {
        case .invalidInput: "invalid_input"
        case .unknownPlace: "unknown_place"
        case .ambiguousPlace: "ambiguous_place"
        case .duplicate: "duplicate"
        case .notFound: "not_found"
        case .storage: "storage"
        case let .several(errors): errors.first?.code ?? "invalid_input"
        }
    }

    /// The process exit code the CLI uses: 65 (EX_DATAERR) for bad data, 66 for not found,
    /// 74 (EX_IOERR) for storage.
    public var exitCode: Int32 {
        switch self {
        case .invalidInput, .unknownPlace, .ambiguousPlace, .duplicate, .several: 65
        case .notFound: 66
        case .storage: 74
        }
    }

    public var description: String {
        func at(_ location: InputLocation?) -> String { location.map { "\($0): " } ?? "" }
        switch self {
        case let .invalidInput(location, reason):
            return "\(location): \(reason)"
        case let .unknownPlace(location, name, suggestions):
            let hint = suggestions.isEmpty ? "" : " Did you mean: \(suggestions.joined(separator: "; "))?"
            return "\(at(location))unknown place \"\(name)\"; expected a city, county or district of North Korea.\(hint)"
        case let .ambiguousPlace(location, name, candidates):
            return
                "\(at(location))\"\(name)\" names several places: \(candidates.joined(separator: "; ")). Add the province, e.g. \"\(name), <province>\"."
        case let .duplicate(location, what):
            return "\(at(location))duplicate: \(what)"
        case let .notFound(what):
            return what
        case let .storage(reason):
            return "storage error: \(reason)"
        case let .several(errors):
            return "\(errors.count) problems:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
