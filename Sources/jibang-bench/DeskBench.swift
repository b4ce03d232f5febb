import Foundation
import JibangBase
import JibangCore
import JibangEvidence
import JibangStore
import Synchronization

/// `jibang-bench --desk`: the review desk's cost on a large queue. The desk groups every pending
/// candidate into one card per event, filters and counts them, on each page; the anchor is
/// what the list before it read: the pending candidates, ungrouped. Synthetic reports of
/// events at random cities and counties, one to five per event from different outlets with
/// slightly different dates, on a store seeded with the bundled record.
struct DeskBench {
    let candidates: Int
    let work: String
    let seed: UInt64
    let repetitions: Int

    struct Result {
        var candidates = 0
        var groups = 0
        var queueSeconds = 0.0
        var listMs = 0.0
        var deskMs = 0.0
        var decideMs = 0.0
    }

    /// Runs `body` to completion from synchronous code.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Mutex<Swift.Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let outcome: Swift.Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            box.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try box.withLock { $0! }.get()
    }

    func reports() throws -> [Candidate] {
        let gazetteer = try BundledData.gazetteer()
        let places = gazetteer.divisions.filter { $0.level == 2 }
        let outlets = ["KCNA", "Rodong Sinmun", "Minju Joson", "Voice of Korea", "Pyongyang Times"]
        var rng = SeededRandom(seed: seed)
        var out: [Candidate] = []
        var event = 0
        while out.count < candidates {
            event += 1
            let place = places[Int.random(in: 0..<places.count, using: &rng)]
            let kind = EvidenceEvent.allCases[Int.random(in: 0..<EvidenceEvent.allCases.count, using: &rng)]
            let day = Day(year: 2024, month: 1, day: 1)!.adding(days: Int.random(in: 0..<1000, using: &rng))
            for report in 0..<min(Int.random(in: 1...5, using: &rng), candidates - out.count) {
                let date: MilestoneDate =
                    switch report {
                    case 0: .day(day)
                    case 1: .onOrBefore(day.adding(days: 2))
                    case 2: .month(year: day.year, month: day.month)
                    default: .day(day)
                    }
                out.append(
                    Candidate(
                        placeID: place.id, placeName: place.nameKCNA, provinceID: place.provinceID, event: kind, facilities: [], date: date,
                        documentID: "bench-\(event)-\(report)", documentTitle: "Report \(event)", documentDate: day.adding(days: 2).description,
                        outlet: outlets[report % outlets.count], url: "https://example.org/bench/\(event)/\(report)",
                        snippet: "a report of the event",
                        confidence: Double(Int.random(in: 50...95, using: &rng)) / 100, why: "bench"))
            }
        }
        return out
    }

    func run() throws -> Result {
        let path = "\(work)/desk-\(candidates).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let reports = try reports()
        let repetitions = self.repetitions
        return try Self.blocking {
            let store = try await StoreBootstrap.open(path: path).store
            let queue = ReviewQueue(store: store, gazetteer: try BundledData.gazetteer())
            var result = Result()
            let start = Date()
            result.candidates = try await queue.queue(reports).summary.added
            result.queueSeconds = Date().timeIntervalSince(start)
            func median(_ body: () async throws -> Void) async throws -> Double {
                var times: [Double] = []
                for _ in 0..<repetitions {
                    let t = Date()
                    try await body()
                    times.append(Date().timeIntervalSince(t) * 1000)
                }
                return times.sorted()[times.count / 2]
            }
            result.listMs = try await median { _ = try await queue.candidates(status: .pending, limit: 100_000) }
            var groups: [CandidateGroup] = []
            result.deskMs = try await median {
                groups = try await queue.groups(status: .pending)
                let filter = DeskFilter()
                _ = filter.apply(groups)
                _ = filter.counts(groups)
            }
            result.groups = groups.count
            // One decision, as the desk makes it: the group checked against a fresh read, then rejected.
            let picks = groups.prefix(repetitions).map { ($0.id, $0.memberIDs) }
            var index = 0
            result.decideMs = try await median {
                let pick = picks[index]
                index += 1
                _ = try await queue.reject(group: pick.0, members: pick.1, note: "bench")
            }
            return result
        }
    }

    static func report(_ r: Result) -> String {
        """
        review desk: \(r.candidates) pending candidates in \(r.groups) cards (queued in \(String(format: "%.1f", r.queueSeconds)) s)
          anchor: the ungrouped list (read and decode)       \(String(format: "%8.1f", r.listMs)) ms
          desk: grouped, filtered and counted                \(String(format: "%8.1f", r.deskMs)) ms   ×\(String(format: "%.2f", r.deskMs / max(r.listMs, 0.001))) of the anchor
          one card decided (checked against a fresh read)    \(String(format: "%8.1f", r.decideMs)) ms
        """
    }
}
