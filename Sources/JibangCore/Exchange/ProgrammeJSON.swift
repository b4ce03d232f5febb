public import Foundation
public import JibangBase

/// Jibang's own exchange format: every field of every site, milestone, actor and source, so
/// export → import into an empty store reproduces the same data.
///
/// ```json
/// {"format": "jibang-programme", "version": 1,
///  "sites": [{"stage": "2024", "division_id": "KP0717", "name": "Songchon County", …,
///             "milestones": [{"event": "groundbreaking", "date": "2024-02-28", "status": "claimed",
///                             "sources": [{"url": "https://…", "outlet": "kcnawatch.org"}], …}]}]}
/// ```
/// Names and province in a site are for readers; `division_id` decides the place (when it is
/// absent, `name` is looked up).
public enum ProgrammeJSON {
    public static let format = "jibang-programme"
    public static let version = 1

    struct Document: Codable {
        var format: String
        var version: Int
        /// Which record this is ("release 2026-11", "store at audit entry #812"); for readers.
        var provenance: String?
        var sites: [SiteDocument]
    }

    struct SiteDocument: Codable {
        var stage: String
        var divisionId: String?
        var name: String?
        var nameKo: String?
        var province: String?
        /// "wave" or "associated"; absent in files written before roles (read as wave).
        var role: String?
        var roleReadings: [Site.RoleReading]?
        var milestones: [MilestoneDocument]
    }

    struct MilestoneDocument: Codable {
        var event: String
        var date: String
        var status: String?
        var detail: String?
        var facilities: String?
        var note: String?
        var actors: [Actor]?
        var sources: [SourceDocument]?
        /// Written for readers, ignored when read: the best grade of the sources, whether the
        /// date rests on secondary sources only, and the sources' differing dates.
        var grade: String?
        var secondaryOnly: Bool?
        var dateReadings: [Milestone.DateReading]?
    }

    struct SourceDocument: Codable {
        var url: String
        var outlet: String?
        var title: String?
        var published: String?
        var language: String?
        var quote: String?
        /// The date this source gives for the event when it differs from the milestone's.
        var date: String?
    }

    /// The sites as a pretty-printed, key-sorted document (byte-identical for the same data).
    /// `provenance` says which record it is (a release, or the store's state).
    public static func write(_ sites: [Site], gazetteer: Gazetteer, provenance: String? = nil) -> String {
        let document = Document(
            format: format, version: version, provenance: provenance,
            sites: ProgrammeRecord.exported(sites).map { site in
                let division = gazetteer.division(id: site.divisionID)
                return SiteDocument(
                    stage: site.stageID, divisionId: site.divisionID, name: division?.englishName, nameKo: division?.nameKo,
                    province: division.flatMap(gazetteer.province(of:))?.nameKCNA, role: site.role.rawValue,
                    roleReadings: site.roleReadings.isEmpty ? nil : site.roleReadings,
                    milestones: site.timeline.map { m in
                        MilestoneDocument(
                            event: m.kind.rawValue, date: m.date.description, status: m.status.rawValue, detail: m.detail,
                            facilities: m.facilities, note: m.note, actors: m.actors,
                            sources: m.sources.map {
                                SourceDocument(
                                    url: $0.url, outlet: $0.outlet, title: $0.title, published: $0.published?.description, language: $0.language,
                                    quote: $0.quote, date: $0.reading?.description)
                            }, grade: m.grade.rawValue, secondaryOnly: m.restsOnSecondaryOnly,
                            dateReadings: m.datesDisagree ? m.dateReadings : nil)
                    })
            })
        return encode(document)
    }

    /// Reads a document into entries, or throws every problem found, each with its JSON path.
    public static func read(_ data: Data, file: String, gazetteer: Gazetteer) throws(JibangError) -> [ProgrammeEntry] {
        let document: Document
        do {
            document = try decoder.decode(Document.self, from: data)
        } catch let error as DecodingError {
            if case let .dataCorrupted(context) = error, context.codingPath.isEmpty, let syntax = syntaxError(in: data, file: file) {
                throw syntax
            }
            throw .invalidInput(InputLocation(file: file), describe(error))
        } catch {
            throw .invalidInput(InputLocation(file: file), "not valid JSON: \(error.localizedDescription)")
        }
        guard document.format == format else {
            throw .invalidInput(InputLocation(file: file, field: "format"), "found \"\(document.format)\", expected \"\(format)\"")
        }
        guard document.version == version else {
            throw .invalidInput(
                InputLocation(file: file, field: "version"),
                "found version \(document.version), expected \(version); this Jibang reads version \(version)")
        }
        var entries: [ProgrammeEntry] = []
        var problems: [JibangError] = []
        for (i, site) in document.sites.enumerated() {
            do {
                let (stage, division) = try place(site, i: i, file: file, gazetteer: gazetteer)
                let role = try FieldRules.role(site.role ?? "", at: InputLocation(file: file, field: "sites[\(i)].role"))
                for (j, milestone) in site.milestones.enumerated() {
                    do {
                        let at = InputLocation(file: file, field: "sites[\(i)].milestones[\(j)]")
                        entries.append(
                            ProgrammeEntry(
                                stageID: stage.id, divisionID: division.id, milestone: try self.milestone(milestone, at: at), origin: at,
                                role: role, roleReadings: site.roleReadings ?? []))
                    } catch {
                        problems.append(error)
                    }
                }
            } catch {
                problems.append(error)
            }
        }
        do { try entries.checkNoDuplicates() } catch { problems.append(error) }
        do { try entries.checkRolesAgree() } catch { problems.append(error) }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw .several(problems) }
        return entries
    }

    /// The stage and division a site document names.
    static func place(_ site: SiteDocument, i: Int, file: String, gazetteer: Gazetteer) throws(JibangError) -> (Stage, Division) {
        func at(_ field: String) -> InputLocation { InputLocation(file: file, field: "sites[\(i)].\(field)") }
        let stage = try FieldRules.stage(site.stage, at: at("stage"))
        if let id = site.divisionId {
            guard let division = gazetteer.division(id: id) else {
                throw .invalidInput(
                    at("division_id"), "found \"\(id)\", expected a gazetteer id such as KP0409 (the place lookup shows each place's id)")
            }
            return (stage, division)
        }
        guard let name = site.name else { throw .invalidInput(at("division_id"), "no place: expected division_id or name") }
        return (stage, try gazetteer.resolve(site.province.map { "\(name), \($0)" } ?? name, at: at("name")))
    }

    /// A milestone document validated by the shared field rules.
    static func milestone(_ m: MilestoneDocument, at base: InputLocation) throws(JibangError) -> Milestone {
        func at(_ field: String) -> InputLocation { InputLocation(file: base.file, field: "\(base.field ?? "").\(field)") }
        let (kind, detail) = try FieldRules.kind(m.event, at: at("event"))
        let date = try FieldRules.date(m.date, at: at("date"))
        let status = try FieldRules.status(m.status ?? "", at: at("status"))
        var sources: [Source] = []
        for (k, s) in (m.sources ?? []).enumerated() {
            sources.append(
                Source(
                    url: try FieldRules.url(s.url, at: at("sources[\(k)].url")), outlet: s.outlet, title: s.title,
                    published: try FieldRules.day(s.published ?? "", at: at("sources[\(k)].published")),
                    language: s.language, quote: s.quote,
                    reading: try s.date.map { text throws(JibangError) in try FieldRules.date(text, at: at("sources[\(k)].date")) }))
        }
        if sources.isEmpty { _ = try FieldRules.url("", at: at("sources")) }
        return Milestone(
            kind: kind, date: date, status: status, detail: m.detail ?? detail, facilities: m.facilities ?? "",
            note: m.note, actors: m.actors ?? [], sources: sources)
    }

    /// Where a JSON syntax error is, as line and column, with the parser's reason.
    static func syntaxError(in data: Data, file: String) -> JibangError? {
        do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let reason = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
            guard let match = reason.firstMatch(of: /character (\d+)/), let offset = Int(match.output.1) else {
                return .invalidInput(InputLocation(file: file), "not valid JSON: \(reason)")
            }
            let prefix = data.prefix(offset)
            let line = prefix.filter { $0 == 0x0A }.count + 1
            let column = prefix.count - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return .invalidInput(
                InputLocation(file: file, line: line, column: column),
                "not valid JSON: \(reason); expected a programme record in the JSON form that the export writes")
        }
        return nil
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Deterministic JSON: snake_case keys, sorted, pretty-printed, no escaped slashes.
    public static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(
                in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context):
            return "\(path(context)): missing field \"\(key.stringValue)\""
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(path(context)): expected a value of type \(type)"
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return
                "\(path(context).isEmpty ? "" : path(context) + ": ")\(underlying ?? context.debugDescription); expected a programme record in the JSON form that the export writes"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Helpers over a whole programme record (all sites).
public enum ProgrammeRecord {
    /// What exports carry: the sites in order, without retracted milestones or sources (a retraction lives
    /// in the store and its audit trail; an export is the record as it stands). A site left
    /// without milestones is left out.
    public static func exported(_ sites: [Site]) -> [Site] {
        ordered(sites).compactMap { site in
            var site = site
            site.milestones = site.milestones.filter { $0.retraction == nil }.map { milestone in
                var milestone = milestone
                let live = milestone.sources.filter { $0.retraction == nil }
                // A milestone whose every source was retracted keeps them: it must rest on something.
                if !live.isEmpty { milestone.sources = live }
                return milestone
            }
            return site.milestones.isEmpty ? nil : site
        }
    }

    /// Sites in stage order, then by division id: the order every output uses.
    public static func ordered(_ sites: [Site]) -> [Site] {
        sites.sorted {
            let a = Programme.stage(id: $0.stageID)
            let b = Programme.stage(id: $1.stageID)
            return (a?.year ?? 0, $0.stageID, $0.divisionID) < (b?.year ?? 0, $1.stageID, $1.divisionID)
        }
    }
}
