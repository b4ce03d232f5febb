import HTTPTypes
import Hummingbird
import JibangBase
import NIOCore

/// What the layout shows around every page: the title in English and Korean and the
/// navigation bar with the current section marked.
struct Frame {
    enum Section: String, CaseIterable {
        case overview = "/"
        case sites = "/sites"
        case trend = "/trend"
        case compare = "/compare"
        case corpus = "/corpus"
        case review = "/review"
        case releases = "/releases"

        var label: String {
            switch self {
            case .overview: "Overview · 개요"
            case .sites: "Sites · 대상지"
            case .trend: "Trends · 보도 추이"
            case .compare: "Compare · 비교"
            case .corpus: "Corpus · 말뭉치"
            case .review: "Review · 검토"
            case .releases: "Releases · 판"
            }
        }
    }

    struct NavItem {
        let href: String
        let label: String
        let on: Bool
    }

    let title: String
    let titleKo: String
    let nav: [NavItem]

    init(_ title: String, _ titleKo: String, section: Section?) {
        self.title = title
        self.titleKo = titleKo
        nav = Section.allCases.map { NavItem(href: $0.rawValue, label: $0.label, on: $0 == section) }
    }
}

/// A page: a view (plain values, with a `frame`) and the template that renders it. Every
/// string is escaped by the template; only chart SVG is inserted as it is.
struct Page {
    let template: String
    let view: Any

    func render() -> String { PageTemplates.render(view, with: template) }

    var response: Response { Self.html(render()) }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    struct ErrorView {
        let frame: Frame
        let detail: String
    }

    /// An error page with the same message the API would give.
    static func error(_ error: APIError) -> Response {
        let frame =
            error.status == .notFound ? Frame("Not found", "찾을 수 없음", section: nil) : Frame("Cannot show this page", "오류", section: nil)
        return html(Page(template: "error", view: ErrorView(frame: frame, detail: error.detail)).render(), status: error.status)
    }
}

/// Form inputs as the `field` and `select` partials draw them.
struct FormField {
    let label: String
    let name: String
    let value: String
    let placeholder: String
    let size: Int

    init(_ label: String, _ name: String, _ value: String?, placeholder: String = "", size: Int = 14) {
        self.label = label
        self.name = name
        self.value = value ?? ""
        self.placeholder = placeholder
        self.size = size
    }
}

struct FormSelect {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    let label: String
    let name: String
    let options: [Option]

    /// A select of `values`, `chosen` selected; `any`, when given, is a first option with an
    /// empty value (no filter) under that label.
    init(_ label: String, _ name: String, _ values: [String], chosen: String?, any: String? = nil) {
        self.label = label
        self.name = name
        options =
            (any.map { [Option(value: "", label: $0, selected: chosen == nil)] } ?? [])
            + values.map { Option(value: $0, label: $0, selected: $0 == chosen) }
    }
}

/// Query strings for links: pairs, percent-encoded.
enum QueryString {
    static func make(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }

    static func percent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}
