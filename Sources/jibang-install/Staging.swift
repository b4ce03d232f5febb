import Foundation
import JibangInstall

/// A file the installer writes: its bytes, and whether it is a program.
struct StagedFile {
    let contents: Data
    let executable: Bool
}

/// Everything one install puts under its prefix, gathered before anything is written: the
/// binary, the man page and completions generated from that binary, and the licence and
/// attribution files.
struct Staging {
    let layout: InstallLayout
    /// Relative path → file.
    private(set) var files: [String: StagedFile] = [:]
    /// What `jibang --version` printed.
    let versionLine: String

    init(binary: String, package: URL, scratch: URL, layout: InstallLayout) throws(InstallError) {
        self.layout = layout
        versionLine = try Shell.text(binary, ["--version"])
        files[layout.binary] = StagedFile(contents: try Staging.withoutDebugInfo(binary), executable: true)

        let help = try ToolHelp.decode(try Shell.capture(binary, ["--experimental-dump-help"]))
        let release = versionLine.split(separator: " ").first.map(String.init) ?? versionLine
        let day = Staging.buildDay(versionLine)
        var page = Data(ManPage.render(help, version: release, date: day).utf8)
        if layout.flavour == .debian { page = try Shell.capture("gzip", ["-9n", "-c"], input: page) }
        files[layout.manPage] = StagedFile(contents: page, executable: false)

        for (shell, path) in layout.completions {
            let script = try Shell.capture(binary, ["--generate-completion-script", shell])
            guard !script.isEmpty else { throw InstallError("\(binary) wrote no \(shell) completion script") }
            files[path] = StagedFile(contents: script, executable: false)
        }

        try addDocumentation(package: package, scratch: scratch)
    }

    /// The licence and attribution files: the bundled data's sources, the README, the
    /// licences (and notices) of the Swift packages compiled into the binary, and a summary.
    private mutating func addDocumentation(package: URL, scratch: URL) throws(InstallError) {
        let documents = [
            ("README.md", "README.md"),
            ("Sources/JibangCore/Resources/Bundled/SOURCES.md", "data-sources.md"),
            ("Sources/JibangCore/Resources/Bundled/divisions-sources.md", "divisions-sources.md"),
            ("Sources/JibangAnalytics/Resources/Bundled/SOURCES.md", "events-sources.md"),
        ]
        for (source, name) in documents {
            guard let data = FileManager.default.contents(atPath: package.appending(path: source).path) else {
                throw InstallError("\(source) is missing from the checkout at \(package.path); run from a complete clone of Jibang")
            }
            files[layout.documentation + "/" + name] = StagedFile(contents: data, executable: false)
        }
        var linked: [String] = []
        let checkouts = scratch.appending(path: "checkouts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkouts.path)) ?? []
        for name in names.sorted() {
            let folder = checkouts.appending(path: name)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let legal = entries.filter { $0.uppercased().hasPrefix("LICENSE") || $0.uppercased().hasPrefix("NOTICE") }.sorted()
            guard !legal.isEmpty else { continue }
            linked.append(name)
            for entry in legal {
                guard let data = FileManager.default.contents(atPath: folder.appending(path: entry).path) else { continue }
                files[layout.documentation + "/third-party/\(name)/\(entry)"] = StagedFile(contents: data, executable: false)
            }
        }
        guard !linked.isEmpty else {
            throw InstallError("found no package checkouts in \(checkouts.path) to take the licences of the linked libraries from; build first")
        }
        files[layout.documentation + "/copyright"] = StagedFile(contents: Data(Staging.copyright(linked: linked).utf8), executable: false)
    }

    /// The binary without its debug information (about a third of a release build's size); the
    /// symbol names stay, so a crash report still names functions. Unchanged without `strip`.
    static func withoutDebugInfo(_ binary: String) throws(InstallError) -> Data {
        var path = binary
        let stripped = FileManager.default.temporaryDirectory.appending(path: "jibang-stripped-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: stripped) }
        if Shell.has("strip") {
            try Shell.run("strip", ["--strip-debug", "-o", stripped.path, binary])
            path = stripped.path
        } else {
            print("strip (binutils) is not on the PATH: installing the binary with its debug information")
        }
        guard let contents = FileManager.default.contents(atPath: path) else { throw InstallError("cannot read the binary \(path)") }
        return contents
    }

    /// "built 2026-11-30" from the version line, or "unknown".
    static func buildDay(_ versionLine: String) -> String {
        guard let range = versionLine.range(of: "built ") else { return "unknown" }
        return String(versionLine[range.upperBound...].prefix { $0 != ")" && $0 != "," })
    }

    /// The licence summary, in Debian's machine-readable copyright format.
    static func copyright(linked: [String]) -> String {
        """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: Jibang
        Comment: The Jibang source code does not carry a licence yet: ask its authors before
         redistributing it. The bundled data and the Swift packages compiled into the binary
         carry the licences below; their texts are in this folder.

        Files: *
        Copyright: the Jibang developers
        License: none-chosen-yet
         The Jibang developers have not yet chosen a licence for the source code.

        Files: Sources/JibangCore/Resources/Bundled/divisions.csv
        Copyright: open-admin-data contributors, and the Jibang developers
        License: CC-BY-4.0
         Built from open-admin-data, North Korea administrative divisions,
         https://github.com/open-admin-data/north-korea-administrative-divisions, and public
         reference works; see divisions-sources.md and data-sources.md.

        Files: Sources/JibangCore/Resources/Bundled/20x10-sites.csv Sources/JibangAnalytics/Resources/Bundled/events.csv
        Copyright: facts compiled from public news reports, each row citing its source
        License: attribution-by-row
         Each row names its source; see data-sources.md and events-sources.md.

        Files: Sources/JibangCharts/Charts/CountryOutline.swift
        Copyright: Natural Earth
        License: public-domain
         Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.

        Files: Swift runtime
        Copyright: Apple Inc. and the Swift project authors
        License: Apache-2.0 WITH Swift-exception
         The Swift standard library and Foundation are linked statically.

        Files: \(linked.joined(separator: " "))
        Copyright: see each package's licence and notice in third-party/
        License: see third-party/PACKAGE/LICENSE*
         Swift packages compiled into the binary.

        """
    }
}
