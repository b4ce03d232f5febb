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

/// Every error Jibang's libraries report: one value with a stable code, a human message that
/// says what was found and what was expected, where it was, and a structured hint.
///
/// Messages never name a command-line flag or a command: each edge renders the `hint` in its
/// own words (the CLI as a flag, the API as a field of the request). The CLI maps `code` to an
/// exit code and the server to an HTTP status.
public struct JibangError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A short stable code for machines: "invalid_input", "unknown_place", … Open to new codes.
    public var code: Code
    /// What was found and what was expected, without the location.
    public var message: String
    /// What the error is about, when it is one thing: a place name, "candidate #3".
    public var subject: String?
    /// Where in an input the problem is.
    public var location: InputLocation?
    /// What to change, as a field of the request (`place`, `replace`) and a suggested value.
    public var hint: Hint?
    /// The names the error offers: suggestions for an unknown place, candidates for an ambiguous one.
    public var alternatives: [String]
    /// For `several`: every problem of one input, each with its location.
    public var problems: [JibangError]

    public init(
        _ code: Code, _ message: String, subject: String? = nil, location: InputLocation? = nil, hint: Hint? = nil,
        alternatives: [String] = [], problems: [JibangError] = []
    ) {
        self.code = code
        self.message = message
        self.subject = subject
        self.location = location
        self.hint = hint
        self.alternatives = alternatives
        self.problems = problems
    }

    /// A stable machine code. New codes can be added anywhere with `JibangError.Code("name")`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }

        /// A value in an input file, a request or an option is wrong.
        public static let invalidInput: Code = "invalid_input"
        /// A place name matched no division.
        public static let unknownPlace: Code = "unknown_place"
        /// A place name matched several divisions.
        public static let ambiguousPlace: Code = "ambiguous_place"
        /// A record that is already present (in the same input or in the store).
        public static let duplicate: Code = "duplicate"
        /// The request does not fit the record as it now is: a candidate already decided, a
        /// milestone not retracted. Asking again after the state changes can succeed.
        public static let conflict: Code = "conflict"
        /// Something asked for does not exist (a site, a milestone id, a file).
        public static let notFound: Code = "not_found"
        /// The store could not be opened, read or written.
        public static let storage: Code = "storage"
        /// A term-group query that cannot be read.
        public static let invalidQuery: Code = "invalid_query"
        /// A statistic that cannot be computed on the data given.
        public static let analysisFailed: Code = "analysis_failed"
        /// The corpus index (derived from the stored documents) is missing or damaged.
        public static let indexDamaged: Code = "index_damaged"
    }

    /// What to change: a field of the request and, when there is one, the value to give it.
    /// The API sends it as `{"field": "place", "suggestion": "Kosan County"}`; the CLI as
    /// `--place "Kosan County"`. A flag to turn on has the suggestion "true".
    public struct Hint: Sendable, Hashable, Codable {
        public var field: String
        public var suggestion: String?
        public init(field: String, suggestion: String? = nil) {
            self.field = field
            self.suggestion = suggestion
        }
    }

    /// The message with its location in front, and each problem on its own line.
    public var description: String {
        if !problems.isEmpty {
            return "\(problems.count) problems:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
        return location.map { "\($0): \(message)" } ?? message
    }
}

// MARK: - The common errors

extension JibangError {
    /// A value in an input file or option is wrong at `location`.
    public static func invalidInput(_ location: InputLocation, _ reason: String, hint: Hint? = nil) -> JibangError {
        JibangError(.invalidInput, reason, location: location, hint: hint)
    }

    /// A request the record's current state refuses (code `conflict`), with where and why.
    public static func conflict(_ location: InputLocation, _ reason: String, hint: Hint? = nil) -> JibangError {
        JibangError(.conflict, reason, location: location, hint: hint)
    }

    /// A place name matched no division; the nearest names are offered, the first as the hint.
    public static func unknownPlace(_ location: InputLocation?, _ name: String, suggestions: [String], field: String = "place") -> JibangError {
        let also = suggestions.isEmpty ? "" : " Did you mean: \(suggestions.joined(separator: "; "))?"
        return JibangError(
            .unknownPlace, "unknown place \"\(name)\"; expected a city, county or district of North Korea.\(also)", subject: name,
            location: location, hint: suggestions.first.map { Hint(field: field, suggestion: $0) }, alternatives: suggestions)
    }

    /// A place name matched several divisions, each listed with its province.
    public static func ambiguousPlace(_ location: InputLocation?, _ name: String, candidates: [String], field: String = "place") -> JibangError {
        JibangError(
            .ambiguousPlace,
            "\"\(name)\" names several places: \(candidates.joined(separator: "; ")). Add the province, e.g. \"\(name), <province>\".",
            subject: name, location: location, hint: Hint(field: field, suggestion: "\(name), <province>"), alternatives: candidates)
    }

    /// A record that is already present.
    public static func duplicate(_ location: InputLocation?, _ what: String, hint: Hint? = nil) -> JibangError {
        JibangError(.duplicate, "duplicate: \(what)", subject: what, location: location, hint: hint)
    }

    /// Something asked for does not exist.
    public static func notFound(_ what: String, subject: String? = nil) -> JibangError {
        JibangError(.notFound, what, subject: subject)
    }

    /// The store could not be opened, read or written.
    public static func storage(_ reason: String, hint: Hint? = nil) -> JibangError {
        JibangError(.storage, "storage error: \(reason)", hint: hint)
    }

    /// Several problems in one input; nothing was imported. The code is the first problem's.
    public static func several(_ problems: [JibangError]) -> JibangError {
        let flat = problems.flatMap { $0.problems.isEmpty ? [$0] : $0.problems }
        return JibangError(flat.first?.code ?? .invalidInput, "\(flat.count) problems", problems: flat)
    }
}
