import Foundation

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
        var sites: [SiteDocument]
    }

    struct SiteDocument: Codable {
        var stage: String
        var divisionId: String?
        var name: String?
        var nameKo: String?
        var province: String?
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
    }

    struct SourceDocument: Codable {
        var url: String
        var outlet: String?
        var title: String?
        var published: String?
        var language: String?
        var quote: String?
    }

    /// The sites as a pretty-printed, key-sorted document (byte-identical for the same data).
    public static func write(_ sites: [Site], gazetteer: Gazetteer) -> String {
        let document = Document(format: format, version: version, sites: ProgrammeRecord.ordered(sites).map { site in
            let division = gazetteer.division(id: site.divisionID)
            return SiteDocument(
                stage: site.stageID, divisionId: site.divisionID, name: division?.englishName, nameKo: division?.nameKo,
                province: division.flatMap(gazetteer.province(of:))?.nameKCNA,
                milestones: site.timeline.map { m in
                    MilestoneDocument(
                        event: m.kind.rawValue, date: m.date.description, status: m.status.rawValue, detail: m.detail,
                        facilities: m.facilities, note: m.note, actors: m.actors,
                        sources: m.sources.map {
                            SourceDocument(url: $0.url, outlet: $0.outlet, title: $0.title, published: $0.published?.description, language: $0.language, quote: $0.quote)
                        })
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
            throw .invalidInput(InputLocation(file: file), describe(error))
        } catch {
            throw .invalidInput(InputLocation(file: file), "not valid JSON: \(error.localizedDescription)")
        }
        guard document.format == format else {
            throw .invalidInput(InputLocation(file: file, field: "format"), "found \"\(document.format)\", expected \"\(format)\"")
        }
        guard document.version == version else {
            throw .invalidInput(InputLocation(file: file, field: "version"), "found version \(document.version), expected \(version); this Jibang reads version \(version)")
        }
        var entries: [ProgrammeEntry] = []
        var problems: [JibangError] = []
        for (i, site) in document.sites.enumerated() {
            for (j, milestone) in site.milestones.enumerated() {
                do {
                    entries.append(try entry(site: site, i: i, milestone: milestone, j: j, file: file, gazetteer: gazetteer))
                } catch {
                    problems.append(error)
                }
            }
        }
        do { try entries.checkNoDuplicates() } catch { problems.append(error) }
        if problems.count == 1 { throw problems[0] }
        if !problems.isEmpty { throw .several(problems) }
        return entries
    }

    static func entry(site: SiteDocument, i: Int, milestone m: MilestoneDocument, j: Int, file: String, gazetteer: Gazetteer) throws(JibangError) -> ProgrammeEntry {
        func at(_ field: String) -> InputLocation { InputLocation(file: file, field: "sites[\(i)].\(field)") }
        func mat(_ field: String) -> InputLocation { at("milestones[\(j)].\(field)") }
        let stage = try FieldRules.stage(site.stage, at: at("stage"))
        let division: Division
        if let id = site.divisionId {
            guard let found = gazetteer.division(id: id) else {
                throw .invalidInput(at("division_id"), "found \"\(id)\", expected a gazetteer id such as KP0409 (see `jibang place`)")
            }
            division = found
        } else if let name = site.name {
            division = try gazetteer.resolve(site.province.map { "\(name), \($0)" } ?? name, at: at("name"))
        } else {
            throw .invalidInput(at("division_id"), "no place: expected division_id or name")
        }
        let (kind, detail) = try FieldRules.kind(m.event, at: mat("event"))
        var sources: [Source] = []
        for (k, s) in (m.sources ?? []).enumerated() {
            sources.append(Source(
                url: try FieldRules.url(s.url, at: mat("sources[\(k)].url")), outlet: s.outlet, title: s.title,
                published: try FieldRules.day(s.published ?? "", at: mat("sources[\(k)].published")),
                language: s.language, quote: s.quote))
        }
        if sources.isEmpty { _ = try FieldRules.url("", at: mat("sources")) }
        let milestone = Milestone(
            kind: kind, date: try FieldRules.date(m.date, at: mat("date")),
            status: try FieldRules.status(m.status ?? "", at: mat("status")), detail: m.detail ?? detail,
            facilities: m.facilities ?? "", note: m.note, actors: m.actors ?? [], sources: sources)
        return ProgrammeEntry(stageID: stage.id, divisionID: division.id, milestone: milestone, origin: InputLocation(file: file, field: "sites[\(i)].milestones[\(j)]"))
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
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context):
            return "\(path(context)): missing field \"\(key.stringValue)\""
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(path(context)): expected a value of type \(type)"
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "\(path(context).isEmpty ? "" : path(context) + ": ")\(underlying ?? context.debugDescription); expected a JSON document like `jibang export --format json` writes"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Helpers over a whole programme record (all sites).
public enum ProgrammeRecord {
    /// Sites in stage order, then by division id: the order every output uses.
    public static func ordered(_ sites: [Site]) -> [Site] {
        sites.sorted {
            let a = Programme.stage(id: $0.stageID), b = Programme.stage(id: $1.stageID)
            return (a?.year ?? 0, $0.stageID, $0.divisionID) < (b?.year ?? 0, $1.stageID, $1.divisionID)
        }
    }
}
