import Foundation

/// Writes a man(7) page for a command from its help dump: NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
/// then one section per subcommand (nested ones under their full name, "jibang corpus stats").
/// Hidden commands and arguments are left out, as `--help` leaves them out.
public enum ManPage {
    /// The page's text. `version` and `date` go in the title line ("jibang 0.1.0", "2026-11-30").
    public static func render(_ help: ToolHelp, version: String, date: String) -> String {
        let root = help.command
        let name = root.commandName
        var page = Roff()
        page.request("TH", name.uppercased(), "1", date, "\(name) \(version)", "\(name.capitalized) manual")
        page.request("SH", "NAME")
        page.text("\(name) \\- " + escape(root.abstract ?? name))
        page.request("SH", "SYNOPSIS")
        page.line("\\fB\(escape(name))\\fR \\fIcommand\\fR [\\fIoptions\\fR]")
        if let discussion = root.discussion, !discussion.isEmpty {
            page.request("SH", "DESCRIPTION")
            page.paragraphs(discussion)
        }
        page.request("SH", "OPTIONS")
        page.arguments(visible(root.arguments))
        let commands = visible(root.subcommands)
        if !commands.isEmpty {
            page.request("SH", "COMMANDS")
            for command in commands { page.command(command, path: [name]) }
        }
        page.request("SH", "SEE ALSO")
        page.text("\\fB\(escape(name)) help\\fR \\fIcommand\\fR prints the same text for one command.")
        return page.text
    }

    static func visible(_ arguments: [ToolHelp.Argument]?) -> [ToolHelp.Argument] {
        (arguments ?? []).filter { $0.shouldDisplay ?? true }
    }

    static func visible(_ commands: [ToolHelp.Command]?) -> [ToolHelp.Command] {
        (commands ?? []).filter { ($0.shouldDisplay ?? true) && $0.commandName != "help" }
    }

    /// Escapes text for roff: backslashes print as backslashes, and characters beyond ASCII
    /// (×, –, Hangul) become `\[uXXXX]`, which groff and mandoc read without a preprocessor.
    /// (A leading dot or quote is handled per line.)
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case _ where scalar.value > 0x7E || (scalar.value < 0x20 && scalar != "\t"):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An option's spelling, with each hyphen a real minus (so it can be searched and pasted).
    static func option(_ text: String) -> String {
        escape(text).replacing("-", with: "\\-")
    }
}

/// A man page under construction: requests and text lines, each made safe.
private struct Roff {
    var text = ""

    mutating func request(_ name: String, _ arguments: String...) {
        let quoted = arguments.map { "\"" + ManPage.escape($0).replacing("\"", with: "\\(dq") + "\"" }
        text += "." + name + (quoted.isEmpty ? "" : " " + quoted.joined(separator: " ")) + "\n"
    }

    /// A line of already escaped roff text; a leading dot or quote is neutralised.
    mutating func line(_ roff: String) {
        text += (roff.hasPrefix(".") || roff.hasPrefix("'") ? "\\&" : "") + roff + "\n"
    }

    mutating func text(_ roff: String) { line(roff) }

    /// Plain text: blank lines start paragraphs, single line breaks are kept.
    mutating func paragraphs(_ plain: String) {
        let blocks = plain.split(separator: "\n\n", omittingEmptySubsequences: true)
        for (index, block) in blocks.enumerated() {
            if index > 0 { text += ".PP\n" }
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true)
            for (lineIndex, line) in lines.enumerated() {
                if lineIndex > 0 { text += ".br\n" }
                self.line(ManPage.escape(line.trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    mutating func arguments(_ arguments: [ToolHelp.Argument]) {
        for argument in arguments {
            text += ".TP\n"
            line("\\fB" + ManPage.option(argument.synopsis) + "\\fR")
            var about = argument.abstract ?? ""
            if let values = argument.allValues, !values.isEmpty, argument.kind != .flag {
                about += (about.isEmpty ? "" : " ") + "One of: " + values.joined(separator: ", ") + "."
            }
            if let value = argument.defaultValue, !value.isEmpty, argument.kind != .flag {
                about += (about.isEmpty ? "" : " ") + "Default: " + value + "."
            }
            if argument.isRepeating && argument.kind != .positional {
                about += (about.isEmpty ? "" : " ") + "May be repeated."
            }
            if !about.isEmpty { paragraphs(about) }
            if let discussion = argument.discussion, !discussion.isEmpty {
                text += ".IP\n"
                paragraphs(discussion)
            }
        }
    }

    mutating func command(_ command: ToolHelp.Command, path: [String]) {
        let full = path + [command.commandName]
        request("SS", full.joined(separator: " "))
        if let abstract = command.abstract, !abstract.isEmpty { paragraphs(abstract) }
        if let discussion = command.discussion, !discussion.isEmpty {
            text += ".PP\n"
            paragraphs(discussion)
        }
        // Every command repeats the root's --help and --version; the page says them once, at the top.
        let arguments = ManPage.visible(command.arguments).filter { argument in
            argument.names?.contains { $0.name == "help" || $0.name == "version" } != true
        }
        if !arguments.isEmpty {
            text += ".RS\n"
            self.arguments(arguments)
            text += ".RE\n"
        }
        for subcommand in ManPage.visible(command.subcommands) { self.command(subcommand, path: full) }
    }
}
