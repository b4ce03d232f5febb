import Foundation
import JibangBase
import JibangCore
import Testing

/// A source's address is checked by one regular expression, which the OpenAPI document quotes;
/// these are its cases, written out by hand.
@Suite struct WebAddressTests {
    @Test(arguments: [
        "http://a", "HTTPS://kcnawatch.org/newstream/1656065287-362949827/x?y=1#z", "https://user:pw@host.example:8080/p",
        "http://[::1]/x", "http://a%41.kp/", "http://평양.kp/로동신문", "https://example.org/a b".replacingOccurrences(of: " ", with: "%20"),
        " https://example.org/ \n", "https://example.org/{}|^`\"<>",
    ])
    func accepted(_ url: String) {
        #expect(Source.isWebAddress(url), "\(url.debugDescription) is an http(s) address")
    }

    @Test(arguments: [
        "", "example.org", "ftp://example.org", "https://", "https:///path", "https://TvTKR)\"S", "http://{0%", "http://a%zz/",
        "http://a@b@c", "https://example.org/a b", "https://example.org/\u{7}", "https://exa mple.org", "http://a:80x/", "mailto:x@y.z",
    ])
    func refused(_ url: String) {
        #expect(!Source.isWebAddress(url), "\(url.debugDescription) is not an http(s) address")
    }

    @Test func storedTrimmedAndRefusalsSayWhatWasExpected() throws {
        #expect(try FieldRules.url(" https://example.org/x\n", at: InputLocation(file: "f")) == "https://example.org/x")
        #expect {
            try FieldRules.url("https://example.org/a b", at: InputLocation(file: "f", line: 3))
        } throws: { error in
            "\(error)".contains("expected an http(s) address") && "\(error)".contains("f:3")
        }
    }

    @Test func theBundledRecordsAddressesAllPass() throws {
        let record = try ProgrammeCSV.read(try BundledData.programmeCSV(), file: "20x10-sites.csv", gazetteer: try BundledData.gazetteer())
        let urls = record.flatMap { $0.milestone.sources.map(\.url) }
        #expect(urls.count > 100)
        #expect(urls.filter { !Source.isWebAddress($0) }.isEmpty)
    }
}
