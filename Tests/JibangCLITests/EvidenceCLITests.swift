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
}
