import GRDB
public import JibangBase
public import JibangCorpus

extension CorpusStore {
    /// The articles dated to the day that match `group` (with its outlet and date filters), in
    /// the wording `versions` names, oldest first. Articles dated only to a month or a year are
    /// left out.
    public func dayDatedArticles(matching group: TermGroup, versions: VersionChoice) throws(JibangError) -> [StoredArticle] {
        let found = KWIC.documents(group, options: MatchOptions(versions: versions), in: try segments(), limit: Int.max)
        do {
            return try writer.read { db in
                var articles: [StoredArticle] = []
                for (rowID, _) in found.sorted(by: { ($0.day, $0.rowID) < ($1.day, $1.rowID) }) {
                    guard
                        let row = try Row.fetchOne(
                            db, sql: "SELECT doc_id, title, outlet, date, precision, url, \(Self.textColumns) FROM document WHERE id = ?",
                            arguments: [rowID]),
                        row[4] as String == "day"
                    else { continue }
                    let body = try Self.text(row, from: 6).body
                    articles.append(StoredArticle(documentID: row[0], title: row[1], body: body, outlet: row[2], published: row[3], url: row[5]))
                }
                return articles
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("\(error)")
        }
    }

    public func articles(documentIDs: [String]) throws(JibangError) -> [String: StoredArticle] {
        do {
            return try writer.read { db in
                var found: [String: StoredArticle] = [:]
                for chunk in stride(from: 0, to: documentIDs.count, by: 500).map({ Array(documentIDs[$0..<min($0 + 500, documentIDs.count)]) }) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                    let rows = try Row.fetchAll(
                        db,
                        sql:
                            "SELECT doc_id, title, outlet, date, url, \(Self.textColumns) FROM document WHERE precision = 'day' AND is_latest AND doc_id IN (\(marks))",
                        arguments: StatementArguments(chunk))
                    for row in rows {
                        let body = try Self.text(row, from: 5).body
                        let article = StoredArticle(documentID: row[0], title: row[1], body: body, outlet: row[2], published: row[3], url: row[4])
                        found[article.documentID] = article
                    }
                }
                return found
            }
        } catch let error as JibangError {
            throw error
        } catch {
            throw .storage("\(error)")
        }
    }
}
