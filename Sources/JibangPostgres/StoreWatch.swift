import Foundation
public import JibangCore
import Logging
import PostgresNIO

/// Listens for the team store's change notices (`jibang_notify` in the schema): every write
/// committed by any node says "record" or "corpus" on the channel `jibang`. A server passes
/// what to do on each; a lost connection is reopened (after a second, then longer), and each
/// reconnection counts as both notices, since some may have been missed meanwhile.
public enum StoreWatch {
    /// Listens until the returned task is cancelled.
    public static func start(
        _ address: PostgresAddress, record: @escaping @Sendable () -> Void, corpus: @escaping @Sendable () -> Void
    ) -> Task<Void, Never> {
        Task {
            var pause = 1.0
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        configuration: try PostgresStore.connectionConfiguration(address), id: 2, logger: PostgresStore.logger)
                    record()
                    corpus()
                    pause = 1
                    do {
                        try await connection.listen(on: "jibang") { notices in
                            for try await notice in notices {
                                if notice.payload == "corpus" { corpus() } else { record() }
                            }
                        }
                    } catch {}
                    try? await connection.close()
                } catch {}
                try? await Task.sleep(for: .seconds(pause))
                pause = min(pause * 2, 30)
            }
        }
    }
}
