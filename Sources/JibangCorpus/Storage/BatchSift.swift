/// Which documents of an ingest batch to store, and as which version: the rule both engines
/// apply, with the store's answers passed in.
public enum BatchSift {
    /// What the store already holds of one document id: each stored version and its content key.
    public typealias StoredVersions = [(version: Int, contentKey: String)]

    /// The documents of `batch` to store, each with its version number. A document is
    /// skipped (and counted in `result`) when its id already has this text (stored before, or
    /// earlier in the batch), or when another id has the same outlet, date and text; a known
    /// id with a new text is its next version. `stored` gives a document id's stored versions;
    /// `textStored` whether any stored document has a content key.
    public static func sift<Failure: Error>(
        _ batch: [PreparedDocument], into result: inout BatchResult, stored: (String) throws(Failure) -> StoredVersions,
        textStored: (String) throws(Failure) -> Bool
    ) throws(Failure) -> [(document: PreparedDocument, version: Int)] {
        var fresh: [(document: PreparedDocument, version: Int)] = []
        var known: [String: (last: Int, keys: Set<String>)] = [:]
        var batchKeys = Set<String>()
        for prepared in batch {
            let id = prepared.document.id
            let key = prepared.contentKey
            if known[id] == nil {
                let versions = try stored(id)
                known[id] = (versions.map(\.version).max() ?? 0, Set(versions.map(\.contentKey)))
            }
            if known[id]!.keys.contains(key) || batchKeys.contains(key) {
                if batchKeys.contains(key) { result.duplicates += 1 } else { result.alreadyStored += 1 }
                continue
            }
            if try textStored(key) {
                result.alreadyStored += 1
                continue
            }
            known[id]!.last += 1
            known[id]!.keys.insert(key)
            batchKeys.insert(key)
            fresh.append((prepared, known[id]!.last))
            if known[id]!.last > 1 { result.newVersions += 1 }
        }
        return fresh
    }
}
