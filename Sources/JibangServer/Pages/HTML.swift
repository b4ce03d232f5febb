import HTTPTypes
import Hummingbird
import JibangBase
import JibangCharts
import NIOCore

/// Server-rendered HTML: every dynamic string goes through `HTML.escape` (or `text`/`attr`),
/// so article text, site names, queries and notes can never become markup.
enum HTML {
    static func escape(_ text: String) -> String { SVG.escape(text) }

    /// A query string from pairs, percent-encoded.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percent($0.0))=\(percent($0.1))" }.joined(separator: "&")
    }

    static func percent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"),
                UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

/// One page: a title in English and Korean, a navigation bar and the content.
struct Page {
    enum Section: String, CaseIterable {
        case overview = "/"
        case sites = "/sites"
        case trend = "/trend"
        case compare = "/compare"
        case review = "/review"

        var label: String {
            switch self {
            case .overview: "Overview · 개요"
            case .sites: "Sites · 대상지"
            case .trend: "Trends · 보도 추이"
            case .compare: "Compare · 비교"
            case .review: "Review · 검토"
            }
        }
    }

    let title: String
    let titleKo: String
    let section: Section?
    let body: String

    static let style = """
        :root{--ink:#1d2433;--muted:#5b6475;--line:#d9dde5;--accent:#0072B2;--bg:#fbfbfc}
        *{box-sizing:border-box}body{margin:0;font-family:'Noto Sans KR','Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',system-ui,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
        header{background:#fff;border-bottom:1px solid var(--line)}header .in{max-width:1100px;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
        header a.brand{font-weight:700;font-size:1.2rem;color:var(--ink);text-decoration:none}nav a{color:var(--muted);text-decoration:none;margin-right:.9rem;white-space:nowrap}nav a.on{color:var(--accent);font-weight:600}
        main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.4rem 0 1rem}h1 small{color:var(--muted);font-weight:400;font-size:1rem;margin-left:.5rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem;background:#fff}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}th{color:var(--muted);font-weight:600}
        .scroll{overflow-x:auto}.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}.gap{color:#b35c00}
        .bar{background:#e8ecf2;border-radius:3px;height:14px;position:relative;min-width:120px}.bar span{display:block;height:14px;border-radius:3px;background:var(--accent)}.bar span.g{background:#7fb3d5;position:absolute;top:0;left:0}
        form.q{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;border:1px solid var(--line);padding:.7rem;border-radius:6px}form.q label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
        input,select,button{font:inherit;padding:.3rem .4rem}button{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.35rem .8rem;cursor:pointer}
        figure{margin:1rem 0;background:#fff;border:1px solid var(--line);padding:.5rem;border-radius:6px}figure svg{width:100%;height:auto}figure.map svg{max-width:600px;display:block;margin:0 auto}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.8rem}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.7rem}.card b{font-size:1.6rem;display:block}
        .snippet{font-size:.9rem;background:#f4f6f9;padding:.4rem .6rem;border-left:3px solid var(--line)}footer{max-width:1100px;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85rem}
        @media (max-width:600px){h1{font-size:1.25rem}th,td{padding:.3rem}}
        """

    func render() -> String {
        let nav = Section.allCases.map { s in
            "<a href=\"\(s.rawValue)\"\(s == section ? " class=\"on\" aria-current=\"page\"" : "")>\(HTML.escape(s.label))</a>"
        }.joined()
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Jibang 지방</title><style>\(Self.style)</style></head>
            <body><header><div class="in"><a class="brand" href="/">Jibang 지방</a><nav>\(nav)</nav></div></header>
            <main><h1>\(HTML.escape(title))<small lang="ko">\(HTML.escape(titleKo))</small></h1>
            \(body)
            </main><footer>Jibang tracks North Korea's Regional Development 20×10 programme and state-media attention, every fact with its source. · <a href="/api/v1/openapi.json">API</a></footer></body></html>
            """
    }

    var response: Response { Self.html(render()) }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// An error page with the same message the API would give.
    static func error(_ error: APIError) -> Response {
        let page = Page(
            title: error.status == .notFound ? "Not found" : "Cannot show this page", titleKo: error.status == .notFound ? "찾을 수 없음" : "오류",
            section: nil, body: "<p>\(HTML.escape(error.detail))</p><p><a href=\"/\">Back to the overview</a></p>")
        return html(page.render(), status: error.status)
    }
}
