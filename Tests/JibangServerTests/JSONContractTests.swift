import Foundation
import JibangCLI
import JibangTestSupport
import Testing

/// Every `--format json` output of the CLI conforms to a schema committed in the project (the
/// OpenAPI document's components): a renamed or dropped field fails here (issue 12, part 7).
/// The API's answers are checked against the same document by `ServerTests`.
@Suite struct JSONContractTests {
    static let validator = ServerTests.validator

    /// A command and the component its output conforms to; `list` when the output is an array of it.
    static let contracts: [(arguments: [String], schema: String, list: Bool)] = [
        (["status"], "ProgrammeStatus", false),
        (["sites"], "SiteSummary", true),
        (["site", "Kimhwa"], "SiteDetail", false),
        (["place", "Unsan"], "Place", true),
        (["export"], "ProgrammeExport", false),
        (["trend", "regional-economy", "defence-industry"], "TrendResult", false),
        (["kwic", "지방공업", "--limit", "5"], "KWICLine", true),
        (["compare", "regional-economy", "defence-industry", "--measure", "mentions"], "Comparison", false),
        (["peaks", "regional-economy", "--measure", "mentions"], "PeakFinding", true),
        (["corpus", "stats"], "CorpusStats", false),
        (["corpus", "coverage", "--by", "year"], "CoverageCell", true),
        (["corpus", "changes"], "DocumentChange", true),
        (["collocates", "regional industry"], "CollocateResult", false),
        (["indicator", "list"], "Indicator", true),
        (["events"], "Event", true),
        (["evidence", "list"], "Candidate", true),
        (["evidence", "list", "--group"], "CandidateGroup", true),
        (["evidence", "show", "1"], "Candidate", false),
        (["evidence", "evaluate", "--labels", Fixtures.path("evidence-labels.csv")], "EvidenceEvaluation", false),
        (["evidence", "evaluate", "--reports", Fixtures.path("evidence-reports/dev.json")], "ReportEvaluation", false),
        (["evidence", "rescan"], "RescanResult", false),
        (["audit"], "AuditEntry", true),
        (["forecast", "--runs", "200"], "Forecast", false),
        (["release", "diff", "current", "current"], "ReleaseDiff", false),
        (["forecast", "--runs", "200", "--as-of", "2025-06-30"], "Forecast", false),
    ]

    static func schema(_ name: String, list: Bool) -> [String: Any] {
        let reference: [String: Any] = ["$ref": "#/components/schemas/\(name)"]
        return list ? ["type": "array", "items": reference] : reference
    }

    @Test func everyJSONOutputConformsToItsSchema() async throws {
        let path = try await Fixture.shared.databasePath()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        for contract in Self.contracts {
            let store = ["events", "place"].contains(contract.arguments[0]) ? [] : ["--database", path]  // these read no store
            let run = await Jibang.capture(contract.arguments + ["--format", "json"] + store, in: dir.path)
            #expect(run.status == 0, "\(contract.arguments): \(run.stderr)")
            guard let value = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8), options: [.fragmentsAllowed]) else {
                Issue.record("\(contract.arguments) printed no JSON")
                continue
            }
            if contract.list { #expect((value as? [Any])?.isEmpty == false, "\(contract.arguments) lists something to check") }
            let problems = Self.validator.problems(value, Self.schema(contract.schema, list: contract.list))
            #expect(problems.isEmpty, "\(contract.arguments): \(problems.prefix(5))")
        }
    }

    /// `corpus reprints` on a store with a near-copy: a KCNA report reprinted under another id
    /// with a changed title and two sentences swapped (the fixture corpus has none).
    @Test func reprintClustersConformToTheirSchema() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("kcna-programme-subset.json"))))
                as? [[String: Any]])
        let source = try #require(items.first { ($0["story_text"] as? String ?? "").count > 2000 })
        var copy = source
        copy["link"] = "reprint-of-" + (source["link"] as? String ?? "")
        copy["headline"] = "Reprinted: " + (source["headline"] as? String ?? "")
        var sentences = (source["story_text"] as? String ?? "").components(separatedBy: ". ")
        sentences.swapAt(1, 2)
        copy["story_text"] = sentences.joined(separator: ". ")
        let file = dir.file("reprint.json")
        try JSONSerialization.data(withJSONObject: [source, copy]).write(to: URL(fileURLWithPath: file))
        let db = dir.file("r.sqlite")
        let ingest = await Jibang.capture(["ingest", file, "--database", db], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("reprints: 1 clusters"), "\(ingest.stderr)")
        let run = await Jibang.capture(["corpus", "reprints", "--format", "json", "--database", db], in: dir.path)
        let value = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any])
        #expect(value.count == 1)
        let problems = Self.validator.problems(value, Self.schema("ReprintCluster", list: true))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// The check has teeth: the status JSON with a field renamed no longer conforms.
    @Test func aRenamedFieldFails() async throws {
        let path = try await Fixture.shared.databasePath()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let run = await Jibang.capture(["status", "--format", "json", "--database", path], in: dir.path)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(Self.validator.problems(object, Self.schema("ProgrammeStatus", list: false)).isEmpty)
        object["wave_list"] = object.removeValue(forKey: "waves")
        #expect(!Self.validator.problems(object, Self.schema("ProgrammeStatus", list: false)).isEmpty)
    }
}
