import Foundation

/// The top-level items of a JSON array, found by their brackets and quotes without parsing
/// them, so that an array cut off mid-way (an interrupted scrape) still gives its complete
/// items, and one bad item does not hide the others.
struct JSONArrayItems {
    /// Byte ranges of the complete items, in order.
    var items: [Range<Int>] = []
    /// Where the array stops being readable: nil when it closes properly.
    var cut: Cut?

    struct Cut: Equatable {
        /// Byte offset of the first byte that is not part of a complete item.
        let offset: Int
        /// What was there.
        let reason: String
    }

    /// Nil when the text does not start with `[` (after white space): not an array at all.
    init?(_ data: Data) {
        let bytes = [UInt8](data)
        var i = JSONArrayItems.skipSpace(bytes, 0)
        if i + 3 <= bytes.count, bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { i = JSONArrayItems.skipSpace(bytes, i + 3) }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        i = JSONArrayItems.skipSpace(bytes, i + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { return }
        while true {
            let start = i
            guard let end = JSONArrayItems.valueEnd(bytes, start) else {
                cut = Cut(offset: start, reason: start >= bytes.count ? "the file ends where an item should begin" : "the file ends inside an item")
                return
            }
            items.append(start..<end)
            i = JSONArrayItems.skipSpace(bytes, end)
            guard i < bytes.count else {
                cut = Cut(offset: i, reason: "the file ends before the array's closing ]")
                return
            }
            switch bytes[i] {
            case UInt8(ascii: ","): i = JSONArrayItems.skipSpace(bytes, i + 1)
            case UInt8(ascii: "]"): return
            default:
                cut = Cut(offset: i, reason: "found \(JSONArrayItems.shown(bytes[i])) after an item; expected , or ]")
                return
            }
        }
    }

    static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var i = start
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        return i
    }

    /// The end of the value starting at `start`, or nil when the bytes end first. Objects and
    /// arrays end at their matching bracket; strings at their closing quote; anything else
    /// (numbers, true, null) at the next , ] } or white space.
    static func valueEnd(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var i = start
        var depth = 0
        var inString = false
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    i += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return i + 1 }
                }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        // A bare scalar may end with the file; a string, object or array may not.
        return depth == 0 && !inString && bytes[start] != UInt8(ascii: "\"") ? i : nil
    }

    static func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
