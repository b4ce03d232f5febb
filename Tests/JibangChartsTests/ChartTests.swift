import Foundation
import Testing

@testable import JibangCharts

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects every element name, attribute and text of an XML document; nil when it does not parse.
final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var text = ""
    var attributes: [String] = []

    static func parse(_ xml: String) -> XMLCollector? {
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        elements.append(name)
        self.attributes += attributes.values
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

@Suite struct ChartTests {
    let hostile = "<script>alert('x')</script> & \"지방공업\""

    func lineChart() -> LineChart {
        LineChart(
            title: "지방공업|지방경제 vs 군수공業", subtitle: hostile, periods: ["2010", "2011", "2012", "2013"],
            lines: [.init(name: "regional-economy", values: [1, 6, nil, 2]), .init(name: hostile, values: [3, 2, 1, 0], dash: 1)],
            yLabel: "documents", markers: [.init(line: 0, period: 1, label: "peak 2011")],
            annotations: [.init(position: 0, label: "2010 joint editorial")])
    }

    @Test func lineChartParsesAndCarriesItsSeriesAndLabels() throws {
        let svg = lineChart().svg()
        let xml = try #require(XMLCollector.parse(svg))
        #expect(xml.elements.first == "svg")
        #expect(xml.elements.filter { $0 == "polyline" }.count == 3)  // the gap splits the first line
        for label in ["regional-economy", hostile, "2010", "2013", "peak 2011", "2010 joint editorial", "documents"] {
            #expect(xml.text.contains(label), "missing \(label)")
        }
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("Noto Sans CJK KR"))
    }

    /// The same chart in every process and on every machine: a render equals the committed
    /// golden file (two renders in one process could share state and prove nothing).
    /// `JIBANG_UPDATE_GOLDEN=1` rewrites the file after an intended change.
    @Test func chartsAreDeterministic() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/line-chart.svg")
        let svg = lineChart().svg()
        if ProcessInfo.processInfo.environment["JIBANG_UPDATE_GOLDEN"] == "1" { try Data(svg.utf8).write(to: golden) }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(svg == expected, "the line chart differs from Golden/line-chart.svg")
    }

    @Test func barAndScatterParse() throws {
        let bars = BarChart(title: "GDP per capita", bars: [.init(label: "2019", value: 1400, note: "VNR 2021")], yLabel: "US$")
        let barXML = try #require(XMLCollector.parse(bars.svg()))
        #expect(barXML.elements.contains("rect"))
        #expect(barXML.text.contains("1400"))
        let points = [ScatterChart.Point(x: 1, y: 2, label: "2011"), .init(x: 2, y: 4.5, label: "2012"), .init(x: 3, y: 5.5, label: "2013")]
        let scatter = ScatterChart(title: "scatter", points: points, xLabel: "regional-economy", yLabel: "defence-industry")
        let scatterXML = try #require(XMLCollector.parse(scatter.svg()))
        #expect(scatterXML.elements.filter { $0 == "circle" }.count == 3)
        #expect(scatterXML.text.contains("defence-industry"))
        // Least squares by hand: mean x 2, mean y 4; slope = ((-1)(-2) + 0 + (1)(1.5)) / 2 = 1.75.
        let fit = try #require(ScatterChart.fit(points))
        #expect(abs(fit.slope - 1.75) < 1e-12)
        #expect(abs(fit.intercept - 0.5) < 1e-12)
    }

    @Test func numbersAreFormattedWithoutLocaleOrNegativeZero() {
        #expect(SVG.number(-0.001) == "0")
        #expect(SVG.number(12.345) == "12.35" || SVG.number(12.345) == "12.34")
        #expect(SVG.number(100) == "100")
        #expect(SVG.label(0.25) == "0.25")
    }
}

/// Periods of thin coverage are shaded behind the lines and named in the legend.
@Suite struct LowCoverageShadingTests {
    @Test func shadedPeriodsAreDrawnAndExplained() {
        var chart = LineChart(
            title: "t", periods: ["2019", "2020", "2021"], lines: [.init(name: "a", values: [1, 2, 3])], yLabel: "n")
        #expect(!chart.svg().contains("low-coverage"))
        chart.shaded = [1]
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<rect").count - 1 == 3)  // background, the band, the legend swatch
        #expect(svg.contains("2020: few documents in the corpus"))
        #expect(svg.contains("under a quarter of the usual documents"))
    }
}
