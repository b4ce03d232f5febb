public import Foundation

/// A command's help as ArgumentParser dumps it (`jibang --experimental-dump-help`, format 0):
/// the source the man page is written from, so the page always matches the binary it ships with.
public struct ToolHelp: Decodable, Sendable {
    public let serializationVersion: Int
    public let command: Command

    /// One command: its name, abstract, discussion, arguments and subcommands.
    public struct Command: Decodable, Sendable {
        public let commandName: String
        public let abstract: String?
        public let discussion: String?
        public let shouldDisplay: Bool?
        public let arguments: [Argument]?
        public let subcommands: [Command]?
    }

    /// An option, a flag or a positional argument.
    public struct Argument: Decodable, Sendable {
        public enum Kind: String, Decodable, Sendable { case positional, option, flag }
        public struct Name: Decodable, Sendable {
            public let kind: String
            public let name: String
        }
        public let kind: Kind
        public let names: [Name]?
        public let valueName: String?
        public let abstract: String?
        public let discussion: String?
        public let defaultValue: String?
        public let allValues: [String]?
        public let isOptional: Bool
        public let isRepeating: Bool
        public let shouldDisplay: Bool?
    }

    /// Reads a dump; a format other than 0 is refused rather than half-read.
    public static func decode(_ data: Data) throws(InstallError) -> ToolHelp {
        let help: ToolHelp
        do { help = try JSONDecoder().decode(ToolHelp.self, from: data) } catch {
            throw InstallError("the binary's help dump is not ArgumentParser's JSON (\(error)); is it a Jibang binary?")
        }
        guard help.serializationVersion == 0 else {
            throw InstallError("the binary's help dump has format \(help.serializationVersion); this installer reads format 0")
        }
        return help
    }
}

extension ToolHelp.Argument {
    /// "-h, --help", "--format <format>", or "<place>" for a positional argument.
    public var synopsis: String {
        let value = valueName.map { "<\($0)>" } ?? ""
        guard kind != .positional else { return value + (isRepeating ? " ..." : "") }
        let spelled = (names ?? []).map { name in
            switch name.kind {
            case "short": "-" + name.name
            case "longWithSingleDash": "-" + name.name
            default: "--" + name.name
            }
        }
        let head = spelled.joined(separator: ", ")
        return kind == .option ? head + " " + value : head
    }
}

/// What went wrong while installing or packaging, said so that the user knows what to do.
public struct InstallError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
