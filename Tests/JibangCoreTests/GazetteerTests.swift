import JibangBase
import JibangCore
import Testing

@Suite struct GazetteerTests {
    let gazetteer = try! BundledData.gazetteer()

    func ids(_ query: String) -> [String] {
        if case let .found(matches) = gazetteer.lookup(query) { return matches.map(\.id) }
        return []
    }

    @Test func bundledGazetteerHasThirteenProvincesAndTwoHundredLocalUnits() {
        #expect(gazetteer.provinces.count == 13)
        #expect(gazetteer.localUnits.count == 200)
    }

    /// Every spelling family of Kimhwa County finds KP0409.
    @Test(arguments: [
        "김화군", "김화", "Kimhwa", "Kimhwa County", "kimhwa county", "KIMHWA", "Gimhwa", "Gimhwa-gun", " Kimhwa ", "Kimhwa, Kangwon",
        "김화, 강원도", "Kimhwa County of Kangwon Province",
    ])
    func kimhwaBySpelling(query: String) {
        #expect(ids(query) == ["KP0409"])
    }

    @Test(arguments: [
        ("녕변군", "KP0614"), ("영변군", "KP0614"), ("영변", "KP0614"), ("Nyongbyon", "KP0614"), ("Yongbyon", "KP0614"),
        ("Yeongbyeon", "KP0614"), ("Nyŏngbyŏn", "KP0614"),
        ("P'yŏngsŏng", "KP0701"), ("Pyongsong", "KP0701"), ("Phyongsong", "KP0701"), ("Pyeongseong", "KP0701"),
        ("Ch'ŏrwŏn", "KP0413"), ("Chorwon", "KP0413"), ("Cheorwon", "KP0413"),
        ("룡천군", "KP0606"), ("용천군", "KP0606"), ("Ryongchon", "KP0606"), ("Yongcheon", "KP0606"),
        ("Kim Hyong Jik County", "KP0104"), ("kim-hyong-jik", "KP0104"), ("김형직군", "KP0104"),
        ("North Phyongan", "KP06"), ("평안북도", "KP06"), ("Pyeonganbuk-do", "KP06"),
    ])
    func spellingFamilies(query: String, id: String) {
        #expect(ids(query) == [id])
    }

    @Test func unsanIsAmbiguousAndTheProvincePicksOne() throws {
        #expect(Set(ids("Unsan")) == ["KP0617", "KP0720"])
        #expect(Set(ids("Unsan County")) == ["KP0617", "KP0720"])
        #expect(ids("Unsan, South Phyongan") == ["KP0720"])
        #expect(ids("Unsan, North Phyongan") == ["KP0617"])
        #expect(ids("은산군") == ["KP0720"])
        #expect(ids("운산군") == ["KP0617"])
        let error = try #require(throws: JibangError.self) { try gazetteer.resolve("Unsan") }
        #expect(error.code == .ambiguousPlace, "expected an ambiguous place, got \(error)")
        let candidates = error.alternatives
        #expect(candidates.count == 2)
        #expect(candidates.contains { $0.contains("North Phyongan") })
        #expect(candidates.contains { $0.contains("South Phyongan") })
    }

    @Test func kosongAndCholwonNoteTheirSouthernNamesakes() throws {
        let kosong = try gazetteer.resolve("Kosong")
        let cholwon = try gazetteer.resolve("Cholwon")
        #expect(Namesakes.note(for: kosong)?.contains("Goseong") == true)
        #expect(Namesakes.note(for: cholwon)?.contains("Cheorwon") == true)
        #expect(Namesakes.note(for: try gazetteer.resolve("Kimhwa")) == nil)
    }

    @Test func aMissSuggestsTheNearestNames() {
        guard case let .notFound(suggestions) = gazetteer.lookup("Kimwha") else {
            Issue.record("Kimwha should not match exactly")
            return
        }
        #expect(suggestions.first?.id == "KP0409")
        guard case let .notFound(korean) = gazetteer.lookup("김하군") else {
            Issue.record("김하군 is not a county")
            return
        }
        #expect(korean.contains { $0.id == "KP0409" })
    }

    @Test func anUnknownProvinceQualifierIsAMiss() {
        #expect(ids("Unsan, Atlantis").isEmpty)
    }

    @Test func unitSuffixPrefersThatKind() {
        // 강동 is only a county; the district suffix must not throw it away when nothing else matches.
        #expect(ids("Kangdong County") == ["KP1023"])
        #expect(ids("Taean District") == ["KP1105"])
    }

    @Test func everyDivisionIsFoundByEachOfItsPrimaryNames() {
        for division in gazetteer.divisions {
            for name in [division.nameKo, division.nameKCNA, division.nameRR, division.nameMR] {
                #expect(ids(name).contains(division.id), "\(name) should find \(division.id)")
            }
        }
    }
}
