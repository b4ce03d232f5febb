import Foundation
import JibangCLI
import JibangTestSupport
import Testing

/// `jibang evidence` end to end on the KCNA programme subset and the hand labels.
@Suite struct EvidenceCLITests {
    @Test func scanFindsTheProgrammeReportsAndMeetsTheQualityTarget() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let ingest = await jibang(["ingest", Fixtures.path("kcna-programme-subset.json")], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let scan = await jibang(["evidence", "scan", "--format", "json"], in: dir.path)
        #expect(scan.status == 0, "\(scan.stderr)")
        let candidates = try #require(try json(scan.stdout) as? [[String: Any]])
        let events = Set(["groundbreaking", "inauguration", "leader_visit", "official_visit", "framework_completed", "construction_progress"])
        for candidate in candidates {
            for key in ["id", "province_id", "event", "date", "document_id", "confidence", "status"] {
                #expect(candidate[key] != nil, "missing \(key)")
            }
            #expect(candidate.keys.contains("place_id"))
            #expect(events.contains(candidate["event"] as? String ?? ""))
            #expect(candidate["status"] as? String == "pending")
            let confidence = candidate["confidence"] as? Double ?? -1
            #expect(confidence > 0 && confidence <= 1)
        }
        // The field guidance in Hamju County on August 31, dated from the text.
        #expect(
            candidates.contains {
                $0["place_id"] as? String == "KP0310" && $0["event"] as? String == "leader_visit" && $0["date"] as? String == "2024-08-31"
            })
        // A report naming only Kangwon Province is a province-level candidate.
        #expect(candidates.contains { $0["place_id"] is NSNull && $0["province_id"] as? String == "KP04" })

        let evaluate = await jibang(
            ["evidence", "evaluate", "--labels", Fixtures.path("evidence-labels.csv"), "--format", "json"], in: dir.path)
        let result = try #require(try json(evaluate.stdout) as? [String: Any])
        let precision = result["precision"] as? Double ?? 0
        let recall = result["recall"] as? Double ?? 0
        #expect(precision >= 0.9, "precision \(precision): \(result["false_positives"] ?? "")")
        #expect(recall >= 0.8, "recall \(recall): \(result["false_negatives"] ?? "")")
    }

    @Test func acceptRejectAndRescan() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("kcna-programme-subset.json")], in: dir.path).status == 0)
        let scan = await jibang(["evidence", "scan", "--format", "json"], in: dir.path)
        let candidates = try #require(try json(scan.stdout) as? [[String: Any]])
        let visit = try #require(candidates.first { $0["place_id"] as? String == "KP0310" && $0["date"] as? String == "2024-08-31" })
        let other = try #require(candidates.first { $0["place_id"] as? String == "KP0316" })
        let visitID = String(visit["id"] as? Int ?? 0)
        let otherID = String(other["id"] as? Int ?? 0)

        let accept = await jibang(["evidence", "accept", visitID], in: dir.path)
        #expect(accept.status == 0, "\(accept.stderr)")
        let site = await jibang(["site", "Hamju County", "--format", "json"], in: dir.path)
        #expect(site.stdout.contains("2024-08-31"))
        #expect(site.stdout.contains("kcna.kp"), "the article is the milestone's source")

        #expect(await jibang(["evidence", "reject", otherID, "--reason", "checking"], in: dir.path).status == 0)
        let rescan = await jibang(["evidence", "scan", "--format", "json"], in: dir.path)
        #expect(rescan.stderr.contains("0 new"))
        let pending = await jibang(["evidence", "list", "--status", "pending", "--format", "json"], in: dir.path)
        let ids = ((try json(pending.stdout) as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }
        #expect(!ids.contains(Int(visitID)!) && !ids.contains(Int(otherID)!))
        let show = await jibang(["evidence", "show", otherID], in: dir.path)
        #expect(show.stdout.contains("rejected"))
        let missing = await jibang(["evidence", "accept", "99999"], in: dir.path)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("evidence list"))
    }

    /// Issue 20 in the terminal: `evidence list --group` shows one card per event, and
    /// `accept|reject --group` decide every report of one.
    @Test func groupsAreListedAcceptedAndRejectedFromTheTerminal() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        #expect(await jibang(["ingest", Fixtures.path("kcna-programme-subset.json")], in: dir.path).status == 0)
        let scan = await jibang(["evidence", "scan", "--format", "json"], in: dir.path)
        let candidates = try #require(try json(scan.stdout) as? [[String: Any]])
        let list = await jibang(["evidence", "list", "--group", "--format", "json"], in: dir.path)
        #expect(list.status == 0, "\(list.stderr)")
        let groups = try #require(try json(list.stdout) as? [[String: Any]])
        // Every candidate is in exactly one group.
        let members = groups.flatMap { ($0["members"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int } }
        #expect(members.sorted() == candidates.compactMap { $0["id"] as? Int }.sorted())
        // Hamju's field guidance: the article dated August 31 and the press review dated on or
        // before September 2 are one card, the exact day first.
        let hamju = try #require(groups.first { $0["place_id"] as? String == "KP0310" && $0["event"] as? String == "leader_visit" })
        let hamjuMembers = try #require(hamju["members"] as? [[String: Any]])
        #expect(hamjuMembers.count == 2)
        #expect(hamjuMembers.first?["date"] as? String == "2024-08-31")
        #expect(hamju["date"] as? String == "2024-08-31")
        let groupID = try #require(hamju["group_id"] as? String)

        let accept = await jibang(["evidence", "accept", "--group", groupID], in: dir.path)
        #expect(accept.status == 0, "\(accept.stderr)")
        #expect(accept.stderr.contains("with 2 reports as its sources"))
        let accepted = await jibang(["evidence", "list", "--status", "accepted", "--format", "json"], in: dir.path)
        #expect(
            Set((try json(accepted.stdout) as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int })
                == Set(hamjuMembers.compactMap { $0["id"] as? Int }))
        // The group is decided: it is no longer pending.
        let twice = await jibang(["evidence", "accept", "--group", groupID], in: dir.path)
        #expect(twice.status != 0)
        #expect(twice.stderr.contains("no pending group"))

        let other = try #require(groups.first { $0["group_id"] as? String != groupID })
        let otherID = try #require(other["group_id"] as? String)
        let reject = await jibang(["evidence", "reject", "--group", otherID, "--reason", "not the programme"], in: dir.path)
        #expect(reject.status == 0, "\(reject.stderr)")
        let rejected = await jibang(["evidence", "list", "--status", "rejected", "--format", "json"], in: dir.path)
        #expect((try json(rejected.stdout) as? [[String: Any]])?.count == (other["members"] as? [Any])?.count)
        let both = await jibang(["evidence", "accept", "3", "--group", otherID], in: dir.path)
        #expect(both.status != 0, "an id and a group together are refused")
    }
}
