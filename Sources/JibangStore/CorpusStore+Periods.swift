import JibangBase
import JibangCore
import JibangCorpus

extension CorpusStore {
    /// Documents of one period that match `group` (newest first, at most `limit`), for drilling
    /// down from a peak to the articles behind it.
    public func documents(
        matching group: TermGroup, period: Int, by unit: PeriodUnit, options: MatchOptions, outlets: [String] = [], limit: Int = 3
    ) throws(JibangError) -> [DocumentHeader] {
        var group = group
        let days = unit.days(of: period)
        group.from = max(group.from ?? days.lowerBound, days.lowerBound)
        group.to = min(group.to ?? days.upperBound, days.upperBound)
        group.outlets += outlets
        let found = KWIC.documents(group, options: options, in: try segments(), limit: limit)
        let headers = try headers(rowIDs: found.map(\.rowID))
        return found.compactMap { headers[$0.rowID] }
    }
}

/// A keyword-in-context line with its document: what `jibang kwic` and `GET /api/v1/kwic` return.
public struct KWICHit: Sendable, Encodable, Equatable {
    public let documentId, date, outlet, title, left, match, right: String
}

extension CorpusStore {
    /// Every occurrence of `group` in the newest `limit` documents that contain it, with `width`
    /// characters of context. `segments` (when the caller keeps them open) saves reopening the index.
    public func keywordInContext(
        _ group: TermGroup, options: MatchOptions, segments: [Segment]? = nil, limit: Int, width: Int
    ) throws(JibangError) -> (hits: [KWICHit], documents: Int) {
        let searched: [Segment]
        if let segments { searched = segments } else { searched = try self.segments() }
        let documents = KWIC.documents(group, options: options, in: searched, limit: limit)
        let headers = try headers(rowIDs: documents.map(\.rowID))
        var hits: [KWICHit] = []
        for document in documents {
            guard let text = body(rowID: document.rowID), let header = headers[document.rowID] else { continue }
            for line in KWIC.lines(group, options: options, rowID: document.rowID, text: text, width: width) {
                hits.append(
                    KWICHit(
                        documentId: header.id, date: header.date, outlet: header.outlet, title: header.title, left: line.left, match: line.match,
                        right: line.right))
            }
        }
        return (hits, documents.count)
    }
}
