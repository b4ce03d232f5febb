import Testing

@testable import KoreanText

@Suite struct DateParserTests {
    @Test(arguments: [
        ("2024-01-15", "2024-01-15"), ("2024-01", "2024-01"), ("2024", "2024"), ("2024-01-15T09:30:00Z", "2024-01-15"),
        ("1705276800", "2024-01-15"), ("1705276800000", "2024-01-15"), ("1703376000000", "2023-12-24"),
        ("2024년 1월 15일", "2024-01-15"), ("2024년 1월", "2024-01"), ("2024년", "2024"),
        ("주체113(2024)년 1월 15일", "2024-01-15"), ("주체113년", "2024"), ("Juche 113 (2024)", "2024"), ("juche 100", "2011"),
    ])
    func forms(text: String, expected: String) {
        #expect(DateParser.parse(text)?.description == expected)
    }

    @Test func kcnaDatelineNeedsAYear() {
        #expect(DateParser.parse("Pyongyang, January 15 (KCNA) -- The...", fallbackYear: 2024)?.description == "2024-01-15")
        #expect(DateParser.parse("Pyongyang, January 15 (KCNA) -- The...") == nil)
        #expect(DateParser.parse("Pyongyang, February 30 (KCNA) --", fallbackYear: 2024) == nil)
    }

    @Test(arguments: ["", "yesterday", "2024-13-01", "2023-02-29", "주체113(2023)년", "15/01/2024"])
    func refused(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    @Test func dayNumbersRoundTrip() {
        for day in stride(from: -800_000, to: 800_000, by: 997) {
            let (y, m, d) = PartialDate.civil(fromDayNumber: day)
            #expect(PartialDate.dayNumber(year: y, month: m, day: d) == day)
        }
        #expect(PartialDate.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(PartialDate.dayNumber(year: 2024, month: 1, day: 15) == 19_737)
    }
}

@Suite struct SearchTextTests {
    @Test func hangulDropsSpacesAndSeparatesAtPunctuation() {
        let text = SearchText("지방 공업을. 발전 20×10")
        #expect(String(decoding: text.hangul.map { $0 == SearchText.separator ? 0x7C : $0 }, as: UTF16.self) == "지방공업을|발전")
    }

    @Test func everyUTF8LengthIsDecoded() {
        // 1-byte ASCII, 2-byte é and NBSP, 3-byte Hangul and ideographic space, 4-byte emoji.
        let text = SearchText("Café\u{00A0}de 지방\u{3000}공업 😀 Ŭnsan")
        #expect(String(decoding: text.latin, as: UTF8.self) == " cafe de unsan ")
        #expect(String(decoding: text.hangul, as: UTF16.self) == "지방공업")
    }

    @Test func latinIsLowercasedWithWordBoundaries() {
        #expect(String(decoding: SearchText("Regional-Industry factories, Kimhwa!").latin, as: UTF8.self) == " regional industry factories kimhwa ")
        #expect(String(decoding: SearchText("P'yŏngsŏng 20×10").latin, as: UTF8.self) == " p yongsong 20x10 ")
    }
}

@Suite struct InitialSoundVariantsTests {
    @Test(arguments: [("노동", "로동"), ("로동", "노동"), ("이용", "리용"), ("여성", "녀성"), ("낙원", "락원"), ("영도", "령도"), ("역사", "력사"), ("조선노동당", "조선로동당")])
    func bothSpellings(term: String, other: String) {
        let variants = InitialSoundVariants.of(term)
        #expect(variants.first == term)
        #expect(variants.contains(other))
    }

    @Test func oneSyllableTermsAreNotFolded() {
        #expect(InitialSoundVariants.of("리") == ["리"])
        #expect(InitialSoundVariants.of("군") == ["군"])
    }

    @Test func termsWithoutTheseSoundsHaveNoVariants() {
        #expect(InitialSoundVariants.of("지방공업") == ["지방공업"])
        #expect(InitialSoundVariants.of("regional industry") == ["regional industry"])
    }
}

@Suite struct PartialDateTests {
    @Test func lastDayFollowsPrecision() {
        #expect(PartialDate(year: 2024, month: 2)!.lastDayNumber == PartialDate.dayNumber(year: 2024, month: 2, day: 29))
        #expect(PartialDate(year: 2023)!.lastDayNumber == PartialDate.dayNumber(year: 2023, month: 12, day: 31))
        #expect(PartialDate(year: 2023, month: 5, day: 7)!.lastDayNumber == PartialDate(year: 2023, month: 5, day: 7)!.firstDayNumber)
    }
}
