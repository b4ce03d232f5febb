import Foundation
public import JibangBase

/// Named term groups, from the built-in presets and an optional lexicon file.
///
/// File format: one group per line, `name = query`; `#` starts a comment. A file group
/// replaces a preset of the same name.
public struct Lexicon: Sendable {
    /// The groups by name, in definition order.
    public private(set) var groups: [(name: String, query: String)]
    /// Changes whenever a definition changes, for methods notes.
    public var version: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (name, query) in groups { for byte in "\(name)=\(query)\n".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 } }
        return String(hash, radix: 16)
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

    /// A group from a command-line argument: a lexicon name, `name=query`, or a bare query
    /// (named after itself).
    public func group(_ argument: String) throws(JibangError) -> TermGroup {
        if let named = groups.first(where: { $0.name == argument }) { return try TermGroup(name: named.name, query: named.query) }
        if let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("|"), !argument[..<equals].contains("\"") {
            let name = argument[..<equals].trimmingCharacters(in: .whitespaces)
            let query = argument[argument.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return try TermGroup(name: name, query: query) }
        }
        return try TermGroup(name: argument, query: argument)
    }
}
