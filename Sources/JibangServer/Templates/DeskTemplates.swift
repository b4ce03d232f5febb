/// The review desk, its sign-in page and the bulk confirmation. The keyboard script only
/// presses the forms' own buttons: every action works without it.
extension PageTemplates {
    static let banner = """
        {{#session}}<form class="who" method="post" action="/signout"><input type="hidden" name="csrf" value="{{csrf}}">Signed in as {{who}} <button class="quiet">Sign out · 로그아웃</button></form>{{/session}}
        """

    static let signin = """
        {{<layout}}{{$content}}{{#message}}<p class="gap" role="status">{{.}}</p>{{/message}}
        {{> banner}}
        {{^session}}<form class="q" method="post" action="/signin"><input type="hidden" name="next" value="{{next}}"><input type="hidden" name="signin" value="{{form}}"><input type="text" name="user" value="jibang" autocomplete="username" hidden><label>Token<input type="password" name="token" autocomplete="current-password" required autofocus size="40"></label><button id="signin">Sign in · 로그인</button></form>
        <p class="muted">An editor's or admin's token from <code>jibang token create --role editor</code>. The session lasts until you sign out or it expires; revoking the token ends it.</p>{{/session}}
        {{#session}}<p><a href="{{next}}">Go on to the review desk</a></p>{{/session}}{{/content}}{{/layout}}
        """

    static let desk = """
        {{<layout}}{{$content}}{{#message}}<p class="gap" role="status" id="message">{{.}}</p>{{/message}}
        {{> banner}}{{^session}}<p><a href="/signin?next=/review">Sign in</a> to decide. Until then the desk only shows the cards.</p>{{/session}}{{#session}}{{^writer}}<p class="muted">A viewer's session reads the desk; deciding needs an editor's or admin's token.</p>{{/writer}}{{/session}}
        {{#writer}}{{#undo}}<form method="post" action="/review/undo" class="undo"><input type="hidden" name="csrf" value="{{writer.csrf}}"><input type="hidden" name="back" value="{{back}}">Last decision: {{.}} <button id="undo" class="quiet">Undo · 되돌리기</button></form>{{/undo}}{{/writer}}
        <form class="q" method="get" action="/review">{{#filters}}{{> select}}{{/filters}}<label>From<input type="date" name="from" value="{{from}}"></label><label>To<input type="date" name="to" value="{{to}}"></label><button>Filter · 거르기</button></form>
        <p class="muted">{{total}} of {{pending}} pending cards match ({{reports}} reports){{#more}}; the first {{shown}} are shown{{/more}}. One card per event: every report of the same place and kind with overlapping dates. Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>e</kbd> edit before accepting.</p>
        {{#writer}}{{#matches}}<form class="q" method="post" action="/review/bulk" id="bulk"><input type="hidden" name="csrf" value="{{writer.csrf}}">{{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}<label>Reason (for a rejection)<input name="reason" size="24"></label><button name="decision" value="accept">Accept all {{total}}…</button><button name="decision" value="reject" class="quiet" id="bulk-reject">Reject all {{total}}…</button></form>{{/matches}}{{/writer}}
        {{^cards}}<p>No cards pending{{#anyPending}} under these filters{{/anyPending}}.</p>{{/cards}}
        {{#cards}}<section class="gcard" tabindex="0" data-group="{{groupID}}"><h2>{{event}} · {{place}} · {{date}} <small class="muted">{{count}} report(s) · confidence {{confidence}}</small></h2>
        {{#corroborates}}<p>Corroborates milestone #{{.}}.</p>{{/corroborates}}{{#disagreement}}<p class="gap">The reports disagree on the date: {{.}}</p>{{/disagreement}}
        <ol class="reports">{{#reports}}<li><b>{{date}}</b> · {{outlet}} {{documentDate}} · {{#url}}<a href="{{.}}" rel="noopener noreferrer">{{documentTitle}}</a>{{/url}}{{^url}}{{documentTitle}}{{/url}} · #{{id}} · {{confidence}}<br><span class="muted">{{why}}</span><p class="snippet">{{snippet}}</p></li>{{/reports}}</ol>
        {{#writer}}<form method="post" action="/review/groups" class="decide"><input type="hidden" name="csrf" value="{{writer.csrf}}"><input type="hidden" name="group" value="{{groupID}}"><input type="hidden" name="members" value="{{members}}"><input type="hidden" name="back" value="{{back}}">
        <details class="edit"{{#needsPlace}} open{{/needsPlace}}><summary>Edit before accepting · 고쳐서 채택</summary><div class="q"><label>Place<input name="place" list="{{listID}}" placeholder="unchanged" size="18"></label><datalist id="{{listID}}">{{#placeOptions}}<option value="{{.}}">{{/placeOptions}}</datalist>
        <label>Kind<select name="event">{{#events}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/events}}</select></label><label>Date (day, month, START/END, ../DAY)<input name="date" value="{{dateValue}}" size="22"></label>
        <label>Role<select name="role"><option value="">as the site is</option><option value="wave">wave site</option><option value="associated">associated project</option></select></label></div></details>
        <label>Reason<input name="reason" placeholder="for a rejection" size="20"></label> <button name="decision" value="accept">Accept · 채택</button> <button name="decision" value="reject" class="quiet">Reject · 기각</button></form>{{/writer}}</section>
        {{/cards}}
        <script src="/assets/desk.js" defer></script>{{/content}}{{/layout}}
        """

    /// The desk's keyboard script, served at /assets/desk.js: j/k move between cards, a accepts,
    /// r rejects, e opens the card's edit fields; keys typed into a field are left alone.
    static let deskScript = """
        (function(){var cards=Array.prototype.slice.call(document.querySelectorAll('.gcard'));if(!cards.length)return;var i=0;\
        function mark(n){i=n;cards.forEach(function(c,k){c.classList.toggle('sel',k===n);});}\
        function show(n){mark(Math.max(0,Math.min(cards.length-1,n)));cards[i].focus();cards[i].scrollIntoView({block:'nearest'});}\
        cards.forEach(function(c,k){c.addEventListener('focusin',function(){mark(k);});});\
        document.addEventListener('keydown',function(e){var t=e.target.tagName;if(t==='INPUT'||t==='SELECT'||t==='TEXTAREA'||t==='BUTTON'&&e.key!=='j'&&e.key!=='k'||e.ctrlKey||e.metaKey||e.altKey)return;\
        var c=cards[i],b=null;if(e.key==='j'){show(i+1);}else if(e.key==='k'){show(i-1);}\
        else if(e.key==='a'||e.key==='r'){b=c.querySelector('form.decide button[value='+(e.key==='a'?'accept':'reject')+']');if(!b)return;b.click();}\
        else if(e.key==='e'){var d=c.querySelector('details.edit');if(!d)return;d.open=true;d.querySelector('input').focus();}else{return;}e.preventDefault();});\
        mark(0);})();
        """

    static let confirm = """
        {{<layout}}{{$content}}{{> banner}}
        {{#none}}<p>No pending card matches these filters any more.</p>{{/none}}
        {{^none}}{{#accept}}<p>Accepting these {{cards}} cards ({{reports}} reports) changes {{cards}} milestones: {{created}} created, {{corroborated}} gaining sources.</p>{{/accept}}
        {{^accept}}<p>Rejecting these {{cards}} cards rejects {{reports}} reports; no milestone changes, and later scans will not propose them again.</p>{{/accept}}
        <form class="q" method="post" action="/review/bulk"><input type="hidden" name="csrf" value="{{session.csrf}}"><input type="hidden" name="confirm" value="yes"><input type="hidden" name="decision" value="{{decision}}"><input type="hidden" name="reason" value="{{reason}}"><input type="hidden" name="back" value="{{back}}">{{#picks}}<input type="hidden" name="pick" value="{{.}}">{{/picks}}<button id="confirm">{{#accept}}Accept{{/accept}}{{^accept}}Reject{{/accept}} {{cards}} cards · 확인</button></form>{{/none}}
        <p><a href="/review?{{back}}">Back to the desk, deciding nothing</a></p>{{/content}}{{/layout}}
        """
}
