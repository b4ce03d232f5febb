/// The frame every page shares: head, navigation, title and footer. Pages fill `content`.
///
/// Templates are Swift string literals, so they are compiled into the binary: no resource
/// bundle is looked up at run time. `{{ }}` escapes; `{{{ }}}` is used only for SVG that
/// JibangCharts drew (names ending in `Svg`), which `TemplateTests` checks.
extension PageTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{frame.title}} · Jibang 지방</title><style>\(style)</style></head>
        <body><header><div class="in"><a class="brand" href="/">Jibang 지방</a><nav>{{#frame.nav}}<a href="{{href}}"{{#on}} class="on" aria-current="page"{{/on}}>{{label}}</a>{{/frame.nav}}</nav></div></header>
        <main><h1>{{frame.title}}<small lang="ko">{{frame.titleKo}}</small></h1>
        {{$content}}{{/content}}
        </main><footer>Jibang tracks North Korea's Regional Development 20×10 programme and state-media attention, every fact with its source. · <a href="/api/v1/openapi.json">API</a></footer></body></html>
        """

    static let style = """
        :root{--ink:#1d2433;--muted:#5b6475;--line:#d9dde5;--accent:#0072B2;--bg:#fbfbfc}
        *{box-sizing:border-box}body{margin:0;font-family:'Noto Sans KR','Noto Sans CJK KR','Apple SD Gothic Neo','Malgun Gothic',system-ui,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
        header{background:#fff;border-bottom:1px solid var(--line)}header .in{max-width:1100px;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
        @media print{header,nav,form,details,.q,footer{display:none!important}body{background:#fff;color:#000}a{color:#000;text-decoration:none}a[href^="http"]::after{content:" (" attr(href) ")";font-size:.75em;word-break:break-all}.scroll{overflow:visible}table{page-break-inside:auto}tr,figure{page-break-inside:avoid}}pre.changelog{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}.sbs{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.sbs>div{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.2rem .8rem;overflow-wrap:anywhere}del{background:#fde2e1}ins{background:#d9f2dd;text-decoration:none}@media (max-width:700px){.sbs{grid-template-columns:1fr}}header a.brand{font-weight:700;font-size:1.2rem;color:var(--ink);text-decoration:none}nav a{color:var(--muted);text-decoration:none;margin-right:.9rem;white-space:nowrap}nav a.on{color:var(--accent);font-weight:600}
        main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.4rem 0 1rem}h1 small{color:var(--muted);font-weight:400;font-size:1rem;margin-left:.5rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
        table{border-collapse:collapse;width:100%;font-size:.92rem;background:#fff}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}th{color:var(--muted);font-weight:600}
        .scroll{overflow-x:auto}.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}.gap{color:#b35c00}
        .bar{background:#e8ecf2;border-radius:3px;height:14px;position:relative;min-width:120px}.bar span{display:block;height:14px;border-radius:3px;background:var(--accent)}.bar span.g{background:#7fb3d5;position:absolute;top:0;left:0}
        form.q{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;border:1px solid var(--line);padding:.7rem;border-radius:6px}form.q label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
        input,select,button{font:inherit;padding:.3rem .4rem}button{background:var(--accent);color:#fff;border:0;border-radius:4px;padding:.35rem .8rem;cursor:pointer}button.quiet{background:#8a93a3}
        figure{margin:1rem 0;background:#fff;border:1px solid var(--line);padding:.5rem;border-radius:6px}figure svg{width:100%;height:auto}figure.map svg{max-width:600px;display:block;margin:0 auto}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.8rem}.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.7rem}.card b{font-size:1.6rem;display:block}
        .snippet{font-size:.9rem;background:#f4f6f9;padding:.4rem .6rem;border-left:3px solid var(--line)}footer{max-width:1100px;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85rem}
        .gcard{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.2rem .9rem .8rem;margin:.8rem 0}.gcard.sel{border-color:var(--accent);box-shadow:0 0 0 2px var(--accent)}.gcard:focus{outline:none}.gcard h2{font-size:1.05rem}ol.reports{padding-left:1.2rem}form.who,form.undo{margin:.4rem 0}kbd{border:1px solid var(--line);border-radius:3px;padding:0 .3rem;background:#fff}form.decide{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}form.decide details{flex-basis:100%}
        @media (max-width:600px){h1{font-size:1.25rem}th,td{padding:.3rem}}
        """

    /// A text input inside a label: {label, name, value, placeholder, size}.
    static let field = """
        <label>{{label}}<input name="{{name}}" value="{{value}}" placeholder="{{placeholder}}" size="{{size}}"></label>
        """

    /// A select inside a label: {label, name, options: [{value, label, selected}]}.
    static let select = """
        <label>{{label}}<select name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></label>
        """

    /// Links to a milestone's sources: [{separator, isLink, url, label, text}].
    static let sources = """
        {{#sources}}{{separator}}{{#isLink}}<a href="{{url}}" rel="noopener noreferrer">{{label}}</a>{{/isLink}}{{^isLink}}{{text}}{{/isLink}}{{/sources}}
        """

    static let error = """
        {{<layout}}{{$content}}<p>{{detail}}</p><p><a href="/">Back to the overview</a></p>{{/content}}{{/layout}}
        """
}
