import KoreanText

/// Open addressing from 64-bit keys to dense slot numbers. Linear probing, power-of-two size,
/// grows at 50% load.
final class KeyTable {
    var keys: UnsafeMutablePointer<UInt64>
    var slots: UnsafeMutablePointer<Int32>
    var size = 1 << 16
    var count = 0
    private(set) var nextSlot: Int

    init(firstSlot: Int) {
        nextSlot = firstSlot
        keys = .allocate(capacity: size)
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        keys.initialize(repeating: 0, count: size)
    }

    deinit {
        keys.deallocate()
        slots.deallocate()
    }

    /// The slot of `key`, giving it the next free slot when new.
    @inline(__always)
    func slot(for key: UInt64) -> Int {
        if count * 2 >= size { grow() }
        let mask = size - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let slot = slots[i]
            if slot < 0 {
                keys[i] = key
                slots[i] = Int32(nextSlot)
                nextSlot += 1
                count += 1
                return nextSlot - 1
            }
            if keys[i] == key { return Int(slot) }
            i = (i + 1) & mask
        }
    }

    func grow() {
        let oldKeys = keys
        let oldSlots = slots
        let oldSize = size
        size *= 2
        keys = .allocate(capacity: size)
        slots = .allocate(capacity: size)
        keys.initialize(repeating: 0, count: size)
        slots.initialize(repeating: -1, count: size)
        let mask = size - 1
        for j in 0..<oldSize where oldSlots[j] >= 0 {
            var i = Int(truncatingIfNeeded: (oldKeys[j] &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            slots[i] = oldSlots[j]
        }
        oldKeys.deallocate()
        oldSlots.deallocate()
    }

    func entries() -> [(UInt64, Int)] {
        (0..<size).compactMap { slots[$0] >= 0 ? (keys[$0], Int(slots[$0])) : nil }
    }
}
