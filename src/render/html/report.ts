/**
 * The triage report: one self-contained HTML file (styles and script inline, charts as inline
 * SVG, a Content-Security-Policy that allows no network at all). The not-conclusive queue comes
 * first, then one section per scenario with its steps from the knowledge base and its tickets.
 * Every piece of text is escaped; ticket text is shared, so keys are redacted and phone numbers
 * masked before it gets here (`shareable`), and again here for anything that was not.
 */
import type { KnowledgeBase } from '../../../tools/context.js';
import { shareable } from '../../triage/safe.js';
import { barChart, histogram, type Bar } from './charts.js';
import { esc, inlineMarkdown, safeHref } from './escape.js';
import { REPORT_CSS, REPORT_JS } from './assets.js';
import { renderPlaceholders } from '../placeholders.js';

export interface ReportRow {
  id: string;
  url?: string;
  subject?: string;
  /** The ticket's text without its subject. */
  body?: string;
  scenario?: string;
  confidence?: number;
  conclusive?: boolean;
  offTopic?: boolean;
  cause?: string;
  question?: string;
  error?: string;
}

export interface ReportInput {
  /** The export's file name, shown in the title. */
  source: string;
  generatedAt: Date;
  rows: readonly ReportRow[];
  knowledge: Pick<KnowledgeBase, 'get'>;
  /** Confidence from which an answer is conclusive. */
  conclusiveAt: number;
}

const EXCERPT = 280;

function excerpt(s: string | undefined): string {
  if (!s) return '';
  // Mask and redact before cutting, so a cut never leaves half a number or key readable.
  const t = shareable(s).replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT ? `${t.slice(0, EXCERPT - 1)}…` : t;
}

const pct = (c: number | undefined) => (c === undefined ? '' : `${Math.round(c * 100)}%`);
const anchor = (scenario: string) => `s-${scenario.replace(/[^a-z0-9-]/gi, '_')}`;
const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function ticketItem(r: ReportRow, titleOf: (id: string) => string, withScenario: boolean): string {
  const id = shareable(r.id);
  const subject = r.subject ? shareable(r.subject) : '';
  const body = excerpt(r.body);
  const cause = r.cause ? shareable(r.cause) : '';
  const question = r.question ? shareable(r.question) : '';
  const title = r.scenario ? titleOf(r.scenario) : '';
  const search = [id, subject, body, r.scenario ?? '', title, cause, r.offTopic ? 'off-topic' : ''].join(' ').toLowerCase();
  const href = safeHref(r.url);
  const idHtml = href ? `<a class="tid" href="${href}" target="_blank" rel="noopener noreferrer">${esc(id)}</a>` : `<span class="tid">${esc(id)}</span>`;
  const tag = r.offTopic
    ? `<span class="tag off">not a delivery problem</span>`
    : withScenario && r.scenario
      ? `<a class="tag" href="#${esc(anchor(r.scenario))}">${esc(shorten(title || r.scenario, 48))}</a>`
      : '';
  const conf = r.confidence === undefined || r.offTopic ? '' : `<span class="conf${r.conclusive ? '' : ' low'}" title="confidence">${esc(pct(r.confidence))}</span>`;
  return (
    `<li class="ticket" data-search="${esc(search)}">` +
    `<div class="head">${idHtml}${conf}${tag}</div>` +
    (subject ? `<div class="subj">${esc(subject)}</div>` : '') +
    (body ? `<div class="body">${esc(body)}</div>` : '') +
    (cause ? `<div class="cause">${esc(cause)}</div>` : '') +
    (question ? `<div class="q"><span>Ask:</span> ${esc(question)}</div>` : '') +
    `</li>`
  );
}

export function renderTriageReport(input: ReportInput): string {
  const { rows, knowledge } = input;
  const titleOf = (id: string) => knowledge.get(id)?.title ?? id;
  /** A knowledge-base line: placeholders as CLI commands (support staff run the CLI), then Markdown → HTML. */
  const kbLine = (s: string) => inlineMarkdown(shareable(renderPlaceholders(s, 'cli', { title: (id) => knowledge.get(id)?.title })));
  const triaged = rows.filter((r) => !r.error);
  const skipped = rows.filter((r) => r.error);
  const onTopic = triaged.filter((r) => !r.offTopic && r.scenario);
  const queue = triaged.filter((r) => !r.conclusive);

  const groups = new Map<string, ReportRow[]>();
  for (const r of onTopic) groups.set(r.scenario!, [...(groups.get(r.scenario!) ?? []), r]);
  const order = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));

  const bars: Bar[] = order.map(([id, list]) => {
    const light = list.filter((r) => !r.conclusive).length;
    return { key: id, label: shorten(titleOf(id), 56), title: titleOf(id), solid: list.length - light, light, href: `#${anchor(id)}` };
  });
  const confidences = onTopic.map((r) => ({ confidence: r.confidence ?? 0, conclusive: !!r.conclusive }));

  const queueHtml =
    `<section id="queue" class="list" data-list>` +
    `<h2>Not conclusive <span class="count">${queue.length}</span></h2>` +
    `<p class="note">${queue.length ? 'These tickets need a person: the closest match is below the conclusive threshold, or the ticket is not about delivery. Each says what to ask next.' : 'Every triaged ticket got a conclusive answer.'}</p>` +
    `<ul class="tickets">${queue.map((r) => ticketItem(r, titleOf, true)).join('')}</ul>` +
    `</section>`;

  const sections = order.map(([id, list]) => {
    const s = knowledge.get(id);
    const conclusive = list.filter((r) => r.conclusive).sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0));
    const inQueue = list.length - conclusive.length;
    const steps = s?.steps.length
      ? `<details class="steps"${conclusive.length ? ' open' : ''}><summary>Steps (${s.steps.length})</summary><ol>${s.steps.map((st) => `<li>${kbLine(st)}</li>`).join('')}</ol>` +
        (s.verify ? `<p class="verify"><strong>Verify:</strong> ${kbLine(s.verify)}</p>` : '') +
        `</details>`
      : '';
    return (
      `<section id="${esc(anchor(id))}" class="list scenario" data-list data-scenario="${esc(id)}">` +
      `<h2>${esc(titleOf(id))} <span class="count">${list.length}</span></h2>` +
      `<p class="sid"><code>${esc(id)}</code>${inQueue ? ` · ${inQueue} more in the not-conclusive queue` : ''}</p>` +
      (s?.summary ? `<p class="summary">${kbLine(s.summary)}</p>` : '') +
      steps +
      `<ul class="tickets">${conclusive.map((r) => ticketItem(r, titleOf, false)).join('')}</ul>` +
      `</section>`
    );
  });

  const skippedHtml = skipped.length
    ? `<section id="skipped"><h2>Skipped <span class="count">${skipped.length}</span></h2><ul class="plain">${skipped
        .map((r) => `<li><span class="tid">${esc(shareable(r.id))}</span>: ${esc(shareable(r.error ?? ''))}</li>`)
        .join('')}</ul></section>`
    : '';

  const toc = order.length
    ? `<nav class="toc" aria-label="Scenarios"><a href="#queue">Not conclusive (${queue.length})</a>${order.map(([id, l]) => `<a href="#${esc(anchor(id))}">${esc(shorten(titleOf(id), 40))} (${l.length})</a>`).join('')}</nav>`
    : '';

  const source = shareable(input.source);
  const when = input.generatedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>Triage report: ${esc(source)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>Triage report</h1>
<p class="meta"><span class="file">${esc(source)}</span> · ${esc(when)} · ${rows.length} tickets: ${triaged.length} triaged, ${queue.length} not conclusive${skipped.length ? `, ${skipped.length} skipped` : ''}</p>
</header>
<div class="search" role="search"><label for="q">Search tickets</label><input id="q" type="search" placeholder="id, words, scenario…" autocomplete="off" spellcheck="false"><span id="shown" aria-live="polite"></span></div>
<section class="charts">
<figure id="chart-scenarios"><figcaption>Tickets by scenario <span class="legend"><i class="sw solid"></i>conclusive <i class="sw light"></i>not conclusive</span></figcaption>${bars.length ? barChart(bars, 'Tickets by scenario') : '<p class="note">No ticket matched a scenario.</p>'}</figure>
<figure id="chart-confidence"><figcaption>Confidence of the top scenario <span class="legend"><i class="sw solid"></i>conclusive <i class="sw light"></i>not conclusive</span></figcaption>${histogram(confidences, input.conclusiveAt, 'Confidence histogram')}</figure>
</section>
${toc}
<main>
${queueHtml}
${sections.join('\n')}
${skippedHtml}
<p id="nomatch" class="note" hidden>No ticket matches the search.</p>
</main>
<footer>Made by sent-doctor from ${esc(source)}. Keys are redacted and phone numbers masked; the steps come from the sent-doctor knowledge base.</footer>
<script>${REPORT_JS}</script>
</body>
</html>
`;
}
