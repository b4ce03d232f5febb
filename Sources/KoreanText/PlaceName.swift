import Foundation

/// The kind of administrative unit a name says it is, read from its suffix ("County", "군").
public enum UnitSuffix: String, Sendable, CaseIterable {
    case province, city, county, district, area

    /// Hangul suffixes, longest first so that 특별시 wins over 시.
    static let hangul: [(String, UnitSuffix)] = [
        ("직할시", .province), ("특별시", .province), ("특급시", .province), ("구역", .district),
        ("지구", .area), ("도", .province), ("시", .city), ("군", .county), ("구", .district),
    ]

    /// English and romanised suffix words, longest first.
    static let latin: [(String, UnitSuffix)] = [
        ("directly governed city", .province), ("special city", .province), ("municipality", .province),
        ("province", .province), ("county", .county), ("city", .city), ("district", .district),
        ("area", .area), ("guyok", .district), ("kuyok", .district), ("gun", .county), ("kun", .county),
        ("si", .city), ("do", .province),
    ]
}

/// A place name split into its base and the unit suffix it carried, if any.
///
/// "김화군" → ("김화", county); "Kimhwa County" → ("Kimhwa", county); "Pyeonganbuk-do" →
/// ("Pyeonganbuk", province). A Latin suffix is only recognised as a separate word (after a
/// space or hyphen), so "Sindo" keeps its "do". A name that is all suffix keeps it ("Do").
public struct PlaceName: Sendable, Equatable {
    /// The name without its unit suffix, trimmed.
    public let base: String
    /// The unit the suffix named, or nil when there was none.
    public let suffix: UnitSuffix?

    /// Splits `text` into base and suffix.
    public init(_ text: String) {
        let trimmed = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if Hangul.containsHangul(trimmed) {
            let solid = trimmed.filter { !$0.isWhitespace }
            for (ending, unit) in UnitSuffix.hangul where solid.hasSuffix(ending) && solid.count > ending.count {
                self.init(base: String(solid.dropLast(ending.count)), suffix: unit)
                return
            }
            self.init(base: solid, suffix: nil)
            return
        }
        let lower = trimmed.lowercased()
        for (word, unit) in UnitSuffix.latin {
            for separator in [" ", "-"] where lower.hasSuffix(separator + word) {
                let base = trimmed.dropLast(word.count + 1).trimmingCharacters(in: .whitespaces)
                if !base.isEmpty {
                    self.init(base: base, suffix: unit)
                    return
                }
            }
        }
        self.init(base: trimmed, suffix: nil)
    }

    init(base: String, suffix: UnitSuffix?) {
        self.base = base
        self.suffix = suffix
    }
}
