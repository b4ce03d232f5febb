import Foundation
import JibangBase
import JibangCore
import JibangTestSupport
import Testing

/// Issue 17, part 2: mutated place names and milestone dates. `JIBANG_TEST_SEED=N` replays.
@Suite struct CoreFuzzTests {
    static let seed: UInt64 = 20_261_131

    /// A place name resolves, or the error is about that name: unknown (with the name quoted)
    /// or ambiguous (with the candidates).
    @Test func placeNamesResolveOrNameTheProblem() throws {
        var fuzz = Fuzz(seed: Self.seed)
        let gazetteer = try BundledData.gazetteer()
        let examples = ["Kimhwa", "김화군", "Unsan, South Phyongan", "녕변", "P'yŏngsŏng", "Kangdong County", "KP0310", "Gimhwa"]
        for _ in 0..<600 {
            let input = fuzz.mutate(fuzz.pick(examples))
            do {
                _ = try gazetteer.resolve(idOrName: input)
            } catch {
                #expect([.unknownPlace, .ambiguousPlace, .invalidInput].contains(error.code), "seed \(fuzz.seed): \(String(reflecting: input))")
                #expect(!error.message.isEmpty && !error.message.contains("Optional("), "seed \(fuzz.seed): \(error.message)")
                if error.code == .ambiguousPlace { #expect(error.alternatives.count > 1, "seed \(fuzz.seed): \(String(reflecting: input))") }
            }
        }
    }

    /// Found by the fuzzer: "+202" and "0000" were years, printing as "202" and "0", which do
    /// not read back; "+024-02-07" was a day printing as "24-02-07".
    @Test func onlyFourASCIIDigitsMakeAYear() {
        for text in ["+202", "0000", "+024-02-07", "２０２４", "2024-+3", "0000-01"] { #expect(MilestoneDate(text) == nil, "\(text)") }
        #expect(MilestoneDate("0024") == .year(24))
        #expect(MilestoneDate("0024")?.description == "0024")
    }

    /// A milestone date that parses prints as text that parses back to it.
    @Test func milestoneDatesReadBackWhatTheyPrint() {
        var fuzz = Fuzz(seed: Self.seed + 1)
        let examples = ["2024-03-07", "2024-03", "2024", "2024-03-06/2024-03-10", "../2024-03-07", "on or before 2024-03-07"]
        for _ in 0..<3000 {
            let input = fuzz.mutate(fuzz.pick(examples))
            guard let date = MilestoneDate(input) else { continue }
            #expect(MilestoneDate(date.description) == date, "seed \(fuzz.seed): \(String(reflecting: input)) gave \(date)")
        }
    }
}
