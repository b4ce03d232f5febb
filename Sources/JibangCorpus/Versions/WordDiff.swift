/// A word-level difference between two texts: the words of each (split at white space, so a
/// Korean word is an eojeol with its particles) aligned by their longest common subsequence
/// (the standard library's Myers difference), in runs of one kind.
public enum WordDiff {
    /// One run of words: kept (`equal`), only in the newer text (`insert`), or only in the
    /// older (`delete`). Its words are joined by single spaces.
    public struct Piece: Sendable, Codable, Equatable {
        public enum Operation: String, Sendable, Codable { case equal, insert, delete }
        public let op: Operation
        public let text: String

        public init(_ op: Operation, _ text: String) {
            self.op = op
            self.text = text
        }

        /// The text, or for a long run its first and last `keep` words around an ellipsis:
        /// what a reader of a diff needs of the unchanged stretches.
        public func abbreviated(keeping keep: Int = 5) -> String {
            let words = text.split(separator: " ")
            guard words.count > 2 * keep + 2 else { return text }
            return words.prefix(keep).joined(separator: " ") + " … " + words.suffix(keep).joined(separator: " ")
        }
    }

    /// The runs that turn `old` into `new`. The `equal` and `delete` runs, in order, are the
    /// words of `old`; the `equal` and `insert` runs are the words of `new`.
    /// O((n + m) · d) for d differing words.
    public static func pieces(from old: String, to new: String) -> [Piece] {
        let a = words(old)
        let b = words(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in difference {
            switch change {
            case let .remove(offset, _, _): removed.insert(offset)
            case let .insert(offset, _, _): inserted.insert(offset)
            }
        }
        var runs: [(op: Piece.Operation, words: [Substring])] = []
        func add(_ op: Piece.Operation, _ word: Substring) {
            if runs.last?.op == op { runs[runs.count - 1].words.append(word) } else { runs.append((op, [word])) }
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count && removed.contains(i) {
                add(.delete, a[i])
                i += 1
            } else if j < b.count && inserted.contains(j) {
                add(.insert, b[j])
                j += 1
            } else {
                add(.equal, a[i])
                i += 1
                j += 1
            }
        }
        return runs.map { Piece($0.op, $0.words.joined(separator: " ")) }
    }

    /// Words only in the older text and only in the newer, over a diff's runs.
    public static func counts(_ pieces: [Piece]) -> (removed: Int, added: Int) {
        func words(_ op: Piece.Operation) -> Int { pieces.filter { $0.op == op }.reduce(0) { $0 + $1.text.split(separator: " ").count } }
        return (words(.delete), words(.insert))
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }
}
