import Foundation
import Mustache
import Testing

@testable import JibangServer

/// The page templates: every one parses, and only chart SVG is inserted unescaped.
@Suite struct TemplateTests {
    /// `{{{name}}}` and `{{& name}}` insert text as it is: allowed only for SVG that JibangCharts
    /// drew, whose view fields end in `Svg`.
    /// The names a template inserts unescaped.
    static func unescaped(in template: String) -> [String] {
        template.matches(of: /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/).map { String($0.output.1 ?? $0.output.2 ?? "") }
    }

    @Test func onlyChartSVGIsInsertedUnescaped() throws {
        let raw = PageTemplates.all.flatMap { name, text in Self.unescaped(in: text).map { "\(name): \($0)" } }
        #expect(
            raw.count == 9,
            "the map, the forecast chart, the site timeline and map, the trend chart, the three compare charts and the coverage heatmap: \(raw)")
        let unsafe = raw.filter { !$0.hasSuffix("Svg") }
        #expect(unsafe.isEmpty, "unescaped non-SVG values: \(unsafe)")
    }

    @Test func theCheckSeesUnescapedValues() {
        #expect(Self.unescaped(in: "<p>{{{note}}}</p>{{& title}} {{escaped}}") == ["note", "title"])
    }

    @Test func everyTemplateParses() {
        #expect(PageTemplates.library.getTemplate(named: "layout") != nil)
        for name in PageTemplates.all.keys { #expect(PageTemplates.library.getTemplate(named: name) != nil, "\(name)") }
    }
}
