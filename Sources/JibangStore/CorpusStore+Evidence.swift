import GRDB
import JibangCore
import JibangCorpus
import JibangEvidence

extension CorpusStore {
    /// Terms that any report on the programme's facilities contains; only documents with one
    /// of them are read by the evidence scanner.
    public static let evidenceQuery =
        "regional-industry|regional industry|local industry|local-industry|regional development|20×10|20x10|hospitals|hospital|service complex|grain management|sci-tech dissemination|지방공업|지방발전|지역발전|병원|종합봉사|량정|과학기술보급"

    /// Articles dated to the day that may report on the programme, oldest first, with the
    /// filters of `group` (outlets, from, to). `progress` is told how many there are, then
    /// called per article.
    public func evidenceArticles(outlets: [String] = [], from: Int? = nil, to: Int? = nil) throws(JibangError) -> [EvidenceArticle] {
        var group: TermGroup
        do { group = try TermGroup(name: "evidence", query: Self.evidenceQuery) } catch { throw .storage("\(error)") }
        group.outlets = outlets
        group.from = from
        group.to = to
        let found = KWIC.documents(group, options: MatchOptions(), in: try segments(), limit: Int.max)
        do {
            return try writer.read { db in
                var articles: [EvidenceArticle] = []
                for (rowID, _) in found.sorted(by: { ($0.day, $0.rowID) < ($1.day, $1.rowID) }) {
                    guard
                        let row = try Row.fetchOne(
                            db, sql: "SELECT doc_id, title, body, outlet, date, precision, url FROM document WHERE id = ?", arguments: [rowID]),
                        row[5] as String == "day", let day = Day(iso: row[4] as String)
                    else { continue }
                    articles.append(EvidenceArticle(documentID: row[0], title: row[1], body: row[2], outlet: row[3], published: day, url: row[6]))
                }
                return articles
            }
        } catch {
            throw .storage("\(error)")
        }
    }
}
