public import Foundation

/// Seeded, replayable input mutation for property tests of the parsers: every failure message
/// names the seed (`JIBANG_TEST_SEED` replays it) and the input.
public struct Fuzz: Sendable {
    public private(set) var rng: SeededGenerator

    public init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    public var seed: UInt64 { rng.seed }

    /// Pieces that have broken parsers somewhere: separators and quotes, control characters,
    /// digits of other scripts, huge numbers, impossible dates, Hangul, combining marks,
    /// direction overrides, long runs.
    public static let pieces: [String] = [
        "\u{0}", "\n", "\r\n", "\r", "\t", " ", "\"", "\"\"", ",", ";", "|", "-", "--", "+", "(", ")", "{", "}", "[", "]", ":", "/",
        "../", "\\", "\\u0000", "\\ud800", "'", "%", "%00", "%ZZ", "%E", "&", "=", "?", "#", "*", "지방", "공업", "주체", "년", "월", "일",
        "٢٠٢٤", "２０２４", "𝟚𝟘𝟚𝟜", "\u{301}", "\u{FEFF}", "\u{202E}", "\u{200B}", "😀", "ᄀ", "9999999999999999999999", "-1", "0", "00",
        "2024", "2024-02-30", "2024-13", "0000", "13", "1e308", "NaN", "null", "true", "outlet:", "from:", "to:", "\"unclosed",
        String(repeating: "a", count: 300), String(repeating: "(", count: 40), String(repeating: "지", count: 200),
    ]

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    public mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    /// One to four edits: insert a piece, delete, duplicate or swap a stretch, replace a
    /// character, cut the end off.
    public mutating func mutate(_ text: String) -> String {
        var characters = Array(text)
        for _ in 0..<int(1...4) {
            let count = characters.count
            switch int(0...5) {
            case 0, 1: characters.insert(contentsOf: Array(pick(Self.pieces)), at: int(0...count))
            case 2 where count > 0:
                let start = int(0...(count - 1))
                characters.removeSubrange(start..<min(count, start + int(1...8)))
            case 3 where count > 0:
                let start = int(0...(count - 1))
                let stretch = characters[start..<min(count, start + int(1...12))]
                characters.insert(contentsOf: stretch, at: int(0...count))
            case 4 where count > 0: characters[int(0...(count - 1))] = pick(Array(pick(Self.pieces)) + ["x"])
            case 5 where count > 0: characters.removeSubrange(int(0...(count - 1))..<count)
            default: characters.append(contentsOf: Array(pick(Self.pieces)))
            }
        }
        return String(characters)
    }

    /// Byte-level edits of a file: flipped bits, inserted NUL, 0xFF or a lone UTF-8 lead byte,
    /// deleted or repeated stretches, a cut-off end.
    public mutating func mutate(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        for _ in 0..<int(1...6) {
            let count = bytes.count
            guard count > 0 else {
                bytes.append(UInt8(truncatingIfNeeded: int(0...255)))
                continue
            }
            let at = int(0...(count - 1))
            switch int(0...5) {
            case 0: bytes[at] ^= UInt8(1 << int(0...7))
            case 1: bytes.insert(pick([0x00, 0xFF, 0xC3, 0xE2, 0x22, 0x2C, 0x0A, 0x7B, 0x5D]), at: at)
            case 2: bytes.removeSubrange(at..<min(count, at + int(1...64)))
            case 3: bytes.insert(contentsOf: bytes[at..<min(count, at + int(1...64))], at: int(0...count))
            case 4: bytes.removeSubrange(at..<count)
            default: bytes.insert(contentsOf: Array(pick(Self.pieces).utf8), at: at)
            }
        }
        return Data(bytes)
    }
}
