import Foundation
import JibangTestSupport
import KoreanText
import Testing

@testable import JibangCorpus

/// Each term's share of a group's hits and the group's series with the term left out, against
/// a plain recount of the texts.
@Suite struct TermSensitivityTests {
    static let terms = ["지방공업", "지방경제", "regional industry"]

    /// Documents over six years mixing the three terms (and none), with repeats.
    static func documents() -> [Document] {
        var documents: [Document] = []
        var n = 0
        for year in 2015...2020 {
            for k in 0..<12 {
                let mix = (year * 7 + k * 3) % 8
                var body = "오늘 보도에 의하면"
                if mix & 1 != 0 { body += " 지방공업을 발전시키자. " + (k % 2 == 0 ? "지방공업공장" : "") }
                if mix & 2 != 0 { body += " 지방경제의 활성화" }
                if mix & 4 != 0 || (year == 2018 && k < 9) { body += " The regional industry factories. Regional industry grew." }
                n += 1
                documents.append(doc("d\(n)", "\(year)-0\(k % 9 + 1)-10", body))
            }
        }
        return documents
    }

    /// Occurrences of a term in a text, by a plain scan (spaces ignored in Hangul, case in English).
    static func occurrences(_ term: String, in document: Document) -> Int {
        if term.unicodeScalars.first!.isASCII {
            return document.body.lowercased().components(separatedBy: term).count - 1
        }
        return plainCount(term, in: document)
    }

    @Test(arguments: [Measure.documents, Measure.mentions])
    func sharesAndLeaveOneOutSeriesMatchARecount(measure: Measure) throws {
        let documents = Self.documents()
        var query = TrendQuery(
            groups: [try TermGroup(name: "g", query: Self.terms.joined(separator: "|"))], by: .year, measure: measure)
        query.termDetail = true
        let result = try engine(documents).run(query)
        let shares = try #require(result.groups[0].terms)
        #expect(shares.map(\.term) == Self.terms)
        var hits: [String: Int] = [:]
        for term in Self.terms { hits[term] = documents.reduce(0) { $0 + Self.occurrences(term, in: $1) } }
        let all = hits.values.reduce(0, +)
        for share in shares {
            #expect(share.hits == hits[share.term], "\(share.term)")
            #expect(abs(share.share - Double(hits[share.term]!) / Double(all)) < 0.0001)
            // The series with the term left out, year by year, recounted from the texts.
            for year in 2015...2020 {
                let inYear = documents.filter { $0.date!.description.hasPrefix("\(year)") }
                let others = Self.terms.filter { $0 != share.term }
                let expected =
                    measure == .documents
                    ? inYear.filter { d in others.contains { Self.occurrences($0, in: d) > 0 } }.count
                    : inYear.reduce(0) { total, d in total + others.reduce(0) { $0 + Self.occurrences($1, in: d) } }
                #expect(share.without.first { $0.period == "\(year)" }?.count == expected, "\(share.term) \(year)")
            }
        }
        #expect(abs(shares.map(\.share).reduce(0, +) - 1) < 0.001)
        // Term detail does not change the counts themselves.
        query.termDetail = false
        let plain = try engine(documents).run(query)
        #expect(plain.rows == result.rows)
        #expect(plain.groups[0].terms == nil)
    }

    /// In 2018 nine extra documents mention only "regional industry": the term dominates that year.
    @Test func aTermThatMakesUpMostOfAPeriodIsNamed() throws {
        var query = TrendQuery(groups: [try TermGroup(name: "g", query: Self.terms.joined(separator: "|"))], by: .year, measure: .mentions)
        query.termDetail = true
        let result = try engine(Self.documents()).run(query)
        let shares = try #require(result.groups[0].terms)
        for year in 2015...2020 {
            let perTerm = shares.map { share in share.hitsByPeriod.first { $0.period == "\(year)" }?.count ?? 0 }
            let top = perTerm.max()!
            let dominant = result.dominantTerm(group: "g", period: "\(year)")
            if top * 2 > perTerm.reduce(0, +) {
                #expect(dominant?.term == Self.terms[perTerm.firstIndex(of: top)!], "\(year)")
            } else {
                #expect(dominant == nil, "\(year)")
            }
        }
        #expect(result.dominantTerm(group: "g", period: "2018")?.term == "regional industry")
    }
}
