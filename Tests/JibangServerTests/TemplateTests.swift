import Foundation
import Mustache
import Testing

@testable import JibangServer

/// The page templates: every one parses, and only chart SVG is inserted unescaped.
@Suite struct TemplateTests {
    /// `{{{name}}}` and `{{& name}}` insert text as it is: allowed only for SVG that JibangCharts
    /// drew, whose view fields end in `Svg`.
    @Test func onlyChartSVGIsInsertedUnescaped() throws {
        var raw: [String] = []
        for (name, text) in PageTemplates.all {
            for match in text.matches(of: /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/) {
                raw.append("\(name): \(match.output.1 ?? match.output.2 ?? "")")
            }
        }
        #expect(raw.count == 5, "the map, the trend chart and the three compare charts: \(raw)")
        let unsafe = raw.filter { !$0.hasSuffix("Svg") }
        #expect(unsafe.isEmpty, "unescaped non-SVG values: \(unsafe)")
    }

    @Test func theCheckSeesUnescapedValues() {
        let template = "<p>{{{note}}}</p>{{& title}}"
        #expect(template.matches(of: /\{\{\{\s*([^}]*?)\s*\}\}\}|\{\{&\s*([^}]*?)\s*\}\}/).count == 2)
    }

    @Test func everyTemplateParses() {
        #expect(PageTemplates.library.getTemplate(named: "layout") != nil)
        for name in PageTemplates.all.keys { #expect(PageTemplates.library.getTemplate(named: name) != nil, "\(name)") }
    }
}
