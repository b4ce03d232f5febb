import Foundation
import JibangInstall
import Testing

/// The man page is written from ArgumentParser's help dump; this dump is written by hand in
/// its format (serialization version 0), so the expectations do not come from the renderer.
@Suite struct ManPageTests {
    static let dump = #"""
        {"serializationVersion": 0, "command": {
          "commandName": "tool", "abstract": "Counts things.",
          "discussion": "First paragraph.\n\n.dot starts this line; a back\\slash too.",
          "arguments": [
            {"kind": "flag", "names": [{"kind": "long", "name": "version"}], "abstract": "Show the version.",
             "isOptional": true, "isRepeating": false, "shouldDisplay": true},
            {"kind": "flag", "names": [{"kind": "long", "name": "secret"}], "abstract": "Hidden.",
             "isOptional": true, "isRepeating": false, "shouldDisplay": false}
          ],
          "subcommands": [
            {"commandName": "sites", "abstract": "List 20×10 sites (지방).", "shouldDisplay": true, "arguments": [
              {"kind": "option", "names": [{"kind": "long", "name": "format"}], "valueName": "format",
               "abstract": "Output format.", "allValues": ["table", "json"], "defaultValue": "table",
               "isOptional": true, "isRepeating": false, "shouldDisplay": true},
              {"kind": "option", "names": [{"kind": "short", "name": "o"}, {"kind": "long", "name": "out-file"}],
               "valueName": "path", "abstract": "Where to write.", "isOptional": true, "isRepeating": true, "shouldDisplay": true},
              {"kind": "positional", "valueName": "place", "abstract": "A place.", "isOptional": false, "isRepeating": false},
              {"kind": "flag", "names": [{"kind": "short", "name": "h"}, {"kind": "long", "name": "help"}],
               "abstract": "Show help information.", "isOptional": true, "isRepeating": false, "shouldDisplay": true}
            ]},
            {"commandName": "corpus", "abstract": "Corpus tools.", "subcommands": [
              {"commandName": "stats", "abstract": "Corpus statistics.", "discussion": "Line one\nline two"}
            ]},
            {"commandName": "internal", "abstract": "Not shown.", "shouldDisplay": false},
            {"commandName": "help", "abstract": "Show subcommand help information."}
          ]}}
        """#

    func page() throws -> String {
        ManPage.render(try ToolHelp.decode(Data(Self.dump.utf8)), version: "0.1.0", date: "2026-11-30")
    }

    @Test func titleNameAndSynopsis() throws {
        let lines = try page().split(separator: "\n").map(String.init)
        #expect(lines.first == #".TH "TOOL" "1" "2026-11-30" "tool 0.1.0" "Tool manual""#)
        #expect(lines.contains(".SH \"NAME\""))
        #expect(lines.contains(#"tool \- Counts things."#))
        #expect(lines.contains(#"\fBtool\fR \fIcommand\fR [\fIoptions\fR]"#))
    }

    @Test func textThatRoffWouldReadAsRequestsIsEscaped() throws {
        let text = try page()
        // A discussion line starting with a dot must not become a request; backslashes print.
        #expect(text.contains("\n\\&.dot starts this line; a back\\eslash too.\n"))
        #expect(!text.contains("\n.dot"))
        #expect(text.contains("First paragraph.\n.PP\n"))
    }

    @Test func optionsWithValuesDefaultsAndRepetition() throws {
        let text = try page()
        #expect(text.contains(".TP\n\\fB\\-\\-format <format>\\fR\nOutput format. One of: table, json. Default: table.\n"))
        #expect(text.contains(".TP\n\\fB\\-o, \\-\\-out\\-file <path>\\fR\nWhere to write. May be repeated.\n"))
        #expect(text.contains(".TP\n\\fB<place>\\fR\nA place.\n"))
        #expect(text.contains(".TP\n\\fB\\-\\-version\\fR\nShow the version.\n"))
    }

    @Test func hiddenThingsAndHelpAreLeftOut() throws {
        let text = try page()
        #expect(!text.contains("secret"))
        #expect(!text.contains("internal"))
        #expect(!text.contains("\"tool help\""))
        // Each command's own --help is not repeated under it.
        #expect(!text.contains("Show help information."))
    }

    @Test func nestedCommandsUnderTheirFullNames() throws {
        let text = try page()
        // Beyond ASCII, characters are named, so groff needs no preprocessor to read them.
        #expect(text.contains(".SS \"tool sites\"\nList 20\\[u00D7]10 sites (\\[uC9C0]\\[uBC29]).\n"))
        #expect(text.contains(".SS \"tool corpus\"\nCorpus tools.\n"))
        #expect(text.contains(".SS \"tool corpus stats\"\nCorpus statistics.\n.PP\nLine one\n.br\nline two\n"))
        let sites = try #require(text.range(of: "tool sites"))
        let corpus = try #require(text.range(of: "tool corpus stats"))
        #expect(sites.lowerBound < corpus.lowerBound)
    }

    @Test func otherDumpFormatsAreRefused() {
        #expect(throws: InstallError.self) { try ToolHelp.decode(Data(#"{"serializationVersion": 1, "command": {"commandName": "x"}}"#.utf8)) }
        #expect(throws: InstallError.self) { try ToolHelp.decode(Data("not json".utf8)) }
    }

    /// groff, when the machine has it, reads the page without a warning and prints its text.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff")))
    func groffReadsThePage() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        process.arguments = ["-man", "-Tutf8", "-ww"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(try page().utf8))
        try input.fileHandleForWriting.close()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(warnings.isEmpty, "groff: \(warnings)")
        // Bold and underline come as overstrikes or terminal escapes; hyphens as Unicode minus.
        let flat = printed.replacing(try Regex(".\u{8}"), with: "").replacing(try Regex("\u{1B}\\[[0-9;]*m"), with: "")
            .replacing(try Regex("[\u{2010}\u{2212}]"), with: "-")
        #expect(flat.contains("tool - Counts things."))
        #expect(flat.contains(".dot starts this line; a back\\slash too."))
        #expect(flat.contains("-o, --out-file <path>"))
        #expect(flat.contains("List 20×10 sites (지방)."))
    }
}
