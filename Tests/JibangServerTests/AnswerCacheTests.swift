import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JibangServer
import JibangStore
import JibangTestSupport
import Testing

let cacheHeader = HTTPField.Name("X-Jibang-Cache")!

/// Trend, compare and peaks answers are kept while the corpus stays the same, and never served
/// once it has changed.
@Suite struct AnswerCacheTests {
    /// A copy of the fixture store and an application over it.
    func app(cacheMegabytes: Int = 64) async throws -> (some ApplicationProtocol, String, TemporaryDirectory) {
        try await ServerTests().app(cacheMegabytes: cacheMegabytes)
    }

    @Test func aNewSegmentChangesTheAnswer() async throws {
        let (app, path, dir) = try await app()
        defer { dir.remove() }
        let uri = "/api/v1/trend?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85&by=year"  // 지방공업
        try await app.test(.router) { client in
            var first = ""
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[cacheHeader] == "miss")
                first = String(buffer: response.body)
            }
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[cacheHeader] == "hit")
                #expect(String(buffer: response.body) == first)
            }
            try addArticlesOf2031(to: path, dir: dir)
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.headers[cacheHeader] == "miss", "a new segment is a new corpus state")
                let body = String(buffer: response.body)
                #expect(body != first)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let rows = try #require(json["rows"] as? [[String: Any]])
                // Every row of 2031 with documents: Rodong Sinmun's and the all-outlet total.
                let row2031 = rows.filter { ($0["period"] as? String) == "2031" && ($0["total"] as? Int ?? 0) > 0 }
                let counted = row2031.allSatisfy { row in
                    (row["total"] as? Int) == 3 && ((row["counts"] as? [String: Any])?.values.compactMap { $0 as? Int }) == [3]
                }
                #expect(row2031.contains { $0["outlet"] as? String == "Rodong Sinmun" } && counted, "the three new articles are counted: \(row2031)")
            }
        }
    }

    /// Three articles of 2031 that mention 지방공업, ingested while the server runs.
    func addArticlesOf2031(to path: String, dir: TemporaryDirectory) throws {
        let lines = (1...3).map { n in
            #"{"id": "cache-\#(n)", "outlet": "Rodong Sinmun", "date": "2031-0\#(n)-01", "title": "t\#(n)", "language": "ko", "body": "지방공업을 발전시키자 \#(n)"}"#
        }
        let file = dir.write("new.jsonl", lines.joined(separator: "\n") + "\n")
        _ = try ingest(file, into: try CorpusStore.open(path: path))
    }

    @Test func theTrendPageSeesANewSegmentToo() async throws {
        let (app, path, dir) = try await app()
        defer { dir.remove() }
        let uri = "/trend?q=%EC%A7%80%EB%B0%A9%EA%B3%B5%EC%97%85&by=year"
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(!String(buffer: response.body).contains("<td>2031</td>"))
                }
            }
            try addArticlesOf2031(to: path, dir: dir)
            try await client.execute(uri: uri, method: .get) { response in
                #expect(String(buffer: response.body).contains("<td>2031</td>"), "the page counts the new articles")
            }
        }
    }

    @Test func theOrderOfDifferentParametersDoesNotMatterButTheOrderOfGroupsDoes() async throws {
        let (app, _, dir) = try await app()
        defer { dir.remove() }
        try await app.test(.router) { client in
            let asked = [
                ("/api/v1/trend?q=regional-economy&q=defence-industry&by=year", "miss"),
                ("/api/v1/trend?by=year&q=regional-economy&q=defence-industry", "hit"),
                ("/api/v1/trend?q=regional-economy&by=year&q=defence-industry", "hit"),
                ("/api/v1/trend?q=defence-industry&q=regional-economy&by=year", "miss"),
                ("/api/v1/trend?q=regional-economy&q=defence-industry&by=year&format=csv", "miss"),
                ("/api/v1/compare?a=regional-economy&b=defence-industry", "miss"),
                ("/api/v1/compare?b=defence-industry&a=regional-economy", "hit"),
                ("/api/v1/peaks?q=regional-economy", "miss"),
                ("/api/v1/peaks?q=regional-economy", "hit"),
            ]
            for (uri, expected) in asked {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[cacheHeader] == expected, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/trend?q=regional-economy&q=defence-industry&by=year&format=csv", method: .get) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8" && response.headers[.contentDisposition] != nil)
            }
        }
    }

    @Test func identicalRequestsAtOnceShareOneComputation() async throws {
        let (app, _, dir) = try await app()
        defer { dir.remove() }
        try await app.test(.live) { client in
            let uri = "/api/v1/trend?q=regional-economy&q=defence-industry&q=defence-science&by=month&measure=mentions"
            let answers = try await withThrowingTaskGroup(of: (String, String).self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await client.execute(uri: uri, method: .get) { response in
                            (response.headers[cacheHeader] ?? "", String(buffer: response.body))
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == "miss" }.count == 1, "one computation: \(answers.map(\.0))")
            #expect(Set(answers.map(\.1)).count == 1)
        }
    }

    @Test func errorsAreNotKeptAndNoCacheMeansRecomputing() async throws {
        let (app, _, dir) = try await app(cacheMegabytes: 0)
        defer { dir.remove() }
        try await app.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/trend?q=regional-economy", method: .get) { response in
                    #expect(response.headers[cacheHeader] == "miss")
                }
                try await client.execute(uri: "/api/v1/trend?q=regional-economy&outlet=Nowhere", method: .get) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.headers[cacheHeader] == nil)
                }
            }
        }
    }
}
