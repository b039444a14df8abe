/** The report's inline style sheet and script (no external resource of any kind). */

export const REPORT_CSS = `
:root{--bg:#fbfbfa;--fg:#1d2125;--muted:#5d6670;--card:#fff;--line:#e3e5e8;--accent:#2f6fdb;--accent-l:#a9c4f2;--warn:#b8590b;--warn-bg:#fff4e6;--code:#f1f3f5}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#e6e8eb;--muted:#9aa4ae;--card:#1e2227;--line:#30363d;--accent:#6aa0ff;--accent-l:#36507e;--warn:#f0a35e;--warn-bg:#33261a;--code:#262b31}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1100px;padding:16px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:0 0 6px}
a{color:var(--accent)}
code{background:var(--code);padding:0 4px;border-radius:3px;font-size:.9em;overflow-wrap:anywhere}
.meta,.note,.sid,footer{color:var(--muted)}
.meta{margin:0 0 12px;overflow-wrap:anywhere}
.search{position:sticky;top:0;z-index:2;background:var(--bg);padding:8px 0;display:flex;flex-wrap:wrap;gap:8px;align-items:center;border-bottom:1px solid var(--line)}
.search label{font-weight:600}
.search input{flex:1 1 220px;min-width:0;font:inherit;padding:8px 10px;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--fg)}
#shown{color:var(--muted);font-size:.9em}
.charts{display:grid;align-items:start;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px;margin:16px 0}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px}
figcaption{font-weight:600;margin-bottom:8px;display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between}
.legend{font-weight:400;font-size:.85em;color:var(--muted)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 8px;vertical-align:-1px}
.sw.solid,.seg.solid{fill:var(--accent);background:var(--accent)}
.sw.light,.seg.light{fill:var(--accent-l);background:var(--accent-l)}
.chart{width:100%;height:auto;display:block}
.chart text{fill:var(--fg);font-size:12px}
.chart .num{font-weight:600}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .base{stroke:var(--line)}
.chart .threshold{stroke:var(--warn);stroke-dasharray:4 3}
.chart a:hover .lbl{text-decoration:underline}
.toc{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 16px}
.toc a{font-size:.85em;padding:2px 8px;border:1px solid var(--line);border-radius:999px;text-decoration:none;background:var(--card)}
section.list,#skipped{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;margin:0 0 16px}
#queue{border-color:var(--warn);background:linear-gradient(var(--warn-bg),var(--card) 80px)}
.count{display:inline-block;min-width:1.6em;padding:0 6px;border-radius:999px;background:var(--code);font-size:.85em;text-align:center;color:var(--muted)}
.summary{margin:4px 0 8px}
.steps{margin:8px 0}
.steps summary{cursor:pointer;font-weight:600}
.steps ol{padding-left:1.4em;margin:6px 0}
.steps li{margin:3px 0}
.verify{margin:4px 0 0;font-size:.95em}
ul.tickets{list-style:none;padding:0;margin:8px 0 0}
.ticket{border-top:1px solid var(--line);padding:10px 0;overflow-wrap:anywhere}
.ticket .head{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline}
.tid{font-weight:600;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
.conf{font-size:.85em;padding:0 6px;border-radius:4px;background:var(--code)}
.conf.low{color:var(--warn)}
.tag{font-size:.85em;color:var(--muted)}
.tag.off{color:var(--warn)}
.subj{font-weight:600;margin-top:2px}
.body{color:var(--muted);font-size:.93em}
.cause{margin-top:4px}
.q{margin-top:4px;font-size:.93em}
.q span{font-weight:600;color:var(--warn)}
section.empty{display:none}
ul.plain{padding-left:1.2em}
footer{font-size:.85em;margin:24px 0}
@media (max-width:600px){body{padding:10px;font-size:15px}h1{font-size:1.3rem}section.list,#skipped,figure{padding:10px}}
@media print{.search{position:static}.steps{display:block}}
`;

/** Search: every word typed must appear in the ticket (id, subject, text, scenario, cause). */
export const REPORT_JS = `
(function () {
  'use strict';
  var q = document.getElementById('q');
  var shown = document.getElementById('shown');
  var none = document.getElementById('nomatch');
  var items = Array.prototype.slice.call(document.querySelectorAll('li.ticket'));
  var lists = Array.prototype.slice.call(document.querySelectorAll('section[data-list]'));
  function run() {
    var text = q.value.trim().toLowerCase();
    var words = text ? text.split(/\\s+/) : [];
    var n = 0;
    items.forEach(function (li) {
      var hay = li.getAttribute('data-search') || '';
      var ok = words.every(function (w) { return hay.indexOf(w) !== -1; });
      li.hidden = !ok;
      if (ok) n++;
    });
    lists.forEach(function (s) {
      s.classList.toggle('empty', words.length > 0 && !s.querySelector('li.ticket:not([hidden])'));
    });
    none.hidden = !(words.length > 0 && n === 0);
    shown.textContent = words.length ? n + ' of ' + items.length + ' tickets match' : items.length + ' tickets';
  }
  q.addEventListener('input', run);
  run();
})();
`;
