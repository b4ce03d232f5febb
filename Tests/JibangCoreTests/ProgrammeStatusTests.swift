import Foundation
import JibangCSV
import JibangCore
import Testing

/// Status figures on the bundled record, checked against counts computed here straight from
/// the CSV text with plain string handling — not with the importer or the status code.
@Suite struct ProgrammeStatusTests {
    struct Row {
        let stage: String, province: String, place: String, event: String, date: String, role: String
    }

    /// An independent reading of 20x10-sites.csv: one row per place mention at a wave site (a
    /// place any of whose rows in the stage says `associated` is an associated project, not
    /// counted).
    static func independentRows() throws -> [Row] {
        let all = try everyRow()
        let associated = Set(all.filter { $0.role == "associated" }.map { "\($0.stage)|\($0.place)" })
        return all.filter { !associated.contains("\($0.stage)|\($0.place)") }
    }

    /// Every row, associated projects included.
    static func everyRow() throws -> [Row] {
        let table = try CSVTable(parsing: try BundledData.programmeCSV())
        func col(_ name: String) -> Int { table.column(name)! }
        var rows: [Row] = []
        for r in table.rows {
            let f = r.fields
            let stage: String =
                f[col("year_wave")].hasPrefix("pilot") ? "pilot" : f[col("year_wave")].hasPrefix("pre-2024") ? "precursor-2023" : f[col("year_wave")]
            let places = f[col("city_county")].split(separator: ";").map { name in
                String(name.split(separator: "(")[0]).trimmingCharacters(in: .whitespaces)
            }
            var provinces = f[col("province")].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            if provinces.count == 1 { provinces = Array(repeating: provinces[0], count: places.count) }
            let event = String(f[col("event")].split(separator: " ")[0])
            for (place, province) in zip(places, provinces) {
                // A place is its name within its province: Unsan County is in North and in South Phyongan.
                rows.append(
                    Row(
                        stage: stage, province: province, place: "\(place), \(province)", event: event, date: f[col("date")],
                        role: f[col("role")]))
            }
        }
        return rows
    }

    static func dayNumber(_ text: String) -> Int? {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text).map { Int($0.timeIntervalSince1970 / 86_400) }
    }

    let gazetteer = try! BundledData.gazetteer()

    func status() throws -> ProgrammeStatus {
        let sites = try BundledProgramme.entries().sites()
        return ProgrammeStatus(sites: sites, gazetteer: gazetteer)
    }

    @Test func perStageCountsMatchAPlainScan() throws {
        let rows = try Self.independentRows()
        let status = try status()
        #expect(status.waves.map(\.stageId) == ["pilot", "precursor-2023", "2024", "2025", "2026"])
        for wave in status.waves {
            let inStage = rows.filter { $0.stage == wave.stageId }
            let places = Set(inStage.map(\.place))
            let broken = Set(inStage.filter { $0.event == "groundbreaking" }.map(\.place))
            let opened = Set(inStage.filter { $0.event == "inauguration" }.map(\.place))
            #expect(wave.sites == places.count, "\(wave.stageId) sites")
            #expect(wave.groundbreakings == broken.count, "\(wave.stageId) groundbreakings")
            #expect(wave.inaugurations == opened.count, "\(wave.stageId) inaugurations")
            #expect(wave.withoutDatedInauguration.count == places.subtracting(opened).count)
        }
        let expectedTargets: [String: Int?] = ["pilot": 1, "precursor-2023": 4, "2024": 20, "2025": 20, "2026": 20]
        for wave in status.waves { #expect(wave.target == expectedTargets[wave.stageId]!) }
    }

    @Test func medianDaysUseOnlyDayPreciseDates() throws {
        let rows = try Self.independentRows()
        let status = try status()
        for wave in status.waves {
            var durations: [Int] = []
            for place in Set(rows.filter { $0.stage == wave.stageId }.map(\.place)) {
                let mine = rows.filter { $0.stage == wave.stageId && $0.place == place }
                guard let start = mine.filter({ $0.event == "groundbreaking" }).compactMap({ Self.dayNumber($0.date) }).min(),
                    let end = mine.filter({ $0.event == "inauguration" }).compactMap({ Self.dayNumber($0.date) }).filter({ $0 >= start }).min()
                else { continue }
                durations.append(end - start)
            }
            durations.sort()
            let median: Double? =
                durations.isEmpty
                ? nil
                : durations.count % 2 == 1
                    ? Double(durations[durations.count / 2])
                    : Double(durations[durations.count / 2 - 1] + durations[durations.count / 2]) / 2
            #expect(wave.medianDaysToInauguration == median, "\(wave.stageId)")
            #expect(wave.timedSites == durations.count)
        }
        // Songchon: ground broken 2024-02-28, inaugurated 2024-12-20 — the only 2024 site known to the day at both ends.
        #expect(status.waves.first { $0.stageId == "2024" }?.medianDaysToInauguration == 296)
    }

    @Test func cumulativeCoverageAndProvinces() throws {
        let rows = try Self.independentRows().filter { Int($0.stage) != nil }
        let status = try status()
        var seen = Set<String>()
        for wave in status.waves where wave.stage == "20x10" {
            seen.formUnion(rows.filter { $0.stage == wave.stageId }.map(\.place))
            #expect(wave.cumulativeDivisions == seen.count)
        }
        #expect(status.covered == seen.count)
        #expect(status.target == 200)
        #expect(status.divisionsInGazetteer == 200)
        for province in status.provinces {
            let expected = Set(rows.filter { $0.province.replacingOccurrences(of: " City", with: "") == province.name }.map(\.place))
            #expect(province.covered == expected.count, "\(province.name)")
        }
    }

    @Test func filtersByYearAndProvince() throws {
        let sites = try BundledProgramme.entries().sites()
        let northPhyongan = try gazetteer.resolveProvince("North Phyongan")
        let status = ProgrammeStatus(sites: sites, gazetteer: gazetteer, year: 2025, provinceID: northPhyongan.id)
        let rows = try Self.independentRows().filter { $0.stage == "2025" && $0.province == "North Phyongan" }
        #expect(status.waves.map(\.stageId) == ["2025"])
        #expect(status.waves.first?.sites == Set(rows.map(\.place)).count)
        #expect(status.provinces.map(\.provinceId) == [northPhyongan.id])
    }

    /// Issue 15: each wave reads its 20 cities and counties plus its associated projects.
    @Test func associatedProjectsAreShownNotCounted() throws {
        let status = try status()
        let all = try Self.everyRow()
        for year in ["2024", "2025"] {
            let wave = try #require(status.waves.first { $0.stageId == year })
            #expect(wave.sites == 20, "\(year)")
            let associated = Set(all.filter { $0.stage == year && $0.role == "associated" }.map { String($0.place.split(separator: ",")[0]) })
            #expect(Set(wave.associatedProjects) == associated, "\(year)")
            #expect(!associated.isEmpty)
        }
        #expect(status.roleDisputes.map(\.place) == ["Rakwon County"])
        #expect(status.roleDisputes.first?.readings.map(\.role) == [.associated, .wave])
    }

    @Test func emptyWavesAreListedUpToTheYearAsked() throws {
        let status = ProgrammeStatus(sites: [], gazetteer: gazetteer, throughYear: 2027)
        #expect(status.waves.map(\.stageId) == ["2024", "2025", "2026", "2027"])
        #expect(status.waves.allSatisfy { $0.sites == 0 && $0.medianDaysToInauguration == nil })
    }
}
