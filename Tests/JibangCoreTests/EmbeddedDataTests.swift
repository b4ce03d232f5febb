import Foundation
import JibangBase
import JibangCore
import Testing

/// Issue 16, part 1: the bundled data is compiled into the binary (no resource bundle is looked
/// up), and what is compiled in is byte for byte the files in the source tree.
@Suite struct EmbeddedDataTests {
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/JibangCore/Resources/Bundled")

    @Test(arguments: ["20x10-sites.csv", "divisions.csv", "SOURCES.md", "divisions-sources.md"])
    func theCompiledInFileIsTheSourceFile(_ name: String) throws {
        let onDisk = try Data(contentsOf: Self.bundled.appendingPathComponent(name))
        #expect(Data(try BundledData.text(name).utf8) == onDisk, "\(name)")
    }

    @Test func anUnknownFileIsAClearError() {
        do {
            _ = try BundledData.text("nope.csv")
            Issue.record("an unknown bundled file was found")
        } catch {
            #expect(error.description.contains("nope.csv") && error.description.contains("rebuild"))
        }
    }
}
