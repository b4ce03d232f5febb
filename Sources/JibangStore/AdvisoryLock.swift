import Foundation
public import JibangBase

#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (`flock`) on a file, shared or exclusive, held until the value is
/// released or the process dies (the kernel drops it then, so a `kill -9` never leaves one
/// behind). Two uses:
///
/// - The corpus folder's `.lock`: whoever needs a segment file that no committed transaction
///   names holds it shared (an ingest or a reindex from writing the file until its transaction
///   commits; a backup while it copies the files its snapshot names). Deleting files no
///   transaction names takes it exclusively and without waiting: when anyone holds it, the files
///   stay until a later open.
/// - The store's `.serving` file: `jibang serve` holds it shared while it runs; a restore needs
///   it exclusively, so it refuses while a server uses the store.
public final class AdvisoryLock: @unchecked Sendable {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { release() }

    /// Waits for a shared lock on `path` (created when missing).
    public static func shared(_ path: String) throws(JibangError) -> AdvisoryLock {
        let descriptor = try open(path)
        while flock(descriptor, LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .storage("cannot lock \(path): \(reason)")
        }
        return AdvisoryLock(descriptor: descriptor)
    }

    /// An exclusive lock on `path` if nobody holds one, or nil at once.
    public static func exclusiveIfFree(_ path: String) -> AdvisoryLock? {
        guard let descriptor = try? open(path) else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return AdvisoryLock(descriptor: descriptor)
    }

    /// Gives the lock up now (also done when the value goes away).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    private static func open(_ path: String) throws(JibangError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .storage("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        return descriptor
    }

    /// The corpus folder's lock file.
    static func segmentsPath(folder: String) -> String { folder + "/.lock" }

    /// The lock file a server holds on its store.
    public static func servingPath(store: String) -> String { store + ".serving" }
}
