/// The overview, the site list and the site page.
extension PageTemplates {
    static let overview = """
        {{<layout}}{{$content}}<div class="cards"><div class="card"><b>{{covered}} / {{target}}</b>cities and counties in a 20×10 wave<br><span lang="ko" class="muted">20×10 대상 시·군</span></div><div class="card"><b>{{siteCount}}</b>sites with a record<br><span lang="ko" class="muted">기록된 대상지</span></div><div class="card"><b>{{inaugurated}}</b>sites inaugurated<br><span lang="ko" class="muted">준공된 대상지</span></div></div>
        <p class="muted">Record as of {{recordAsOf}} (the newest date in the record) · bundled data {{bundledData}} <span lang="ko">기록 기준일</span></p>
        <h2>Progress by wave <span lang="ko" class="muted">연차별 진척</span></h2><div class="scroll"><table><thead><tr><th>Stage</th><th class="num">Target</th><th class="num">Sites</th><th>Ground broken / inaugurated against the target</th><th>Phases on {{asOf}}</th><th>Associated projects</th><th class="num">Cumulative</th></tr></thead><tbody>
        {{#waves}}<tr><td>{{label}}</td><td class="num">{{target}}</td><td class="num">{{sites}}</td><td><div class="bar" role="img" aria-label="{{groundbreakings}} ground broken, {{inaugurations}} inaugurated of {{of}}"><span class="g" style="width:{{brokenPercent}}%"></span><span style="width:{{donePercent}}%;position:relative"></span></div><span class="muted">{{groundbreakings}} ground broken · {{inaugurations}} inaugurated</span></td><td>{{#phases}}<a href="/sites?year={{year}}&amp;phase={{phase}}">{{phase}}</a> {{count}}{{^last}} · {{/last}}{{/phases}}</td><td>{{associated}}</td><td class="num">{{cumulative}}</td></tr>
        {{/waves}}</tbody></table></div>{{#roleDisputes}}<p class="muted">The sources disagree whether {{place}} ({{stage}}) is one of the wave's cities and counties: {{readings}}; the counts use <b>{{countedAs}}</b>.</p>{{/roleDisputes}}
        <p class="muted">Sites counts only a wave's own cities and counties; an associated project (an offshore farm, a paper mill, a hospital at a place that already is a site) is shown and sourced but never counted. Phases follow written rules (<a href="/api/v1/programme/status">JSON</a>): stalled means not inaugurated and no report for {{stallMonths}} months.</p>
        <h2>Forecast <span lang="ko" class="muted">전망</span></h2><figure class="chart">{{{forecastSvg}}}<figcaption class="muted">{{forecastText}} Covered means a city or county with an inaugurated wave site. <a href="/api/v1/programme/forecast">JSON</a>; the method is in the README and in <code>jibang forecast --out DIR</code>'s methods note.</figcaption></figure>
        <h2>Map <span lang="ko" class="muted">지도</span></h2><figure class="map">{{{mapSvg}}}<figcaption class="muted">Each dot is a city or county; programme sites are coloured by wave: a ring when planned, a dot when under construction, a larger dot when inaugurated. Hover for names and dates. The outline is Natural Earth's 1:110m country polygon (public domain; coarse, so a coastal dot may fall just outside it); provinces are named, not drawn, as no open province boundaries were found.</figcaption></figure>
        <h2>Latest milestones <span lang="ko" class="muted">최근 소식</span></h2><div class="scroll"><table><thead><tr><th>Date</th><th>Place</th><th>Event</th><th>Sources</th></tr></thead><tbody>
        {{#latest}}<tr><td>{{date}}</td><td><a href="/sites/{{placeID}}">{{place}}</a> <span lang="ko">{{placeKo}}</span></td><td>{{event}}</td><td>{{> sources}}</td></tr>
        {{/latest}}</tbody></table></div>{{/content}}{{/layout}}
        """

    static let sites = """
        {{<layout}}{{$content}}<form class="q" method="get" action="/sites">{{#year}}{{> select}}{{/year}}<label>Province · 도<select name="province"><option value="">all</option>{{#provinces}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}} {{nameKo}}</option>{{/provinces}}</select></label>{{#status}}{{> select}}{{/status}}{{#phase}}{{> select}}{{/phase}}<button type="submit">Show</button></form>
        <div class="scroll"><table><thead><tr><th>Place</th><th>Province</th><th>Stage</th><th>Status</th><th>Phase</th><th>Ground broken</th><th>Inaugurated</th><th>Facilities</th></tr></thead><tbody>
        {{#rows}}<tr><td><a href="/sites/{{id}}">{{name}}</a> <span lang="ko">{{nameKo}}</span></td><td>{{province}}</td><td>{{stage}}{{#associated}} <span class="muted">(associated)</span>{{/associated}}</td><td>{{status}}</td><td>{{phase}}</td><td>{{#groundbreaking}}{{.}}{{/groundbreaking}}{{^groundbreaking}}<span class="gap">not reported</span>{{/groundbreaking}}</td><td>{{#inauguration}}{{.}}{{/inauguration}}{{^inauguration}}<span class="gap">not reported</span>{{/inauguration}}</td><td>{{facilities}}</td></tr>
        {{/rows}}</tbody></table></div><p class="muted">{{count}} sites; phases as of {{asOf}}. Gaps stay gaps: a date no source gives is shown as not reported. <a href="/api/v1/sites">JSON</a></p>{{/content}}{{/layout}}
        """

    static let site = """
        {{<layout}}{{$content}}{{#message}}<p class="gap" role="status">{{.}}</p>{{/message}}<p>{{province}} · {{nameKo}} · RR {{nameRR}} · MR {{nameMR}}</p>
        {{#namesake}}<p class="muted">{{.}}</p>{{/namesake}}
        {{#stages}}<h2>{{label}} — {{status}}</h2>{{#associated}}<p class="gap">An associated project: a project of the policy at this place, not counted among the wave's cities and counties.</p>{{/associated}}{{#roleReadings}}<p class="muted">The sources read its role: {{.}}</p>{{/roleReadings}}
        <p><b>Phase · 단계:</b> {{phase}} on {{asOf}} — {{phaseRule}}</p><details><summary>How the phase was derived</summary><ul>{{#phaseSteps}}<li>{{.}}</li>{{/phaseSteps}}</ul></details>
        <p><b>Pillars · 혁신체계:</b> {{pillars}} · <b>Facilities · 시설:</b> {{facilities}}</p>
        <div class="scroll"><table><thead><tr><th>Date</th><th>Event</th><th>Status</th><th>Actors</th><th>Note</th><th>Sources</th><th>Correct · 수정</th></tr></thead><tbody>
        {{#milestones}}<tr><td>{{date}}{{#disagreement}}<br><span class="gap">sources disagree: {{.}}</span>{{/disagreement}}{{#secondaryOnly}}<br><span class="muted">secondary sources only</span>{{/secondaryOnly}}</td><td>{{event}}</td><td>{{status}}</td><td>{{actors}}</td><td>{{note}}</td><td>{{> sources}}</td>
        <td>{{#id}}<details><summary>#{{.}}</summary><form method="post" action="/sites/{{placeID}}/milestones/{{.}}"><label>Token<input type="password" name="token" autocomplete="off" required></label><label>Reason<input name="reason" required></label><label>Date<input name="date" value="{{dateValue}}"></label><label>Event<input name="event" value="{{eventValue}}"></label><label>Place<input name="place" placeholder="unchanged"></label><button name="action" value="edit">Save</button>{{^retracted}}<button name="action" value="retract" class="quiet">Retract</button>{{/retracted}}{{#retracted}}<button name="action" value="restore" class="quiet">Restore</button>{{/retracted}}<label>Source<select name="source"><option value="">choose a source</option>{{#sourceURLs}}<option value="{{.}}">{{.}}</option>{{/sourceURLs}}</select></label><button name="action" value="retract-source" class="quiet">Retract source</button><button name="action" value="restore-source" class="quiet">Restore source</button></form></details>{{/id}}</td></tr>
        {{/milestones}}</tbody></table></div>{{^inaugurated}}<p class="gap">No dated inauguration yet.</p>{{/inaugurated}}
        {{/stages}}{{#hasHistory}}<h2>History <span lang="ko" class="muted">수정 이력</span></h2><ul>{{#history}}<li>{{at}} · {{what}}{{#reason}} — {{.}}{{/reason}}</li>
        {{/history}}</ul>{{/hasHistory}}{{/content}}{{/layout}}
        """

    static let releases = """
        {{<layout}}{{$content}}<p>A release is a named, immutable version of the programme record, kept in the store: a report can cite the version it used. <code>jibang release create NAME</code> makes one; <code>jibang release diff A B</code> compares any two. <a href="/api/v1/releases">JSON</a></p>
        {{^releases}}<p class="gap">No release yet.</p>{{/releases}}{{#releases}}<h2>{{name}}</h2><p class="muted">{{createdAt}} · Jibang {{jibangVersion}} · {{waveSites}} wave sites, {{associated}} associated projects, {{milestones}} milestones, {{sources}} sources{{#notes}} · {{.}}{{/notes}}</p>
        <details><summary>Changelog since {{previous}}</summary><pre class="changelog">{{changelog}}</pre></details>
        {{/releases}}{{/content}}{{/layout}}
        """
}
