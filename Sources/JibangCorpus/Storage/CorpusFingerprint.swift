import JibangBase

/// Identifies a corpus's content for methods notes: the document count and an FNV-1a hash
/// over every document's id and content key (outlet, date and normalised text). Fed in
/// (id, version) order, two stores with the same documents give the same fingerprint,
/// whatever their engine.
public struct CorpusFingerprint: Sendable {
    private var hash = FNV1a()
    /// Documents (a document's later versions are not counted again).
    public private(set) var documents = 0

    public init() {}

    /// Adds one stored version of a document.
    public mutating func add(documentID: String, contentKey: String, version: Int) {
        // A later version is a line of its own, marked with its number: a store without edits
        // keeps the fingerprint it had before versions existed.
        if version == 1 { documents += 1 }
        hash.add("\(documentID)\t\(contentKey)\(version > 1 ? "\t\(version)" : "")\n".utf8)
    }

    /// The hash, 16 hex digits.
    public var hashText: String { String(hash.value, radix: 16).leftPadded(16) }
}
