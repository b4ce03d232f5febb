import KoreanText

/// A growable array over manually managed memory: no copy-on-write or exclusivity checks in
/// the indexing loop. Only the builder that owns it touches it.
struct GrowableBuffer<T> {
    private(set) var pointer: UnsafeMutablePointer<T>
    private(set) var count: Int
    private var capacity: Int

    init(repeating value: T, count: Int) {
        capacity = max(count, 1024)
        pointer = .allocate(capacity: capacity)
        pointer.initialize(repeating: value, count: count)
        self.count = count
    }

    @inline(__always) subscript(i: Int) -> T {
        get { pointer[i] }
        nonmutating set { pointer[i] = newValue }
    }

    @inline(__always) mutating func append(_ value: T) {
        if count == capacity { reserve(capacity * 2) }
        (pointer + count).initialize(to: value)
        count += 1
    }

    mutating func grow(to newCount: Int, filling value: T) {
        if newCount > capacity { reserve(max(newCount, capacity * 2)) }
        (pointer + count).initialize(repeating: value, count: newCount - count)
        count = newCount
    }

    mutating func reserve(_ newCapacity: Int) {
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: pointer, count: count)
        pointer.deallocate()
        pointer = bigger
        capacity = newCapacity
    }

    /// Frees the memory; call once, when the owner is done.
    func free() {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
