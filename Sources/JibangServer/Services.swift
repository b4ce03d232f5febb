public import Foundation
public import JibangAnalytics
public import JibangBase
public import JibangCore
public import JibangCorpus
public import JibangEvidence
import JibangPostgres
import JibangStore
import Synchronization

/// What the handlers work with: the store, the corpus, the gazetteer, and a cache of the
/// programme status (the busiest read), dropped on every write and after two seconds so edits
/// made with the CLI show up.
public final class JibangServices: Sendable {
    public let store: any RecordStore
    /// The evidence review queue over `store`.
    public let review: ReviewQueue
    public let corpus: any CorpusDocumentStore
    public let gazetteer: Gazetteer
    public let events: [Event]
    /// Reads need a token too.
    public let privateReads: Bool
    /// Whether `X-Forwarded-Proto` and `X-Forwarded-For` are believed (a TLS reverse proxy in front).
    public let trustProxy: Bool
    /// How long a review-desk sign-in lasts.
    public let sessionLifetime: TimeInterval
    /// Failed sign-ins, for the rate limit.
    let signIns = SignInLimiter()
    let statusCache = Mutex(StatusCache())
    /// The corpus segments, memory-mapped once and kept (with their period tables) until an ingest adds one.
    let segmentCache = Mutex<(key: String, segments: [Segment])>(("", []))
    /// Trend, compare and peaks answers, kept while the corpus state stays the same.
    let answers: AnswerCache
    /// Trend results of the current corpus state (`trend(_:)`); none when `keepsTrends` is false.
    let trendResults = Mutex(KeptTrends())
    let keepsTrends: Bool
    /// The overview's forecast, kept while the record and the day stay the same.
    let forecastCache = Mutex<(key: Int, forecast: ProgrammeForecast?)>((0, nil))

    /// `cacheMegabytes` of corpus answers (0: none kept); at most `computeLimit` uncached
    /// corpus computations at once (default: every core but one).
    public init(
        store: any RecordStore, corpus: any CorpusDocumentStore, gazetteer: Gazetteer, privateReads: Bool = false, cacheMegabytes: Int = 64,
        computeLimit: Int? = nil, trustProxy: Bool = false, sessionLifetime: TimeInterval = 12 * 3600, statusLifetime: TimeInterval = 2
    ) {
        self.statusLifetime = statusLifetime
        self.store = store
        self.trustProxy = trustProxy
        self.sessionLifetime = sessionLifetime
        self.answers = AnswerCache(megabytes: cacheMegabytes, concurrency: computeLimit ?? ComputeLimit.defaultPermits)
        self.keepsTrends = cacheMegabytes > 0
        self.review = ReviewQueue(store: store, gazetteer: gazetteer)
        self.corpus = corpus
        self.gazetteer = gazetteer
        self.events = EventFile.bundled()
        self.privateReads = privateReads
    }

    /// Opens (creating and seeding on first use) the store at `path` and its corpus. `path`
    /// may be a `postgres://` URL: then this server keeps its copy of the corpus in
    /// `indexFolder` and listens for the other nodes' writes (see `StoreWatch`).
    public static func open(
        path: String, indexFolder: String? = nil, privateReads: Bool = false, cacheMegabytes: Int = 64, trustProxy: Bool = false,
        sessionLifetime: TimeInterval = 12 * 3600
    ) async throws(JibangError) -> JibangServices {
        let gazetteer = try BundledData.gazetteer()
        let storeAddress = try StoreAddress(parsing: path)
        let store = try await StoreOpening.open(storeAddress).store
        guard case .postgres(let address) = storeAddress else {
            return JibangServices(
                store: store, corpus: try CorpusStore.open(path: path), gazetteer: gazetteer, privateReads: privateReads,
                cacheMegabytes: cacheMegabytes, trustProxy: trustProxy, sessionLifetime: sessionLifetime)
        }
        let corpus = try await TeamCorpus.open(
            address, indexFolder: indexFolder ?? TeamCorpus.defaultIndexFolder(for: address, environment: ProcessInfo.processInfo.environment))
        let services = JibangServices(
            store: store, corpus: corpus, gazetteer: gazetteer, privateReads: privateReads, cacheMegabytes: cacheMegabytes, trustProxy: trustProxy,
            sessionLifetime: sessionLifetime, statusLifetime: 10)
        let watch = StoreWatch.start(address, record: { [weak services] in services?.invalidate() }, corpus: { corpus.catchUpInBackground() })
        // Should notices stop arriving unnoticed, the copy still catches up within five seconds.
        let poll = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(5))
                corpus.catchUpInBackground()
            }
        }
        services.watch.withLock { $0 = [watch, poll] }
        return services
    }

    /// Listening for other nodes' writes, and polling (a team store only); ends with the services.
    let watch = Mutex<[Task<Void, Never>]>([])

    deinit { watch.withLock { tasks in for task in tasks { task.cancel() } } }

    /// The corpus-state token: changes whenever what the corpus answers can change (a segment
    /// added, replaced or removed). Cached answers are keyed by it.
    func corpusState() throws -> String { try corpus.segmentsKey() }

    /// How long a status answer is kept: two seconds on a SQLite store (a command-line write
    /// sends no notice); ten on PostgreSQL, where every write anywhere drops the answers at
    /// once (`StoreWatch`) and the time is only a safety net.
    let statusLifetime: TimeInterval

    /// The status JSON for a filter key, computed at most every `statusLifetime`, and by one
    /// request at a time: requests that find no answer wait for the one being computed (a
    /// crowd arriving at once never computes it many times over), and once an answer is old,
    /// the others keep getting it while one request computes it afresh. A write drops every
    /// answer and every computation under way.
    func cachedStatus(key: String, compute: @escaping @Sendable () async throws -> String) async throws -> String {
        let now = Date()
        let plan = statusCache.withLock { cache -> StatusPlan in
            if let kept = cache.answers[key], now.timeIntervalSince(kept.stamp) < statusLifetime || cache.computing[key] != nil {
                return .kept(kept.json)
            }
            if let running = cache.computing[key] { return .wait(running) }
            let task = Task { try await compute() }
            cache.computing[key] = task
            return .compute(task, generation: cache.generation)
        }
        switch plan {
        case .kept(let json):
            return json
        case .wait(let task):
            return try await task.value
        case .compute(let task, let generation):
            defer { statusCache.withLock { cache in if cache.computing[key] == task { cache.computing[key] = nil } } }
            let json = try await task.value
            statusCache.withLock { cache in
                // Computed before a write that dropped the answers: not kept.
                if cache.generation == generation { cache.answers[key] = (json, now) }
            }
            return json
        }
    }

    enum StatusPlan {
        case kept(String)
        case wait(Task<String, any Error>)
        case compute(Task<String, any Error>, generation: Int)
    }

    /// Status answers by filter key, with when each was computed.
    struct StatusCache {
        var answers: [String: (json: String, stamp: Date)] = [:]
        /// The computations under way, by key.
        var computing: [String: Task<String, any Error>] = [:]
        /// Counts the writes that dropped the answers.
        var generation = 0
    }

    /// The overview's forecast of `sites` as of today (500 runs), recomputed only when the record
    /// or the day changes (the key hashes both within this process).
    func overviewForecast(_ sites: [Site]) -> ProgrammeForecast {
        let today = RecordChecks.today
        var hasher = Hasher()
        hasher.combine(sites)
        hasher.combine(today)
        let key = hasher.finalize()
        if let hit = forecastCache.withLock({ $0.key == key ? $0.forecast : nil }) { return hit }
        let forecast = ProgrammeForecast(sites: sites, gazetteer: gazetteer, options: .init(asOf: today, runs: 500))
        forecastCache.withLock { $0 = (key, forecast) }
        return forecast
    }

    /// The corpus segments, reopened only when an ingest has added segments.
    func segments() throws -> [Segment] {
        let key = try corpus.segmentsKey()
        if let hit = segmentCache.withLock({ $0.key == key ? $0.segments : nil }) { return hit }
        let fresh = try corpus.segments()
        segmentCache.withLock { $0 = (key, fresh) }
        return fresh
    }

    /// A trend over the cached segments. The last 32 results of the current corpus state are
    /// kept (unless the server keeps no answers), so the dashboard's trend page, compare and
    /// peaks reuse what an identical query computed.
    func trend(_ query: TrendQuery) throws -> TrendResult {
        let state = try corpusState()
        if keepsTrends, let hit = trendResults.withLock({ $0.state == state ? $0.results[query] : nil }) { return hit }
        let corpus = self.corpus
        // Every core but one searches segments: the status and the pages keep a core.
        let result = try TrendEngine(segments: try segments(), rawText: { corpus.body(rowID: $0) }, threads: ComputeLimit.defaultPermits).run(query)
        guard keepsTrends else { return result }
        trendResults.withLock { cache in
            if cache.state != state { cache = KeptTrends(state: state) }
            if cache.results.updateValue(result, forKey: query) == nil { cache.order.append(query) }
            if cache.order.count > 32 { cache.results[cache.order.removeFirst()] = nil }
        }
        return result
    }

    /// Trend results of one corpus state, oldest first in `order`.
    struct KeptTrends {
        var state = ""
        var results: [TrendQuery: TrendResult] = [:]
        var order: [TrendQuery] = []
    }

    /// Forgets cached reads after a write.
    func invalidate() {
        statusCache.withLock { cache in
            cache.answers = [:]
            cache.computing = [:]
            cache.generation += 1
        }
    }

    /// The programme year "now" for status figures.
    var thisYear: Int { min(Calendar(identifier: .gregorian).component(.year, from: Date()), Programme.years.upperBound) }
}
