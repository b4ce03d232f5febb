/// Counties split by the Military Demarcation Line in 1953: North and South Korea each have a
/// county of the same name. Jibang's gazetteer covers the North only, so a look-up of these
/// names says so rather than silently picking the northern one.
public enum Namesakes {
    static let southern: [String: String] = [
        "KP0406": "Goseong County (고성군), Gangwon Province, South Korea",
        "KP0413": "Cheorwon County (철원군), Gangwon Province, South Korea",
    ]

    /// A note about the same-named unit across the border, if `division` has one.
    public static func note(for division: Division) -> String? {
        southern[division.id].map { "Split by the 1953 demarcation line: also \($0), which is not in this gazetteer of North Korea." }
    }
}
