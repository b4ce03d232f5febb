import Foundation
public import JibangBase
import KoreanText

/// Named term groups, from the built-in presets and an optional lexicon file.
///
/// File format: one group per line, `name = query`; `#` starts a comment. A file group
/// replaces a preset of the same name.
public struct Lexicon: Sendable {
    /// The groups by name, in definition order.
    public private(set) var groups: [(name: String, query: String)]
    /// Changes whenever a definition changes, for methods notes.
    public var version: String {
        var hash = FNV1a()
        for (name, query) in groups { hash.add("\(name)=\(query)\n".utf8) }
        return String(hash.value, radix: 16)
    }

    /// The presets for the measurements in DOMAIN §3 and the 20×10 programme, in Korean and English.
    public static let presets = """
        # Jibang built-in lexicon (version 1)
        regional-economy = 지방공업|지방경제|regional industry|local industry|regional economy|local economy
        defence-industry = 군수공업|국방공업|munitions industry|defence industry|defense industry
        defence-science = 국방과학|defence science|defense science
        20x10 = 지방발전 20×10|지방발전정책|20×10 정책|Regional Development 20×10|20×10 policy
        """

    /// The presets, plus (overriding) the groups of `fileText`.
    public init(fileText: String? = nil, file: String = "lexicon") throws(JibangError) {
        groups = []
        try add(Self.presets, file: "presets")
        if let fileText { try add(fileText, file: file) }
    }

    mutating func add(_ text: String, file: String) throws(JibangError) {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !content.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            guard let equals = content.firstIndex(of: "=") else {
                throw JibangError.invalidQuery(String(line), reason: "\(file):\(number + 1): expected name = query")
            }
            let name = content[..<equals].trimmingCharacters(in: .whitespaces)
            let query = content[content.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !query.isEmpty else {
                throw JibangError.invalidQuery(String(line), reason: "\(file):\(number + 1): expected name = query")
            }
            _ = try TermGroup(name: name, query: query)
            groups.removeAll { $0.name == name }
            groups.append((name, query))
        }
    }

    /// A group from a command-line argument or a `q` parameter: a lexicon name (in any case,
    /// US or UK spelling: `Defense-Industry` is `defence-industry`), `name=query`, or a bare
    /// query named after itself. An argument written like a name (words joined by hyphens, no
    /// Hangul) that names no group is an error suggesting the nearest names, since counting it
    /// as a phrase would silently give a different number; quote it to count the phrase.
    public func group(_ argument: String) throws(JibangError) -> TermGroup {
        if let named = groups.first(where: { $0.name == argument }) ?? groups.first(where: { Self.key($0.name) == Self.key(argument) }) {
            return try TermGroup(name: named.name, query: named.query)
        }
        if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("|"), !argument[..<equals].contains("\"") {
            let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
            let query = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return try TermGroup(name: name, query: query) }
        }
        if Self.looksLikeName(argument) {
            let nearest = groups.map(\.name).sorted {
                editDistance(Self.key($0), Self.key(argument)) < editDistance(Self.key($1), Self.key(argument))
            }
            throw JibangError(
                .invalidQuery,
                "\"\(argument)\" is written like a group name but names none; did you mean \(nearest.prefix(3).joined(separator: ", "))? "
                    + "To count it as a phrase, quote it: '\"\(argument)\"'",
                subject: argument, alternatives: Array(nearest.prefix(3)))
        }
        return try TermGroup(name: argument, query: argument)
    }

    /// A name as it is compared: lower case, with the US spellings of the presets' words made UK.
    static func key(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "defense", with: "defence")
    }

    /// Words of letters and digits joined by hyphens, with no Hangul, space or query syntax.
    static func looksLikeName(_ argument: String) -> Bool {
        argument.range(of: #"^[A-Za-z0-9]+(-[A-Za-z0-9]+)+$"#, options: .regularExpression) != nil
    }
}
