import Foundation

/// How close a source stands to what it reports. State media itself; the same-day press that
/// relays it; or secondary material (analysis, tables, later reporting). Read from the
/// source's outlet and address, and its publication day against the event's.
public enum SourceGrade: String, Sendable, Codable, CaseIterable, Comparable {
    case secondary
    case relay
    case stateMedia = "state-media"

    public static func < (a: SourceGrade, b: SourceGrade) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// Hosts and outlet words of North Korean state media and its faithful mirrors.
    public static let stateMediaWords = [
        "kcna", "rodong", "minju", "vok.rep.kp", "voice of korea", "pyongyang times", "pyongyangtimes", "naenara", "kcnawatch", "조선중앙",
        "로동신문", "노동신문", "chosonsinbo", "조선신보", "uriminzokkiri",
    ]
    /// Hosts and outlet words of the press that relays state media.
    public static let pressWords = [
        "yna.co.kr", "yonhap", "news1", "newsis", "nknews", "joongang", "koreaherald", "korea herald", "kbs", "sbs", "ytn", "chosun",
        "donga", "hani", "khan.co.kr", "seoul.co.kr", "spnews", "sisaweekly", "onecorea", "newspic", "fnnews", "reuters", "apnews", "afp",
        "kyodo", "tass",
    ]

    /// The grade of `source`; `eventDay` (the latest day the event may have fallen on) makes
    /// press reports of more than three days later secondary.
    public static func of(_ source: Source, eventDay: Day?) -> SourceGrade {
        let words = [source.outlet ?? "", Source.host(of: source.url) ?? ""].joined(separator: " ").lowercased()
        if stateMediaWords.contains(where: words.contains) { return .stateMedia }
        guard pressWords.contains(where: words.contains) else { return .secondary }
        if let published = source.published, let eventDay, eventDay.days(to: published) > 3 { return .secondary }
        return .relay
    }
}

extension Milestone {
    /// The best grade among the sources it still rests on (secondary when none).
    public var grade: SourceGrade {
        sources.filter { $0.retraction == nil }.map { SourceGrade.of($0, eventDay: date.latest) }.max() ?? .secondary
    }
}
