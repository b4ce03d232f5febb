import Foundation

/// The North and South Korean spellings of a term (두음법칙): 로동/노동, 력사/역사, 리용/이용,
/// 녀성/여성, 락원/낙원, 령도/영도.
///
/// South Korean spelling drops or changes an initial ㄹ/ㄴ that North Korean spelling keeps.
/// A term's variants are every combination of each syllable's North and South forms, so
/// 조선노동당 also finds 조선로동당. One-syllable terms (리, 군) have no variants: folding them
/// would make 리 ("village") match every 이. At most `limit` variants, the term itself first.
public enum InitialSoundVariants {
    /// The term and its other spellings.
    public static func of(_ term: String, limit: Int = 16) -> [String] {
        let scalars = Array(term.precomposedStringWithCanonicalMapping.unicodeScalars)
        guard scalars.filter(Hangul.isSyllable).count >= 2 else { return [term] }
        var variants: [[Unicode.Scalar]] = [scalars]
        for (i, scalar) in scalars.enumerated() {
            let alternates = forms(of: scalar).filter { $0 != scalar }
            guard !alternates.isEmpty else { continue }
            var grown = variants
            for variant in variants {
                for alternate in alternates where grown.count < limit {
                    var copy = variant
                    copy[i] = alternate
                    grown.append(copy)
                }
            }
            variants = grown
        }
        var seen = Set<String>()
        return variants.map { String(String.UnicodeScalarView($0)) }.filter { seen.insert($0).inserted }
    }

    /// Every spelling of one syllable: itself, its South Korean form, and the North Korean
    /// forms whose South Korean form it is.
    static func forms(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        guard Hangul.isSyllable(scalar) else { return [scalar] }
        let south = Hangul.southKoreanInitial(scalar)
        var forms = [scalar]
        if south != scalar { forms.append(south) }
        // North forms: replace an initial ㄴ or ㅇ with ㄹ or ㄴ where the rule would map back.
        let index = Int(scalar.value - Hangul.first)
        let medial = (index / 28) % 21
        let final = index % 28
        let initial = index / (21 * 28)
        for candidate in [Hangul.rieul, Hangul.nieun] where candidate != initial {
            let value = Hangul.first + UInt32((candidate * 21 + medial) * 28 + final)
            if let north = Unicode.Scalar(value), Hangul.southKoreanInitial(north) == scalar { forms.append(north) }
        }
        return forms
    }
}
