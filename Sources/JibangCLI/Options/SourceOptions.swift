import ArgumentParser
import Foundation
import JibangBase
import JibangCore
import JibangStore

/// The fields of a source, shared by `add milestone` and `add source`.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: "Address (http/https) of the report. Required: no fact without a source.")
    var url: String
    @Option(help: "Who published it (default: the web host).")
    var outlet: String?
    @Option(help: "The report's title.")
    var title: String?
    @Option(help: "Publication day, YYYY-MM-DD.")
    var published: String?
    @Option(help: "Language of the report (ko, en, ja…).")
    var language: String?
    @Option(help: "The words of the report the fact rests on.")
    var quote: String?

    func source() throws(JibangError) -> Source {
        Source(
            url: try FieldRules.url(url, at: InputLocation(file: "--url")),
            outlet: outlet ?? Source.host(of: url), title: title,
            published: try FieldRules.day(published ?? "", at: InputLocation(file: "--published")),
            language: language, quote: quote)
    }
}
