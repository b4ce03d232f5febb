import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// `jibang export`: the whole programme record as CSV, JSON or GeoJSON.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Export the programme record as csv, json (lossless, re-importable), geojson (a point per site) or kml (Google Earth, QGIS).")

    @Option(help: "csv, json, geojson or kml (a folder per wave, a placemark per site with its timeline and sources).")
    var format: ProgrammeFormat = .json
    @OptionGroup var phases: PhaseOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let gazetteer = try BundledData.gazetteer()
            let db = try await store.open()
            let sites = try await db.sites()
            let text = format.write(
                sites, gazetteer: gazetteer, asOf: try phases.day(), provenance: StoreState.describe(sites, gazetteer: gazetteer))
            if let output {
                do { try text.write(toFile: Console.current.resolve(output), atomically: true, encoding: .utf8) } catch {
                    throw JibangError.storage("cannot write \(output): \(error.localizedDescription)")
                }
                note("wrote \(output)")
            } else {
                emit(text, terminator: "")
            }
        }
    }
}
