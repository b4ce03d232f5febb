import Foundation

/// At most `permits` computations at once; the rest wait in arrival order. Keeps expensive,
/// uncached corpus work from occupying every thread the server has.
actor ComputeLimit {
    let permits: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { self.permits = max(1, permits) }

    /// Runs `work` once a permit is free.
    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await work()
    }

    private func acquire() async {
        if running < permits {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// The default: every core but one, so cheap requests always find a thread.
    static var defaultPermits: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }
}
