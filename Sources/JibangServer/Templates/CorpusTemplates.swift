/// The trend explorer, the compare page, keyword in context and the corpus pages.
extension PageTemplates {
    /// The period, measure, outlet and date inputs that the trend and compare forms share.
    static let filters = """
        {{#by}}{{> select}}{{/by}}{{#measure}}{{> select}}{{/measure}}{{#outlet}}{{> field}}{{/outlet}}{{#from}}{{> field}}{{/from}}{{#to}}{{> field}}{{/to}}
        """

    static let trend = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/trend">{{#groups}}{{> field}}{{/groups}}{{#filters}}{{> filters}}{{/filters}}<button type="submit">Count</button></form>
        <p class="muted">Presets: regional-economy, defence-industry, defence-science, 20x10. Terms separated by |, "quoted phrases", -excluded. Korean matching folds 로동 = 노동, ignores spacing and finds words with particles.</p>
        {{#error}}<p class="gap">{{.}}</p>{{/error}}
        {{#result}}<figure>{{{chartSvg}}}</figure>
        <p>Download: <a href="/api/v1/trend?{{download}}&amp;format=csv">CSV</a> · <a href="/api/v1/trend?{{download}}">JSON</a></p>
        <div class="scroll"><table><thead><tr><th>Period</th><th>Outlet</th><th class="num">Documents</th>{{#groupNames}}<th class="num">{{.}}</th><th class="num">‰</th>{{/groupNames}}<th>Articles</th></tr></thead><tbody>
        {{#rows}}<tr><td>{{period}}</td><td>{{outlet}}</td><td class="num">{{total}}</td>{{#cells}}<td class="num">{{count}}</td><td class="num">{{per1000}}</td>{{/cells}}<td>{{#kwic}}<a href="/kwic?{{.}}">in context</a>{{/kwic}}</td></tr>
        {{/rows}}</tbody></table></div><h2>Variants matched <span lang="ko" class="muted">일치한 표기</span></h2><ul>
        {{#variants}}<li><b>{{name}}</b> = {{query}}: {{matched}}{{#terms}}<br><span class="muted">Share of hits: {{.}}</span>{{/terms}}{{#reliance}}<br><span class="gap">{{.}}: the series without it is in the JSON download.</span>{{/reliance}} · <a href="/trend?{{collocatesLink}}#collocates">collocates</a></li>
        {{/variants}}</ul><p class="muted">{{documents}} documents counted, measure: {{measure}} per {{by}}.</p>
        {{#collocates}}<h2 id="collocates">Collocates of {{group}} <span lang="ko" class="muted">연어</span></h2><p class="muted">{{summary}}</p>
        <div class="scroll"><table><thead><tr><th>Word</th><th class="num">Near the hits</th><th class="num">Expected</th><th class="num">G²</th></tr></thead><tbody>
        {{#rows}}<tr><td>{{word}}</td><td class="num">{{count}}</td><td class="num">{{expected}}</td><td class="num">{{llr}}</td></tr>
        {{/rows}}</tbody></table></div>{{/collocates}}{{/result}}{{/content}}{{/layout}}
        """

    static let compare = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/compare">{{#a}}{{> field}}{{/a}}{{#b}}{{> field}}{{/b}}{{#filters}}{{> filters}}{{/filters}}{{#lag}}{{> field}}{{/lag}}<button type="submit">Compare</button></form>
        {{#error}}<p class="gap">{{.}}</p>{{/error}}
        {{#result}}{{#cautions}}<p class="gap">{{.}}</p>
        {{/cautions}}<div class="scroll"><table><thead><tr><th>On</th><th>Method</th><th class="num">r</th><th class="num">p</th><th>95% CI</th><th class="num">n</th></tr></thead><tbody>
        {{#correlations}}<tr><td>{{on}}</td><td>{{method}}</td><td class="num">{{r}}</td><td class="num">{{p}}</td><td>[{{low}}, {{high}}]</td><td class="num">{{n}}</td></tr>
        {{/correlations}}</tbody></table></div>
        {{#hasLeftOut}}<h2>With each term left out <span lang="ko" class="muted">용어 하나씩 뺀 상관</span></h2><p class="muted">Does the correlation survive a change of dictionary?</p><div class="scroll"><table><thead><tr><th>Term left out</th><th>Of</th><th class="num">Pearson r</th><th class="num">Spearman ρ</th></tr></thead><tbody>{{/hasLeftOut}}
        {{#leftOut}}<tr><td>{{term}}</td><td>{{group}}</td><td class="num">{{r}}</td><td class="num">{{rho}}</td></tr>
        {{/leftOut}}{{#hasLeftOut}}</tbody></table></div>{{/hasLeftOut}}
        {{#bestLag}}<p>Strongest lag: <b>{{lag}}</b> {{by}}(s), r = {{r}} (positive: A leads B).</p>{{/bestLag}}
        <figure>{{{linesSvg}}}</figure><figure>{{{lagsSvg}}}</figure><figure>{{{scatterSvg}}}</figure>
        {{#peaks}}<p>Peaks of <b>{{name}}</b>: {{periods}}</p>
        {{/peaks}}{{/result}}{{/content}}{{/layout}}
        """

    static let kwic = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/kwic">{{#term}}{{> field}}{{/term}}{{#from}}{{> field}}{{/from}}{{#to}}{{> field}}{{/to}}<button type="submit">Show</button></form>
        <div class="scroll"><table><thead><tr><th>Date</th><th>Outlet</th><th>Title</th><th class="num">Left</th><th>Match</th><th>Right</th></tr></thead><tbody>
        {{#lines}}<tr><td>{{date}}</td><td>{{outlet}}</td><td>{{title}}</td><td class="num">{{left}}</td><td><b>{{match}}</b></td><td>{{right}}</td></tr>
        {{/lines}}</tbody></table></div><p class="muted">{{count}} lines.</p>{{/content}}{{/layout}}
        """

    static let corpus = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/corpus">{{#by}}{{> select}}{{/by}}{{#outlet}}{{> field}}{{/outlet}}<button type="submit">Show</button></form>
        {{#error}}<p class="gap">{{.}}</p>{{/error}}
        <h2>Coverage <span lang="ko" class="muted">수록 범위</span></h2>
        <figure>{{{heatmapSvg}}}</figure>
        {{#lowCount}}<p class="gap">{{lowCount}} period(s) hold under a quarter of the documents of the 12 periods around them (outlined): likely gaps in the corpus, shaded in trend and compare figures. {{lowList}}</p>{{/lowCount}}
        {{^lowCount}}<p class="muted">No period looks like a gap in the corpus.</p>{{/lowCount}}
        <p>Data: <a href="/api/v1/corpus/coverage?{{download}}">JSON</a></p>
        <h2>Edited and withdrawn <span lang="ko" class="muted">수정·삭제된 기사</span></h2>
        {{^changes}}<p class="muted">No document was republished with edits or withdrawn.</p>{{/changes}}
        {{#hasChanges}}<ul>{{#changes}}<li><a href="/corpus/changes?document={{documentQuery}}">{{documentId}}</a> {{outlet}} · {{summary}}</li>
        {{/changes}}</ul><p><a href="/corpus/changes">All changes, side by side</a></p>{{/hasChanges}}
        <h2>Reprints <span lang="ko" class="muted">중복 게재</span></h2>
        <p class="muted">Near-copies of one story across outlets and ids (MinHash; <code>jibang corpus reprints</code>). A trend with reprints=once counts each cluster once, by its first-seen member.</p>
        {{^reprints}}<p class="muted">No near-copies found.</p>{{/reprints}}
        {{#reprints}}<section><h3>{{clusterId}} <small class="muted">first in {{firstOutlet}} on {{firstDate}}, {{size}} documents</small></h3><ul>
        {{#members}}<li>{{date}} {{outlet}} {{documentId}}: similarity {{similarity}}, −{{wordsRemoved}} +{{wordsAdded}} words · {{title}}</li>{{/members}}</ul></section>
        {{/reprints}}{{/content}}{{/layout}}
        """

    static let changes = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/corpus/changes">{{#from}}{{> field}}{{/from}}{{#outlet}}{{> field}}{{/outlet}}{{#document}}{{> field}}{{/document}}<button type="submit">Show</button></form>
        {{#error}}<p class="gap">{{.}}</p>{{/error}}
        <p class="muted">A document stored again under its id with different wording is kept as a new version; the two versions observed last are compared word by word (Korean: by eojeol), removals <del>struck</del>, additions <ins>marked</ins>.</p>
        {{^changes}}<p>No changes.</p>{{/changes}}
        {{#changes}}<section><h2>{{documentId}} <small>{{outlet}}</small></h2>
        <ul class="muted">{{#versions}}<li>version {{version}}: observed {{observed}}, dated {{date}} — {{title}}</li>{{/versions}}</ul>
        {{#withdrawn}}<p class="gap">Withdrawn from {{source}}: last seen {{lastSeen}}, missing since {{noticedAt}}.</p>{{/withdrawn}}
        {{#compared}}<div class="sbs"><div><h3>Version {{fromVersion}}</h3><p>{{#older}}{{#removed}}<del>{{text}}</del>{{/removed}}{{^removed}}{{text}}{{/removed}} {{/older}}</p></div>
        <div><h3>Version {{toVersion}}</h3><p>{{#newer}}{{#added}}<ins>{{text}}</ins>{{/added}}{{^added}}{{text}}{{/added}} {{/newer}}</p></div></div>{{/compared}}</section>
        {{/changes}}{{/content}}{{/layout}}
        """

}
