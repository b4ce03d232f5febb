import ArgumentParser
import Foundation
import JibangAnalytics
import JibangBase
import JibangCharts
import JibangCore
import JibangCorpus
import JibangStore

/// `jibang report --out DIR`: the study's figures, their numbers and a methods note.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the study's figures (SVG), a CSV for every number in them, and methods.md, into a folder.",
        discussion: """
            Figures: 1 indicators; 2 regional economy vs defence industry per period by outlet; 3 defence science; \
            4 the two groups against each other, with r, ρ, p and intervals. The same corpus and options give \
            byte-identical files; methods.md says how to regenerate them.
            """)

    @Option(help: ArgumentHelp("Folder for the files (created when missing; files of the same name are replaced).", valueName: "dir"))
    var out: String
    @OptionGroup var series: SeriesOptions
    @Option(help: "The regional-economy group (name or query).")
    var regional = "regional-economy"
    @Option(help: "The defence-industry group.")
    var defence = "defence-industry"
    @Option(help: "The defence-science group.")
    var science = "defence-science"
    @OptionGroup var lags: LagOptions
    @Flag(help: "Also convert each SVG to PNG with rsvg-convert, when it is installed.")
    var png = false
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var query: CorpusQueryOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let lexicon = try query.loadLexicon()
            let groups = try [regional, defence, science].map { try lexicon.group($0) }
            guard Set(groups.map(\.name)).count == 3 else {
                throw JibangError.invalidInput(InputLocation(file: "arguments"), "--regional, --defence and --science must be three different groups")
            }
            let indicators = try await store.open().indicators()
            let (result, corpus) = try await query.trend(groups, series: series, store: store)
            let fingerprint = try corpus.fingerprint()
            let mixes = [
                MixChange.warning(MixChange.outletChanges(in: result), of: "outlets", advice: "the figures mix sources there"),
                MixChange.warning(
                    MixChange.changes(try query.languages(series: series, corpus: corpus)), of: "languages",
                    advice: "the figures count texts in different languages together there"),
            ]
            for warning in mixes.compactMap(\.self) { note(warning) }
            var filters = query.outlet.map { "outlet \($0)" }
            if let from = query.from { filters.append("from \(from)") }
            if let to = query.to { filters.append("to \(to)") }
            let options = query.matchOptions
            let report = StudyReport(
                trend: result, regional: groups[0].name, defence: groups[1].name, science: groups[2].name, indicators: indicators,
                events: try analysis.loadEvents(), value: analysis.value(for: result), smoothing: analysis.smooth, peakFinder: analysis.peakFinder,
                maxLag: lags.lag,
                provenance: .init(
                    software: "jibang \(Jibang.configuration.version)", command: Self.commandLine(), corpusDocuments: fingerprint.documents,
                    corpusFingerprint: fingerprint.hash, lexiconVersion: lexicon.version, filters: filters),
                peakDocuments: { name, outlet, label in
                    guard let group = groups.first(where: { $0.name == name }), let period = series.by.period(label: label) else { return [] }
                    let outlets = outlet == "all" ? query.outlet : [outlet]
                    return
                        (try? corpus.documents(matching: group, period: period, by: series.by, options: options, outlets: outlets, limit: 3).map(\.id))
                        ?? []
                })
            let files = try report.files()
            do { try FileManager.default.createDirectory(atPath: Console.current.resolve(out), withIntermediateDirectories: true) } catch {
                throw JibangError.storage("cannot create the folder \(out): \(error.localizedDescription)")
            }
            for file in files { try writeFile(out + "/" + file.name, file.contents) }
            var written = files.map(\.name)
            if png { written += try convertToPNG(files.map(\.name).filter { $0.hasSuffix(".svg") }) }
            note("wrote \(written.count) files to \(out): \(written.joined(separator: ", "))")
        }
    }

    /// Converts SVGs with rsvg-convert when it is on the PATH; says so when it is not.
    func convertToPNG(_ svgs: [String]) throws -> [String] {
        let paths = (Console.current.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let tool = paths.map({ "\($0)/rsvg-convert" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            note("--png: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin); the SVG files are written")
            return []
        }
        var written: [String] = []
        for svg in svgs {
            let png = String(svg.dropLast(4)) + ".png"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            let folder = Console.current.resolve(out)
            process.arguments = ["--zoom", "2", "-o", folder + "/" + png, folder + "/" + svg]
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus == 0 { written.append(png) } else { note("rsvg-convert failed on \(svg)") }
        }
        return written
    }

    /// The command as typed, without the executable's path, quoted for a POSIX shell.
    static func commandLine() -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        let words = (Console.current.arguments ?? Array(CommandLine.arguments.dropFirst())).map { word in
            word.allSatisfy(safe.contains) && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return (["jibang"] + words).joined(separator: " ")
    }
}
