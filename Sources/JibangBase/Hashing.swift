/// 64-bit FNV-1a: a small, stable, non-cryptographic hash for fingerprints and digests that
/// must not change between runs or versions (Swift's `Hasher` is seeded per process).
public struct FNV1a: Sendable, Hashable {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x100_0000_01b3

    /// The hash of the bytes added so far.
    public private(set) var value: UInt64 = FNV1a.offsetBasis

    public init() {}

    /// Mixes `bytes` into the hash.
    @inline(__always) public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* Self.prime }
    }

    /// The hash of one sequence of bytes.
    @inline(__always) public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hasher = FNV1a()
        hasher.add(bytes)
        return hasher.value
    }
}

extension String {
    /// The string with `pad` in front until it is `width` characters long ("7" → "07").
    public func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
