import JibangCore
import Testing

@Suite struct FacilityParserTests {
    func kinds(_ text: String) -> [Facility.Kind] { FacilityParser.parse(text).map(\.kind) }

    @Test func kimhwaComplex() {
        #expect(
            kinds("foodstuff factory; garment factory; daily necessities factory; paper mill") == [
                .foodstuff, .garmentTextile, .dailyNecessities, .paper,
            ])
    }

    @Test func genericFactoriesWithoutAKind() {
        #expect(kinds("regional-industry factories") == [.regionalIndustryFactory])
        #expect(kinds("regional-industry factories (under construction)") == [.regionalIndustryFactory])
    }

    @Test func combinationsAndNames() {
        let facilities = FacilityParser.parse("hospital (Kangdong County Hospital) + general service centre / leisure complex")
        #expect(facilities.map(\.kind) == [.hospital, .serviceComplex])
        #expect(facilities.first?.name == "Kangdong County Hospital")
        let paper = FacilityParser.parse("paper mill (Unsan Paper Mill, 은산종이공장)")
        #expect(paper.map(\.kind) == [.paper])
        #expect(paper.first?.name == "Unsan Paper Mill")
    }

    @Test func aNameInParenthesesAddsItsKind() {
        let facilities = FacilityParser.parse("regional-industry factories (incl. Jangphung County Foodstuff Factory per KCNA 2024-10-07)")
        #expect(facilities.contains { $0.kind == .foodstuff && $0.name == "Jangphung County Foodstuff Factory" })
    }

    @Test func productsAreKept() {
        let facilities = FacilityParser.parse("regional-industry factories (products shown: foodstuffs, soap, clothes, household goods)")
        #expect(facilities.map(\.kind) == [.regionalIndustryFactory])
        #expect(facilities.first?.products == "foodstuffs, soap, clothes, household goods")
    }

    @Test func otherKinds() {
        #expect(kinds("modern marine aquaculture facility") == [.aquaculture])
        #expect(kinds("regional-industry factory + grain management facility") == [.regionalIndustryFactory, .grainManagement])
        #expect(
            kinds("light-industry factories + hospitals + comprehensive service centres") == [.regionalIndustryFactory, .hospital, .serviceComplex])
        #expect(kinds("regional development policy project (type not specified in excerpt)") == [.other])
        #expect(kinds("") == [])
    }

    @Test func pillars() {
        let site = Site(
            stageID: "2025", divisionID: "KP1023",
            milestones: [
                Milestone(
                    kind: .groundbreaking, date: MilestoneDate("2025-02-06")!, facilities: "hospital + regional-industry factories",
                    sources: [Source(url: "https://example.org")])
            ])
        #expect(site.pillars == [.industry, .health])
    }
}
