import Foundation

/// A stage of the programme: the Kimhwa pilot, the 2023 cabinet selection, or one yearly wave
/// of the 20×10 policy (2024–2033).
public struct Stage: Sendable, Hashable, Codable, Identifiable, Comparable {
    /// What kind of stage this is; the raw values are the `stage` field of `status --format json`.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case pilot
        case precursor
        case wave = "20x10"
    }

    /// "pilot", "precursor-2023", or the wave's year ("2024").
    public let id: String
    public let kind: Kind
    /// The year the stage is counted in (the pilot's construction began in 2021).
    public let year: Int
    /// Cities/counties planned for the stage; nil where no number was set.
    public let target: Int?
    /// A human label: "2024 wave", "Kimhwa County pilot".
    public let label: String

    public static func < (a: Stage, b: Stage) -> Bool { (a.year, a.id) < (b.year, b.id) }
}

/// The Regional Development 20×10 programme: its stages and targets (../shared/DOMAIN.md §2).
public enum Programme {
    /// First and last year of the 20×10 policy.
    public static let years = 2024...2033
    /// Cities and counties per yearly wave.
    public static let yearlyTarget = 20
    /// Cities and counties over the ten years.
    public static let totalTarget = 200

    /// The Kimhwa County pilot: factory construction March 2021 – June 2022.
    public static let pilot = Stage(id: "pilot", kind: .pilot, year: 2021, target: 1, label: "Kimhwa County pilot (2021–2022)")
    /// The cabinet's May 2023 selection: Kaesong city and Jaeryong, Yonthan and Usi counties
    /// (1 city + 3 counties a year was the plan before 20×10).
    public static let precursor2023 = Stage(
        id: "precursor-2023", kind: .precursor, year: 2023, target: 4, label: "2023 cabinet selection (1 city + 3 counties)")

    /// Every stage in order: pilot, precursor, then the ten waves.
    public static let stages: [Stage] =
        [pilot, precursor2023]
        + years.map {
            Stage(id: String($0), kind: .wave, year: $0, target: yearlyTarget, label: "\($0) wave")
        }

    /// The stage with this id.
    public static func stage(id: String) -> Stage? { stages.first { $0.id == id } }

    /// The stage a label names: a stage id, a year (2021 → pilot, 2023 → precursor, 2024…),
    /// or the bundled file's labels ("pilot (pre-2024)", "pre-2024 (2023 cabinet programme)").
    public static func stage(matching label: String) -> Stage? {
        let text = label.trimmingCharacters(in: .whitespaces).lowercased()
        if let stage = stage(id: text) { return stage }
        if text.hasPrefix("pilot") || text == "2021" || text == "2022" { return pilot }
        if text.hasPrefix("precursor") || text.contains("2023") { return precursor2023 }
        return nil
    }

    /// The label the bundled CSV uses for a stage, so exports read like the original file.
    public static func csvLabel(_ stage: Stage) -> String {
        switch stage.kind {
        case .pilot: "pilot (pre-2024)"
        case .precursor: "pre-2024 (2023 cabinet programme)"
        case .wave: stage.id
        }
    }
}
