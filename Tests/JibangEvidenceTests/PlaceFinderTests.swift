import Foundation
import JibangCore
import JibangCorpus
import Testing

@testable import JibangEvidence

@Suite struct PlaceFinderTests {
    static let gazetteer = try! BundledData.gazetteer()
    let finder = PlaceFinder(gazetteer: gazetteer, programmeYears: ["KP0617": [2024]])

    func places(_ text: String, articleProvinces: Set<String> = [], year: Int = 2024) -> [String] {
        finder.places(in: Sentence(SentenceSplitter.repair(text)), articleProvinces: articleProvinces, year: year).places.map(\.division.id)
    }

    func id(_ name: String) -> String { try! Self.gazetteer.resolve(name).id }

    @Test(arguments: [
        ("Kim Jong Un gave field guidance in Hamju County, South Hamgyong Province.", "Hamju County"),
        ("The construction in Kusong City is progressing.", "Kusong City"),
        ("Onchon County of Nampho Municipality built new houses.", "Onchon County"),
        ("지방공업공장들이 김화군에서 준공되였다.", "Kimhwa County"),
        ("구성시의 지방공업공장 건설", "Kusong City"),
        ("강동군에서는", "Kangdong County"),
        ("Gimhwa County hosted the ceremony.", "Kimhwa County"),
    ])
    func eachSpellingFamilyFindsThePlace(_ text: String, _ expected: String) {
        #expect(places(text) == [id(expected)])
    }

    @Test func listsBeforeAndAfterThePluralAreRead() {
        let before = places("Those dispatched to Usi, Kyongsong and Kumya counties are pushing ahead.")
        #expect(Set(before) == Set(["Usi County", "Kyongsong County", "Kumya County"].map(id)))
        let after = places("Women in the counties of Cholsan, Sonchon and Yomju are helping.")
        #expect(Set(after) == Set(["Cholsan County", "Sonchon County", "Yomju County"].map(id)))
    }

    @Test func ambiguousNamesNeedAProvinceOrTheProgramme() {
        // Two Unsan counties: 운산군 (North Phyongan) and 은산군 (South Phyongan).
        let northPhyongan = id("North Phyongan Province")
        let southPhyongan = id("South Phyongan Province")
        let noHint = PlaceFinder(gazetteer: Self.gazetteer)
        #expect(noHint.places(in: Sentence("Builders in Unsan County are busy."), articleProvinces: [], year: 2024).places.isEmpty)
        #expect(places("Builders in Unsan County, South Phyongan Province are busy.") == [id("은산군")])
        #expect(places("Builders in Unsan County are busy.", articleProvinces: [northPhyongan]) == [id("운산군")])
        // The programme outranks a province named elsewhere in the article: a 2024 report of
        // groundbreakings "in Kujang, Unsan and Yonthan counties" names South Phyongan only for
        // Songchon (Korea Bizwire, 2024-03-11), and Unsan there is 운산군, a 2024 site.
        #expect(places("Builders in Unsan County are busy.", articleProvinces: [southPhyongan]) == [id("운산군")])
        let notASite = PlaceFinder(gazetteer: Self.gazetteer, programmeYears: ["KP0617": [2026]])
        #expect(
            notASite.places(in: Sentence("Builders in Unsan County are busy."), articleProvinces: [southPhyongan], year: 2024).places.map(
                \.division.id)
                == [id("은산군")], "no site yet: the article's province settles it")
        // Without any province, the namesake that is a programme site by that year wins.
        let settled = finder.places(in: Sentence("Builders in Unsan County are busy."), articleProvinces: [], year: 2024).places
        #expect(settled.map(\.division.id) == [id("운산군")])
        #expect(settled.first?.resolution == .programme)
    }

    @Test func runTogetherWordsAreSeparated() {
        #expect(SentenceSplitter.repair("General SecretaryKim Jong Un visitedHamju County") == "General Secretary Kim Jong Un visited Hamju County")
        #expect(places("The leader inspectedHamju County on August 31.") == [id("Hamju County")])
    }

    @Test func provincesAreNotPlaces() {
        let result = finder.places(in: Sentence("Factories under construction in North Phyongan Province."), articleProvinces: [], year: 2024)
        #expect(result.places.isEmpty)
        #expect(result.provinces.map(\.id) == [id("North Phyongan Province")])
    }

    @Test func koreanNeedsAWordStartAndTakesSouthernSpellings() {
        #expect(places("녕변군 지방공업공장") == [id("Nyongbyon County")])
        #expect(places("영변군 지방공업공장") == [id("Nyongbyon County")])
        // 김화군 inside a longer word is not the county.
        #expect(places("신김화군읍").isEmpty)
    }
}

@Suite struct EventRuleTests {
    func rule(_ text: String) -> EvidenceEvent? {
        let lowered = text.lowercased()
        return EventRules.match(lowered: lowered, compact: lowered.replacingOccurrences(of: " ", with: ""))?.event
    }

    @Test(arguments: [
        ("Inauguration ceremony of regional-industry factories in Sukchon County held", EvidenceEvent.inauguration),
        ("김화군 지방공업공장 준공식이 진행되였다", .inauguration),
        ("조업식이 있었다", .inauguration),
        ("A ground-breaking ceremony was held for regional-industry factories", .groundbreaking),
        ("성천군 지방공업공장 착공식", .groundbreaking),
        ("Kim Jong Un gave field guidance at regional-industry factories under construction", .leaderVisit),
        ("김정은동지께서 지방공업공장건설장을 현지지도하시였다", .leaderVisit),
        ("Kim Jong Un inspected the factories", .leaderVisit),
        ("Premier Pak Thae Song inspected the construction site", .officialVisit),
        ("The framework construction of the factories was completed", .frameworkCompleted),
        ("골조공사를 끝내였다", .frameworkCompleted),
        ("Soldier-builders are pushing ahead with the construction of the factories", .constructionProgress),
        ("지방공업공장 건설이 힘있게 추진되고 있다", .constructionProgress),
    ])
    func rulesReadBothLanguages(_ text: String, _ expected: EvidenceEvent) {
        #expect(rule(text) == expected)
    }

    @Test func ordinarySentencesReportNothing() {
        #expect(rule("Young people volunteered to work on farms.") == nil)
        #expect(rule("The harvest was good this year.") == nil)
    }

    @Test func facilitiesAreNamed() {
        #expect(
            EventRules.facilities(in: "the foodstuff and garment factories and a hospital") == ["foodstuff factory", "garment factory", "hospital"])
    }
}

@Suite struct EventDateTests {
    let published = Day(year: 2024, month: 9, day: 2)!

    @Test func datesComeFromTheTextWithTheDatelineYear() {
        #expect(EventDate.find(in: "gave field guidance in Hamju County on August 31", published: published).date.description == "2024-08-31")
        #expect(EventDate.find(in: "on August 24 and 25 at factories", published: published).date.description == "2024-08-24/2024-08-25")
        // A day after the publication belongs to the month before.
        #expect(EventDate.find(in: "the ceremony held on the 10th", published: Day(year: 2024, month: 1, day: 11)!).date.description == "2024-01-10")
        #expect(EventDate.find(in: "the ceremony held on the 28th", published: published).date.description == "2024-08-28")
        // A month after the publication belongs to the year before.
        #expect(EventDate.find(in: "on December 20", published: Day(year: 2025, month: 1, day: 8)!).date.description == "2024-12-20")
        #expect(EventDate.find(in: "준공식이 10일에 진행되였다", published: Day(year: 2024, month: 12, day: 11)!).date.description == "2024-12-10")
        #expect(EventDate.find(in: "8월 24일과 25일", published: published).date.description == "2024-08-24/2024-08-25")
        #expect(EventDate.find(in: "24일과 25일에", published: Day(year: 2024, month: 8, day: 26)!).date.description == "2024-08-24/2024-08-25")
    }

    @Test func noDateIsOnOrBeforeThePublication() {
        let found = EventDate.find(in: "Construction is progressing apace.", published: published)
        #expect(found.date.description == "../2024-09-02")
        #expect(found.words == nil)
    }
}

@Suite struct ScannerTests {
    static let gazetteer = try! BundledData.gazetteer()

    func scan(title: String, body: String, published: String) -> [Candidate] {
        let scanner = EvidenceScanner(gazetteer: Self.gazetteer, sites: [Site(stageID: "2024", divisionID: "KP0617")])
        return scanner.scan(StoredArticle(documentID: "d1", title: title, body: body, outlet: "KCNA", published: published, url: nil))
    }

    @Test func aCeremonyReportBecomesACandidateWithItsDate() {
        let found = scan(
            title: "Inauguration Ceremony of Regional-industry Factories in Sukchon County Held",
            body:
                "Pyongyang, January 9 (KCNA) -- An inauguration ceremony of the regional-industry factories in Sukchon County took place on January 8.",
            published: "2025-01-09")
        #expect(found.count == 1)
        #expect(found.first?.placeID == "KP0715")
        #expect(found.first?.event == .inauguration)
        #expect(found.first?.date == "2025-01-08", "the dateline's January 9 is the publication, not the event")
        #expect(found.first?.facilities == ["regional-industry factories"])
        #expect((found.first?.confidence ?? 0) >= 0.9)
    }

    @Test func aKoreanReportIsReadToo() {
        let found = scan(
            title: "김화군 지방공업공장 준공식 진행", body: "강원도 김화군에서 지방공업공장들의 준공식이 10일에 진행되였다.", published: "2024-12-11")
        #expect(found.map(\.placeID) == ["KP0409"])
        #expect(found.first?.event == .inauguration)
        #expect(found.first?.date == "2024-12-10")
    }

    @Test func aProvinceOnlyReportListsTheProvincesSites() {
        let found = scan(
            title: "Regional-industry factories under construction",
            body: "Regional-industry factories under construction in North Phyongan Province are taking shape.", published: "2024-09-01")
        #expect(found.first?.placeID == nil)
        #expect(found.first?.provinceID == "KP06")
        #expect(found.first?.provinceSites.contains { $0.contains("KP0617") } == true)
    }

    @Test func designWorkAndOtherTopicsAreNotEvents() {
        #expect(
            scan(
                title: "Achievements Made for Architectural Development",
                body: "They finished the layout of regional-industry factories in Kumya County and houses under construction.",
                published: "2024-08-30"
            ).isEmpty)
        #expect(
            scan(
                title: "New Floodgate Built", body: "Attending its inaugural ceremony on August 11 were officials of Onchon County.",
                published: "2024-08-12"
            ).isEmpty)
    }
}

@Suite struct EvaluationTests {
    @Test func precisionAndRecallCountPlaceEventMonth() {
        func candidate(_ place: String?, _ event: EvidenceEvent, _ date: String) -> Candidate {
            Candidate(
                placeID: place, placeName: nil, provinceID: "KP03", event: event, facilities: [], date: MilestoneDate(date)!, documentID: "d",
                documentTitle: "", documentDate: "2024-09-02", outlet: "KCNA", url: nil, snippet: "", confidence: 0.9, why: "")
        }
        let labels = [
            EvidenceLabel(placeID: "A", event: .leaderVisit, month: "2024-08", note: ""),
            EvidenceLabel(placeID: "B", event: .constructionProgress, month: "2024-09", note: ""),
            EvidenceLabel(placeID: "C", event: .inauguration, month: "2024-09", note: ""),
        ]
        let result = Evaluation(
            candidates: [
                candidate("A", .leaderVisit, "../2024-09-02"),  // undated, first week: may be August
                candidate("A", .leaderVisit, "2024-08-31"),  // the same tuple again
                candidate("B", .constructionProgress, "../2024-09-21"),
                candidate("B", .leaderVisit, "2024-09-03"),  // wrong event
                candidate(nil, .constructionProgress, "../2024-09-02"),  // province only: not counted
            ], labels: labels)
        #expect(result.truePositives == ["A|leader_visit|2024-08", "B|construction_progress|2024-09"])
        #expect(result.falsePositives == ["B|leader_visit|2024-09"])
        #expect(result.falseNegatives == ["C|inauguration|2024-09"])
        #expect(abs(result.precision - 2.0 / 3) < 1e-12)
        #expect(abs(result.recall - 2.0 / 3) < 1e-12)
    }
}
