import Foundation

/// Bodies and officials that programme reports name, with the spellings notes use for them.
///
/// Used to read actors out of the free-text notes of the bundled CSV ("attended by Jo Yong Won
/// and CC secretaries", "KJU guided…"). Only these names are recognised, so nothing is
/// invented; an input can always give actors explicitly instead.
public enum ActorCatalogue {
    static let entries: [(actor: Actor, spellings: [String])] = [
        (Actor(name: "Kim Jong Un", kind: .person), ["Kim Jong Un", "KJU", "김정은"]),
        (Actor(name: "Kim Tok Hun", kind: .person), ["Kim Tok Hun", "김덕훈"]),
        (Actor(name: "Pak Thae Song", kind: .person), ["Pak Thae Song", "박태성"]),
        (Actor(name: "Choe Ryong Hae", kind: .person), ["Choe Ryong Hae", "최룡해"]),
        (Actor(name: "Jo Yong Won", kind: .person), ["Jo Yong Won", "조용원"]),
        (Actor(name: "Ri Il Hwan", kind: .person), ["Ri Il Hwan", "리일환"]),
        (Actor(name: "Ri Hi Yong", kind: .person), ["Ri Hi Yong", "리히용"]),
        (Actor(name: "Choe Tong Myong", kind: .person), ["Choe Tong Myong", "최동명"]),
        (Actor(name: "Kim Hyong Sik", kind: .person), ["Kim Hyong Sik", "김형식"]),
        (
            Actor(name: "20×10 non-permanent central committee", kind: .body),
            ["non-permanent central committee", "non-permanent committee", "비상설추진위원회", "비상설중앙추진위원회"]
        ),
        (Actor(name: "WPK Central Committee secretaries", kind: .body), ["CC secretaries"]),
        (
            Actor(name: "OGD section for regional industry construction", kind: .body),
            ["Organization and Guidance Department", "Organisation and Guidance Department", "OGD"]
        ),
        (Actor(name: "Korean People's Army 124th regiments", kind: .body), ["124th Regiment", "124th regiment", "124연대"]),
    ]

    /// The catalogued actors `text` names, in catalogue order.
    public static func actors(namedIn text: String) -> [Actor] {
        entries.filter { entry in entry.spellings.contains { mentions(text, $0) } }.map(\.actor)
    }

    /// True when `spelling` occurs in `text` as a whole word (Latin) or anywhere (Hangul).
    static func mentions(_ text: String, _ spelling: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: spelling, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let isWordChar: (Character?) -> Bool = { $0.map { $0.isLetter && $0.isASCII } ?? false }
            if !isWordChar(before) && !isWordChar(after) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
