import Foundation
import Testing

@testable import KoreanText

@Suite struct NameKeyTests {
    /// North Korean spellings keep initial ㄹ/ㄴ; the key must equal the South Korean one.
    @Test(arguments: [
        ("로동", "노동"), ("력사", "역사"), ("리용", "이용"), ("녀성", "여성"), ("락원", "낙원"), ("령도", "영도"),
        ("녕변", "영변"), ("룡천", "용천"), ("량강", "양강"), ("라선", "나선"), ("린산", "인산"),
    ])
    func initialSoundFolding(north: String, south: String) {
        #expect(NameKey.fold(north) == NameKey.fold(south))
        #expect(NameKey.fold(north) == south)
    }

    @Test func onlyTheFirstSyllableIsFolded() {
        // 신라 must not become 신나: the rule applies at the start of a word only.
        #expect(NameKey.fold("신라") == "신라")
        #expect(NameKey.fold("고려") == "고려")
    }

    @Test func syllablesOutsideTheRuleAreUnchanged() {
        #expect(NameKey.fold("김화") == "김화")
        #expect(NameKey.fold("노동") == "노동")
        #expect(Hangul.southKoreanInitial("가") == "가")
        #expect(Hangul.southKoreanInitial("A") == "A")
    }

    @Test func decomposedHangulMatchesComposed() {
        let nfd = "녕변군".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > 3)
        #expect(NameKey.fold(nfd) == NameKey.fold("영변군"))
    }

    @Test(arguments: [
        ("P'yŏngsŏng", "pyongsong"), ("Ch'ŏrwŏn", "chorwon"), ("Kim Hyong Jik", "kimhyongjik"),
        ("kim-hyong-jik", "kimhyongjik"), ("ŬNSAN", "unsan"), ("Pyeonganbuk-do", "pyeonganbukdo"), ("Sin’gye", "singye"),
    ])
    func latinFolding(name: String, key: String) {
        #expect(NameKey.fold(name) == key)
    }

    @Test func spacesInHangulAreIgnored() {
        #expect(NameKey.fold("김 화 군") == NameKey.fold("김화군"))
    }
}

@Suite struct PlaceNameTests {
    @Test(arguments: [
        ("김화군", "김화", UnitSuffix?.some(.county)), ("구성시", "구성", .city), ("대안구역", "대안", .district),
        ("평안북도", "평안북", .province), ("개성특별시", "개성", .province), ("Kimhwa County", "Kimhwa", .county),
        ("Kusong City", "Kusong", .city), ("Pyeonganbuk-do", "Pyeonganbuk", .province), ("Sindo", "Sindo", nil),
        ("Nampho Municipality", "Nampho", .province), ("Kimhwa", "Kimhwa", nil),
    ])
    func suffixes(text: String, base: String, suffix: UnitSuffix?) {
        let name = PlaceName(text)
        #expect(name.base == base)
        #expect(name.suffix == suffix)
    }

    @Test func aNameThatIsAllSuffixKeepsIt() {
        #expect(PlaceName("군").base == "군")
        #expect(PlaceName("Do").base == "Do")
    }
}

@Suite struct EditDistanceTests {
    @Test(arguments: [("kitten", "sitting", 3), ("", "abc", 3), ("kimhwa", "kimwha", 2), ("same", "same", 0), ("김화", "김하", 1)])
    func levenshtein(a: String, b: String, distance: Int) {
        #expect(editDistance(a, b) == distance)
        #expect(editDistance(b, a) == distance)
    }
}
