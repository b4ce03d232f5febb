import Foundation
import JibangCLI
import JibangTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// compare, peaks, report, indicator and events as a user runs them, on the New Year texts.
@Suite struct AnalyticsCLITests {
    /// Mentions per year by a plain scan of the fixture: whitespace removed, occurrences counted.
    func plainMentions(_ terms: [String]) -> [String: Double] {
        var counts: [String: Double] = [:]
        for line in Fixtures.text("new-year-addresses-1995-2019.jsonl").split(separator: "\n") {
            guard let record = try? json(String(line)) as? [String: Any], let body = record["body"] as? String, let date = record["date"] as? String
            else { continue }
            let text = body.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace }
            let n = terms.reduce(0) { $0 + text.components(separatedBy: $1).count - 1 }
            counts[String(date.prefix(4)), default: 0] += Double(n)
        }
        return counts
    }

    func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    func ingestedDirectory() async throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        let ingest = await jibang(["ingest", Fixtures.path("new-year-addresses-1995-2019.jsonl")], in: dir.path)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return dir
    }

    @Test func compareFindsThe2011PeakAndMatchesAPlainScan() async throws {
        let dir = try await ingestedDirectory()
        defer { dir.remove() }
        let run = await jibang(
            ["compare", "regional-economy", "defence-industry", "--measure", "mentions", "--lag", "2", "--format", "json", "--svg", "c.svg"],
            in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try json(run.stdout) as? [String: Any])
        for key in ["pearson", "spearman"] {
            let stat = try #require(object[key] as? [String: Any])
            for field in ["r", "p", "ci_low", "ci_high"] { #expect(stat[field] is Double, "\(key).\(field)") }
            let differences = try #require(object["differences"] as? [String: Any])
            #expect((differences[key] as? [String: Any])?["r"] is Double)
        }
        #expect((object["best_lag"] as? [String: Any])?["lag"] is Int)
        let peaks = try #require(object["peaks"] as? [String: [String]])
        #expect(peaks["regional-economy"]?.contains("2011") == true)

        // The same numbers from a plain scan of the raw fixture.
        let regional = plainMentions(["지방공업", "지방경제"])
        let defence = plainMentions(["군수공업", "국방공업"])
        let years = (1995...2019).map(String.init)
        #expect(regional.max { $0.value < $1.value }?.key == "2011")
        let expected = pearson(years.map { regional[$0] ?? 0 }, years.map { defence[$0] ?? 0 })
        let r = try #require((object["pearson"] as? [String: Any])?["r"] as? Double)
        #expect(abs(r - expected) < 1e-9, "r \(r) vs plain scan \(expected)")
        let svg = try String(contentsOfFile: dir.file("c.svg"), encoding: .utf8)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("regional-economy") && svg.contains("defence-industry"))
    }

    @Test func peaksListTheirArticlesAndNearbyEvents() async throws {
        let dir = try await ingestedDirectory()
        defer { dir.remove() }
        let run = await jibang(["peaks", "지방공업|지방경제", "--measure", "mentions", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        let peaks = try #require(try json(run.stdout) as? [[String: Any]])
        let peak2011 = try #require(peaks.first { $0["period"] as? String == "2011" })
        #expect(((peak2011["documents"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == ["nya-2011"])
        #expect(((peak2011["events"] as? [[String: Any]]) ?? []).contains { $0["date"] as? String == "2010-01-01" })
    }

    @Test func indicatorsAreSourcedAndProtectedFromSilentOverwrite() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let list = await jibang(["indicator", "list", "--format", "json"], in: dir.path)
        let preloaded = try #require(try json(list.stdout) as? [[String: Any]])
        #expect(
            preloaded.contains {
                $0["name"] as? String == "GDP per capita" && $0["value"] as? Double == 1400 && ($0["source"] as? String)?.isEmpty == false
            })
        let add = [
            "indicator", "add", "Grain output", "--period", "2020", "--value", "5.5", "--unit", "million tonnes", "--source", "FAO GIEWS 2021",
        ]
        #expect(await jibang(add, in: dir.path).status == 0)
        let again = await jibang(add, in: dir.path)
        #expect(again.status == 65)
        #expect(again.stderr.contains("--replace"))
        let noSource = await jibang(
            ["indicator", "add", "X", "--period", "2020", "--value", "1", "--unit", "u", "--source", " "], in: dir.path)
        #expect(noSource.status != 0)
        #expect(noSource.stderr.contains("source"))
        let csv = await jibang(["indicator", "list", "--format", "csv"], in: dir.path)
        #expect(csv.stdout.contains("Grain output,million tonnes,2020,5.5,FAO GIEWS 2021,"))
    }

    @Test func aConstantSeriesIsAClearError() async throws {
        let dir = try await ingestedDirectory()
        defer { dir.remove() }
        let run = await jibang(["compare", "regional-economy", "nowhere=존재하지않는낱말"], in: dir.path)
        #expect(run.status == 65)
        #expect(run.stderr.contains("nowhere is constant"))
        let events = await jibang(["events", "--events", dir.write("e.csv", "date,label,source\nsoon,x,y\n")], in: dir.path)
        #expect(events.status == 65)
        #expect(events.stderr.contains("e.csv:2"))
    }

    /// The case that misled (issue 12, part 2): one document a year for decades, then hundreds,
    /// and a year with none. The comparison uses rates, says why, leaves the empty year out,
    /// and its r equals a plain computation on rates.
    @Test func aCorpusThatGrowsIsComparedByRatesWithGapsLeftOut() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var lines: [String] = []
        var documents: [Int: Int] = [:]
        var hitsA: [Int: Int] = [:]
        var hitsB: [Int: Int] = [:]
        var rng = SeededGenerator(seed: 1957)
        for year in 1980...2012 where year != 2005 {
            let count = year < 2010 ? 1 : 300
            for i in 0..<count {
                let a = Int.random(in: 0..<10, using: &rng) < (year < 2010 ? 5 : 1)
                let b = Int.random(in: 0..<10, using: &rng) < (year < 2010 ? 5 : 1)
                let body = "보도 \(i) " + (a ? "가나다라 " : "") + (b ? "마바사아 " : "") + "끝"
                lines.append(#"{"id": "\#(year)-\#(i)", "outlet": "KCNA", "date": "\#(year)-03-01", "body": "\#(body)"}"#)
                documents[year, default: 0] += 1
                if a { hitsA[year, default: 0] += 1 }
                if b { hitsB[year, default: 0] += 1 }
            }
        }
        #expect(await jibang(["ingest", dir.write("growing.jsonl", lines.joined(separator: "\n"))], in: dir.path).status == 0)
        let run = await jibang(["compare", "a=가나다라", "b=마바사아", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("comparing rates per 1,000 documents because the documents per period range from 1"), "\(run.stderr)")
        let object = try #require(try json(run.stdout) as? [String: Any])
        #expect((object["options"] as? [String: Any])?["value"] as? String == "share")
        #expect(object["dropped_periods"] as? [String] == ["2005"], "the year without documents is missing, not zero")
        let pearson = try #require(object["pearson"] as? [String: Any])
        let years = documents.keys.sorted()
        #expect(pearson["n"] as? Int == years.count, "n counts the periods with data (seed \(rng.seed))")
        func rate(_ hits: [Int: Int], _ year: Int) -> Double { (Double(hits[year] ?? 0) * 1000 / Double(documents[year]!) * 100).rounded() / 100 }
        let expected = self.pearson(years.map { rate(hitsA, $0) }, years.map { rate(hitsB, $0) })
        #expect(abs((pearson["r"] as? Double ?? .nan) - expected) < 1e-9, "r on rates, computed by hand: \(expected) (seed \(rng.seed))")

        // The chart draws the empty year as a gap: each of the two lines in two runs.
        #expect(await jibang(["compare", "a=가나다라", "b=마바사아", "--svg", "c.svg"], in: dir.path).status == 0)
        let svg = try String(contentsOfFile: dir.file("c.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4, "two lines, each broken at 2005")

        let counted = await jibang(["compare", "a=가나다라", "b=마바사아", "--value", "count", "--format", "json"], in: dir.path)
        #expect(counted.status == 0)
        #expect(counted.stderr.contains("warning: counting, though the documents per period range from 1"))

        let trend = await jibang(["trend", "a=가나다라", "--format", "json"], in: dir.path)
        let rows = try #require((try json(trend.stdout) as? [String: Any])?["rows"] as? [[String: Any]])
        let empty = try #require(rows.first { $0["period"] as? String == "2005" })
        #expect(empty["total"] as? Int == 0)
        #expect((empty["per1000"] as? [String: Any])?["a"] is NSNull, "0 of 0 is no rate")
    }

    /// An outlet that switches from Korean to English reporting is named as a change of
    /// languages, in the JSON and on stderr; an unknown language is no change (issue 12, part 2).
    @Test func aChangeOfLanguagesIsNamed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var lines: [String] = []
        for year in 2000...2010 {
            // Korean to 2005, English from 2006; 2003's documents name no language.
            let language = year == 2003 ? "" : year < 2006 ? #", "language": "ko""# : #", "language": "en""#
            for i in 0..<2 {
                let a = i == 0 ? year % 2 == 0 : year % 5 == 0
                let b = i == 0 ? year % 3 == 0 : year % 4 == 1
                let body = (a ? "가나다라 " : "") + (b ? "마바사아 " : "")
                lines.append(
                    #"{"id": "\#(year)-\#(i)", "outlet": "KCNA", "date": "\#(year)-05-0\#(i + 1)", "body": "\#(body)보도 \#(year)"\#(language)}"#)
            }
        }
        #expect(await jibang(["ingest", dir.write("languages.jsonl", lines.joined(separator: "\n"))], in: dir.path).status == 0)
        let run = await jibang(["compare", "a=가나다라", "b=마바사아", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: the languages change across the periods compared (2006: + en; − ko)"), "\(run.stderr)")
        #expect(!run.stderr.contains("outlets change"), "one outlet throughout")
        let object = try #require(try json(run.stdout) as? [String: Any])
        let changes = try #require(object["language_changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["period"] as? String == "2006")
        #expect(changes.first?["added"] as? [String] == ["en"] && changes.first?["removed"] as? [String] == ["ko"])

        let english = await jibang(["compare", "a=가나다라", "b=마바사아", "--from", "2006", "--format", "json"], in: dir.path)
        #expect(english.status == 0, "\(english.stderr)")
        #expect(((try json(english.stdout) as? [String: Any])?["language_changes"] as? [Any])?.isEmpty == true)
        #expect(!english.stderr.contains("languages change"), "one language from 2006: no mix")

        let report = await jibang(["report", "--out", "r", "--regional", "a=가나다라", "--defence", "b=마바사아", "--science", "c=자차카"], in: dir.path)
        #expect(report.stderr.contains("warning: the languages change across the periods compared (2006: + en; − ko)"), "\(report.stderr)")
    }

    /// A new outlet joining the corpus is named as a change of mix (issue 12, part 2).
    @Test func aChangeOfOutletsIsNamed() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var lines: [String] = []
        for year in 2000...2012 {
            let outlets = year < 2005 ? ["Rodong Sinmun"] : ["Rodong Sinmun", "KCNA"]
            for i in outlets.indices {
                let body = ((year + i) % 2 == 0 ? "가나다라 " : "") + ((year + i) % 3 == 0 ? "마바사아 " : "")
                lines.append(#"{"id": "\#(year)-\#(i)", "outlet": "\#(outlets[i])", "date": "\#(year)-05-01", "body": "\#(body)보도 \#(year)"}"#)
            }
        }
        #expect(await jibang(["ingest", dir.write("mix.jsonl", lines.joined(separator: "\n"))], in: dir.path).status == 0)
        let run = await jibang(["compare", "a=가나다라", "b=마바사아", "--format", "json"], in: dir.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: the outlets change across the periods compared (2005: + KCNA)"), "\(run.stderr)")
        let changes = try #require((try json(run.stdout) as? [String: Any])?["outlet_changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["period"] as? String == "2005")
        #expect(changes.first?["added"] as? [String] == ["KCNA"])
        let one = await jibang(["compare", "a=가나다라", "b=마바사아", "--outlet", "rodong sinmun", "--format", "json"], in: dir.path)
        #expect(!one.stderr.contains("outlets change"), "one outlet: no mix")

        // One outlet per series: each counted, and its rate taken, within its own outlet.
        let split = await jibang(
            ["compare", "a=가나다라", "b=마바사아", "--outlet-a", "kcna", "--outlet-b", "Rodong Sinmun", "--value", "share", "--format", "json"],
            in: dir.path)
        #expect(split.status == 0, "\(split.stderr)")
        let object = try #require(try json(split.stdout) as? [String: Any])
        let options = try #require(object["options"] as? [String: Any])
        #expect(options["outlet"] as? String == "KCNA" && options["outlet_b"] as? String == "Rodong Sinmun")
        let series = try #require(object["series"] as? [[String: Any]])
        #expect(series[0]["missing"] as? [String] == (2000...2004).map(String.init), "KCNA has nothing before 2005")
        // By hand: KCNA's one document a year (i = 1) has a when year + 1 is even; Rodong Sinmun's (i = 0) has b when year is a multiple of 3.
        #expect((series[0]["values"] as? [Double])?.suffix(8) == (2005...2012).map { ($0 + 1) % 2 == 0 ? 1000 : 0 })
        #expect(series[1]["values"] as? [Double] == (2000...2012).map { $0 % 3 == 0 ? 1000 : 0 })
        #expect((object["pearson"] as? [String: Any])?["n"] as? Int == 8, "only the years both outlets have")
    }
}
