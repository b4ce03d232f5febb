import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A computed answer to a corpus request (trend, compare, peaks), as sent.
struct CachedAnswer: Sendable {
    let contentType: String
    /// `Content-Disposition`, for downloads.
    let disposition: String?
    let body: ByteBuffer

    static func json(_ text: String) -> CachedAnswer {
        CachedAnswer(contentType: "application/json; charset=utf-8", disposition: nil, body: ByteBuffer(string: text))
    }

    /// What the entry costs the cache: the body and a little for the key and bookkeeping.
    var bytes: Int { body.readableBytes + 256 }

    /// The response, with `X-Jibang-Cache: hit`, `miss` or `shared` (waited for an identical request's computation).
    func response(_ how: String) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let disposition { headers[.contentDisposition] = disposition }
        headers[AnswerCache.header] = how
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// Answers computed over the corpus, kept in memory and keyed by exactly what they depend on:
/// the route, the request's parameters (decoded, grouped by name, each name's values in
/// order) and the corpus-state token, which every change to what the corpus answers bumps
/// (today: a segment added or replaced). An answer is never served for a state it was not
/// computed on, so nothing stale is served; entries of an old state simply age out.
///
/// Bounded by bytes, least recently used out first. Identical requests arriving while one is
/// being computed wait for that computation instead of starting their own, and computations
/// run under `ComputeLimit`, so a burst of distinct trend queries cannot take every core from
/// cheap requests such as the programme status.
final class AnswerCache: Sendable {
    static let header = HTTPField.Name("X-Jibang-Cache")!

    struct Entry {
        var answer: CachedAnswer
        var used: UInt64
    }

    struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var inFlight: [String: Task<CachedAnswer, any Error>] = [:]
    }

    let capacity: Int
    let limit: ComputeLimit
    private let state = Mutex(State())

    /// `megabytes` of answers (0 turns caching off: every request is computed);
    /// at most `concurrency` computations at once.
    init(megabytes: Int, concurrency: Int) {
        capacity = max(0, megabytes) * 1_048_576
        limit = ComputeLimit(permits: concurrency)
    }

    /// The key of a request: route, corpus state, then each parameter name with its values.
    static func key(route: String, state: String, parameters: [(name: String, value: String)]) -> String {
        let ordered = parameters.enumerated().filter { !$0.element.value.isEmpty }
            .sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        var key = "\(route.utf8.count):\(route)|\(state.utf8.count):\(state)"
        for (_, pair) in ordered { key += "|\(pair.name.utf8.count):\(pair.name)=\(pair.value.utf8.count):\(pair.value)" }
        return key
    }

    /// The answer for `key`: kept, being computed by an identical request, or computed now.
    func answer(_ key: String, compute: @escaping @Sendable () async throws -> CachedAnswer) async throws -> Response {
        enum Found {
            case kept(CachedAnswer)
            case running(Task<CachedAnswer, any Error>)
            case started(Task<CachedAnswer, any Error>)
        }
        let limit = self.limit
        // No cache: every request is computed, as before the cache (the benchmark's anchor).
        if capacity == 0 { return try await limit.run(compute).response("miss") }
        let found: Found = state.withLock { state in
            if var entry = state.entries[key] {
                state.clock += 1
                entry.used = state.clock
                state.entries[key] = entry
                return .kept(entry.answer)
            }
            if let task = state.inFlight[key] { return .running(task) }
            let task = Task { try await limit.run(compute) }
            state.inFlight[key] = task
            return .started(task)
        }
        switch found {
        case .kept(let answer):
            return answer.response("hit")
        case .running(let task):
            return try await task.value.response("shared")
        case .started(let task):
            do {
                let answer = try await task.value
                state.withLock { state in
                    state.inFlight[key] = nil
                    keep(answer, for: key, in: &state)
                }
                return answer.response("miss")
            } catch {
                state.withLock { $0.inFlight[key] = nil }
                throw error
            }
        }
    }

    /// Stores `answer`, then drops the least recently used entries until the cache fits.
    private func keep(_ answer: CachedAnswer, for key: String, in state: inout State) {
        guard answer.bytes <= capacity / 4 else { return }
        state.clock += 1
        if let old = state.entries.updateValue(Entry(answer: answer, used: state.clock), forKey: key) { state.bytes -= old.answer.bytes }
        state.bytes += answer.bytes
        guard state.bytes > capacity else { return }
        // Evict in one pass: oldest first, down to three quarters, so evictions stay rare.
        for (oldKey, entry) in state.entries.sorted(by: { $0.value.used < $1.value.used }) where state.bytes > capacity * 3 / 4 {
            state.entries[oldKey] = nil
            state.bytes -= entry.answer.bytes
        }
    }
}
