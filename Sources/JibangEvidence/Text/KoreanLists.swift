import Foundation

/// Korean lists that share one unit suffix: "신양·북창·은산군" names 신양군, 북창군 and 은산군.
public enum KoreanLists {
    /// The units a list's last name may carry and the others share.
    static let units = ["군", "시", "구역"]

    /// `text` with every name of a "·"-separated list given the unit of its last name.
    public static func expand(_ text: String) -> String {
        guard text.contains("·") else { return text }
        let characters = Array(text)
        var out = ""
        var i = 0
        while i < characters.count {
            // A run of short Hangul names joined by "·" and ending in a name with a unit.
            if isHangul(characters[i]), i == 0 || !isHangul(characters[i - 1]) {
                var names: [String] = []
                var k = i
                var name = ""
                while k < characters.count {
                    if isHangul(characters[k]) {
                        name.append(characters[k])
                    } else if characters[k] == "·", (1...3).contains(name.count) {
                        names.append(name)
                        name = ""
                    } else {
                        break
                    }
                    k += 1
                }
                if !names.isEmpty, let unit = lastUnit(name) {
                    out += names.map { $0.hasSuffix(unit) ? $0 : $0 + unit }.joined(separator: "·") + "·" + name
                    i = k
                    continue
                }
            }
            out.append(characters[i])
            i += 1
        }
        return out
    }

    /// The unit the last name of a list carries ("은산군의" → 군), when the name before it is short.
    static func lastUnit(_ name: String) -> String? {
        units.first { unit in
            name.range(of: unit).map { (1...3).contains(name.distance(from: name.startIndex, to: $0.lowerBound)) } ?? false
        }
    }

    static func isHangul(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0xAC00...0xD7A3).contains(v)
    }
}
