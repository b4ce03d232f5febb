import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang release create|list|diff|write`: named, immutable versions of the programme record.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Freeze the programme record as a named, immutable release, and compare releases.",
        discussion: """
            A release is kept in the store (every server of a team sees the same ones) and written to a folder: \
            programme.csv, .json, .geojson and .kml, CHANGELOG.md (since the previous release) and manifest.json \
            (counts, the SHA-256 of every file, the Jibang version, the creation time).
            """,
        subcommands: [Create.self, List.self, Diff.self, Write.self])

    /// Writes `release`'s folder (`out`, or releases/NAME), its changelog against the release
    /// before it in `all`; returns the folder and the number of files.
    static func writeFolder(_ release: Release, all: [Release], out: String?) throws -> (folder: String, files: Int) {
        let folder = out ?? "releases/\(release.name)"
        let index = all.firstIndex { $0.name == release.name }
        let previous = index.flatMap { $0 > 0 ? all[$0 - 1] : nil }
        let files = ReleaseFiles.contents(
            release, previous: previous, gazetteer: try BundledData.gazetteer(), sha256: { SQLiteStore.sha256(Data($0.utf8)) })
        let path = Console.current.resolve(folder)
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw JibangError.storage("cannot create \(folder): \(error.localizedDescription)")
        }
        for file in files { try writeFile("\(folder)/\(file.name)", file.text) }
        return (folder, files.count)
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze the record as it stands under NAME and write the release folder.",
            discussion: "Example: jibang release create 2026-11 --notes \"2025 inaugurations dated\"")
        @Argument(help: "The release's name: letters, digits, '.', '-', '_' (2026-11, v1.2).")
        var name: String
        @Option(help: "What the release is, for the changelog and the list.")
        var notes: String?
        @Option(help: ArgumentHelp("The folder to write (default: releases/NAME).", valueName: "dir"))
        var out: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let db = try await store.open()
                let release = try await db.createRelease(name: name, notes: notes, jibangVersion: JibangVersion.current)
                let (folder, count) = try ReleaseCommand.writeFolder(release, all: try await db.releases(), out: out)
                let counts = release.summary.counts
                JibangCLI.note(
                    "release \(release.name): \(counts.waveSites) wave sites, \(counts.associatedProjects) associated projects, \(counts.milestones) milestones, \(counts.sources) sources; \(count) files in \(folder)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the releases, oldest first.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await reportingErrors {
                let summaries = try await store.open().releases().map(\.summary)
                switch output.format {
                case .json: emit(ProgrammeJSON.encode(summaries).trimmingCharacters(in: .newlines))
                case .csv:
                    emit(
                        ([CSVLine.join(["name", "created_at", "wave_sites", "associated_projects", "milestones", "sources", "notes"])]
                            + summaries.map {
                                CSVLine.join([
                                    $0.name, $0.createdAt, String($0.counts.waveSites), String($0.counts.associatedProjects),
                                    String($0.counts.milestones),
                                    String($0.counts.sources), $0.notes ?? "",
                                ])
                            }).joined(separator: "\n"))
                case .table:
                    var table = TextTable(["release", "created", "wave sites", "associated", "milestones", "sources", "notes"])
                    for s in summaries {
                        table.add([
                            s.name, s.createdAt, String(s.counts.waveSites), String(s.counts.associatedProjects), String(s.counts.milestones),
                            String(s.counts.sources), s.notes ?? "",
                        ])
                    }
                    emit(table.render())
                    if summaries.isEmpty { note("no release yet; `jibang release create NAME` makes one") }
                }
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The changelog between two releases (Markdown, or --format json); `current` is the record as it stands.",
            discussion: "Example: jibang release diff 2026-10 current")
        @Argument(help: "The earlier release.")
        var from: String
        @Argument(help: "The later release, or current.")
        var to: String
        @OptionGroup var store: StoreOptions
        @Option(help: "markdown or json.")
        var format: String = "markdown"

        func validate() throws {
            guard ["markdown", "json"].contains(format) else { throw ValidationError("--format must be markdown or json; found \(format)") }
        }

        func run() async throws {
            try await reportingErrors {
                let db = try await store.open()
                let diff = ReleaseDiff(
                    from: from, try await db.record(named: from), to: to, try await db.record(named: to), gazetteer: try BundledData.gazetteer())
                emit(
                    format == "json" ? ProgrammeJSON.encode(diff).trimmingCharacters(in: .newlines) : diff.markdown,
                    terminator: format == "json" ? "\n" : "")
            }
        }
    }

    struct Write: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a stored release's folder again (on another machine of the team, or after losing it).")
        @Argument(help: "The release.")
        var name: String
        @Option(help: ArgumentHelp("The folder to write (default: releases/NAME).", valueName: "dir"))
        var out: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let db = try await store.open()
                let release = try await db.release(named: name)
                let (folder, count) = try ReleaseCommand.writeFolder(release, all: try await db.releases(), out: out)
                JibangCLI.note("wrote \(count) files of release \(release.name) to \(folder)")
            }
        }
    }
}
