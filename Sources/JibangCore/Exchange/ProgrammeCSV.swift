import Foundation
public import JibangBase
import JibangCSV

/// Reads and writes the programme CSV: the shape of the bundled `20x10-sites.csv` (one row per
/// site and event), plus optional columns Jibang's own export adds.
///
/// A row may name several places (`Kaesong City; Jaeryong County`, with matching Korean names
/// and one province or one per place): it becomes one milestone per place with the same
/// sources. Sources are the row's `source_url` and every address in its notes. Places resolve
/// in the row's province, by Hangul first, then by English name (text in parentheses is a
/// comment: "Unsan County (은산)").
public enum ProgrammeCSV {
    /// Columns every file needs.
    public static let requiredColumns = ["year_wave", "province", "city_county", "korean_name", "event", "date", "source_url"]
    /// Columns Jibang reads when present (its export writes all of them).
    public static let optionalColumns = [
        "facility_types", "notes", "division_id", "status", "actors", "more_sources",
        "source_outlet", "source_title", "source_published", "source_language", "source_quote", "role", "role_readings",
    ]
    /// The export's column order: the bundled file's columns, then Jibang's.
    public static let exportColumns: [String] =
        Array(requiredColumns.prefix(6)) + ["facility_types", "source_url", "notes"]
        + ["division_id", "status", "actors", "more_sources", "source_outlet", "source_title", "source_published", "source_language", "source_quote"]
        + ["grade", "date_readings", "role", "role_readings"]

    /// Reads every row into entries, or throws every problem found (up to 50), each naming
    /// file, line, column and field. Duplicates inside the file are problems too.
    public static func read(_ text: String, file: String, gazetteer: Gazetteer) throws(JibangError) -> [ProgrammeEntry] {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            throw .invalidInput(InputLocation(file: file, line: error.line, column: error.column), error.reason)
        }
        let missing = requiredColumns.filter { table.column($0) == nil }
        if !missing.isEmpty {
            throw .invalidInput(
                InputLocation(file: file, line: 1),
                "missing column(s) \(missing.joined(separator: ", ")); expected a header with \(requiredColumns.joined(separator: ",")) as in 20x10-sites.csv"
            )
        }
        var entries: [ProgrammeEntry] = []
        var problems: [JibangError] = []
        for row in table.rows {
            do {
                entries += try readRow(row, table: table, file: file, gazetteer: gazetteer)
            } catch {
                problems.append(error)
                if problems.count >= 50 { break }
            }
        }
        do { try entries.checkNoDuplicates() } catch { problems.append(error) }
        do { try entries.checkRolesAgree() } catch { problems.append(error) }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw .several(problems) }
        return entries
    }

    static func readRow(_ row: CSVTable.Row, table: CSVTable, file: String, gazetteer: Gazetteer) throws(JibangError) -> [ProgrammeEntry] {
        func field(_ name: String) -> (value: String, at: InputLocation) {
            let index = table.column(name)
            let value = index.map { row.fields[$0].trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            return (value, InputLocation(file: file, line: row.line, column: index.map { $0 + 1 }, field: name))
        }
        let stage = try FieldRules.stage(field("year_wave").value, at: field("year_wave").at)
        let (kind, detail) = try FieldRules.kind(field("event").value, at: field("event").at)
        let date = try FieldRules.date(field("date").value, at: field("date").at)
        let status = try FieldRules.status(field("status").value, at: field("status").at)
        let notes = field("notes").value
        let primary = Source(
            url: try FieldRules.url(field("source_url").value, at: field("source_url").at),
            outlet: nonEmpty(field("source_outlet").value) ?? Source.host(of: field("source_url").value),
            title: nonEmpty(field("source_title").value),
            published: try FieldRules.day(field("source_published").value, at: field("source_published").at),
            language: nonEmpty(field("source_language").value),
            quote: nonEmpty(field("source_quote").value))
        var sources = [primary]
        for url in FieldRules.webAddresses(in: notes) + FieldRules.webAddresses(in: field("more_sources").value)
        where !sources.contains(where: { $0.url == url }) {
            sources.append(Source(url: url, outlet: Source.host(of: url)))
        }
        let actors =
            table.column("actors") != nil
            ? try FieldRules.actors(field("actors").value, at: field("actors").at)
            : ActorCatalogue.actors(namedIn: notes)
        let milestone = Milestone(
            kind: kind, date: date, status: status, detail: detail, facilities: field("facility_types").value,
            note: nonEmpty(notes), actors: actors, sources: sources)

        let role = try FieldRules.role(field("role").value, at: field("role").at)
        let roleReadings = try FieldRules.roleReadings(field("role_readings").value, at: field("role_readings").at)
        let divisions = try places(
            names: field("city_county"), koreanNames: field("korean_name"), provinces: field("province"),
            ids: field("division_id"), gazetteer: gazetteer)
        return divisions.map {
            ProgrammeEntry(
                stageID: stage.id, divisionID: $0.id, milestone: milestone, origin: InputLocation(file: file, line: row.line), role: role,
                roleReadings: roleReadings)
        }
    }

    /// Resolves the row's place list to divisions, each within its province.
    static func places(
        names: (value: String, at: InputLocation), koreanNames: (value: String, at: InputLocation),
        provinces: (value: String, at: InputLocation), ids: (value: String, at: InputLocation), gazetteer: Gazetteer
    ) throws(JibangError) -> [Division] {
        let english = list(names.value)
        guard !english.isEmpty else { throw .invalidInput(names.at, "no place given; expected a city, county or district name") }
        let korean = koreanNames.value.isEmpty ? Array(repeating: "", count: english.count) : list(koreanNames.value)
        var provinceNames = list(provinces.value)
        if provinceNames.count == 1 { provinceNames = Array(repeating: provinceNames[0], count: english.count) }
        let givenIDs = list(ids.value)
        guard korean.count == english.count, provinceNames.count == english.count, givenIDs.isEmpty || givenIDs.count == english.count else {
            throw .invalidInput(
                names.at,
                "lists differ in length: \(english.count) places, \(korean.count) Korean names, \(provinceNames.count) provinces; expected one of each per place, separated by \";\""
            )
        }
        var divisions: [Division] = []
        for i in english.indices {
            if !givenIDs.isEmpty {
                guard let division = gazetteer.division(id: givenIDs[i]) else {
                    throw .invalidInput(
                        ids.at,
                        "found division id \"\(givenIDs[i])\", expected a gazetteer id such as KP0409 (the place lookup shows each place's id)")
                }
                divisions.append(division)
                continue
            }
            let province = try gazetteer.resolveProvince(provinceNames[i], at: provinces.at)
            let inProvince = { (d: Division) in d.provinceID == province.id || d.id == province.id }
            if !korean[i].isEmpty, case let .found(matches) = gazetteer.lookup(korean[i]) {
                let local = matches.filter(inProvince)
                if local.count == 1 {
                    divisions.append(local[0])
                    continue
                }
            }
            let name = withoutParentheses(english[i])
            switch gazetteer.lookup(name) {
            case let .found(matches) where matches.filter(inProvince).count == 1:
                divisions.append(matches.filter(inProvince)[0])
            case let .found(matches) where !matches.filter(inProvince).isEmpty:
                throw .ambiguousPlace(names.at, english[i], candidates: matches.filter(inProvince).map(gazetteer.label))
            case let .found(matches):
                throw .unknownPlace(names.at, "\(english[i]) in \(province.nameKCNA)", suggestions: matches.map(gazetteer.label))
            case let .notFound(suggestions):
                throw .unknownPlace(names.at, english[i], suggestions: suggestions.map(gazetteer.label))
            }
        }
        return divisions
    }

    // MARK: - Writing

    /// The sites as CSV in `exportColumns` order, one row per milestone, sites in stage and id
    /// order and milestones in timeline order. Reading it back gives the same data, except
    /// that only the first source keeps its outlet, title, date, language and quote (further
    /// sources keep their address); the JSON export keeps everything. `role` and `role_readings`
    /// repeat the site's on each of its rows and are read back. `grade` and
    /// `date_readings` (when the sources disagree: each date with its addresses) are for readers
    /// and are not read back.
    public static func write(_ sites: [Site], gazetteer: Gazetteer) -> String {
        var lines = [CSVWriter.line(Array(exportColumns))]
        for site in ProgrammeRecord.exported(sites) {
            guard let stage = Programme.stage(id: site.stageID), let division = gazetteer.division(id: site.divisionID) else { continue }
            let province = gazetteer.province(of: division)
            for milestone in site.timeline {
                let primary = milestone.sources.first
                let fromNotes = Set(FieldRules.webAddresses(in: milestone.note ?? ""))
                let more = milestone.sources.dropFirst().map(\.url).filter { !fromNotes.contains($0) }
                lines.append(
                    CSVWriter.line([
                        Programme.csvLabel(stage), province?.nameKCNA ?? "", division.englishName, division.nameKo,
                        milestone.eventLabel, milestone.date.description, milestone.facilities, primary?.url ?? "",
                        milestone.note ?? "", division.id, milestone.status.rawValue, FieldRules.actorsText(milestone.actors),
                        more.joined(separator: "; "), primary?.outlet ?? "", primary?.title ?? "",
                        primary?.published?.description ?? "", primary?.language ?? "", primary?.quote ?? "",
                        milestone.grade.rawValue,
                        milestone.dateReadings.map { "\($0.date) (\($0.sources.map(\.url).joined(separator: " ")))" }.joined(separator: "; "),
                        site.role.rawValue, site.roleReadings.map(\.description).joined(separator: "; "),
                    ]))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func withoutParentheses(_ text: String) -> String {
        text.replacing(/\s*\([^)]*\)/, with: "").trimmingCharacters(in: .whitespaces)
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
}
