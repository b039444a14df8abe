/**
 * Markdown for every tool result: the MCP text content next to `structuredContent`, and the CLI's
 * human output. Pure functions of the tool outputs; every one ends in `finish()`, which redacts
 * secrets and (unless the audience is private) masks phone numbers.
 */
import type { z } from 'zod';
import type { Scenario } from '../../tools/context.js';
import type { DoctorError } from '../../tools/errors.js';
import type { Diagnosis } from '../../tools/diagnose.js';
import type { lookupMessage } from '../../tools/lookup-message.js';
import type { CoverageResult } from '../../tools/get-coverage.js';
import type { searchKnowledge } from '../../tools/search-knowledge.js';
import { bullets, cell, code, fenced, finish, join, numbered, pct, section, severity, surfaceOf, table, type RenderOptions } from './md.js';
import { renderPlaceholders, type Slots } from './placeholders.js';
import { renderRecentFailures } from '../watch/render.js';
import { renderKeyCheck, renderValidation, type KeyCheck, type Validation } from './markdown-checks.js';
import { renderCheckup } from './markdown-checkup.js';

export type { RenderOptions } from './md.js';
export { renderKeyCheck, renderValidation } from './markdown-checks.js';

type Lookup = z.output<typeof lookupMessage.output>;
type Search = z.output<typeof searchKnowledge.output>;
type LookupFailure = { message_id: string; error: string; kind: string };

// ---------------------------------------------------------------------------------------------
// diagnose

export function renderDiagnosis(d: Diagnosis, opts: RenderOptions = {}): string {
  const [top, ...others] = d.scenarios;
  const slots: Slots = { country: d.entities.countries[0]?.iso2 };
  const place = (t: string) => renderPlaceholders(t, surfaceOf(opts), { slots });
  const heading = top ? (d.conclusive ? `Most likely: ${top.title}` : `Closest match (not conclusive): ${top.title}`) : 'No matching scenario yet';
  const main = top
    ? join(
        `**${heading}** — ${pct(top.confidence)} confidence · ${code(top.id)}`,
        top.evidence.length ? `Evidence:\n${bullets(top.evidence)}` : '',
        top.steps.length ? `Steps:\n${numbered(top.steps.map(place))}` : '',
        labelled('Verify', place(top.verify)),
        labelled('Escalate when', place(top.escalate)),
      )
    : `**${heading}**`;
  // A 0% runner-up is noise, not a possibility.
  const rest = others.filter((s) => Math.round(s.confidence * 100) > 0).map((s) => `- **${s.title}** (${code(s.id)}) — ${pct(s.confidence)}${s.evidence.length ? `: ${s.evidence.slice(0, 2).join('; ')}` : ''}`);
  const lookups = d.lookups.map((l) => ('found' in l ? lookupLine(l) : failureLine(l)));
  const md = join(
    '## Diagnosis',
    d.summary,
    main,
    section('Other possibilities', rest.join('\n')),
    // The messages' verdicts lead the summary; findings here are the other tools'.
    section('Findings', bullets(d.findings.filter((f) => f.source !== 'lookup').map((f) => `${severity(f.severity)} (${f.source}) ${f.message}`))),
    section('Messages looked up', bullets(lookups)),
    section('Payload checks', d.validations.map((v, i) => validationSummary(v, i + 1)).join('\n')),
    d.question ? section('Question', `> ${d.question.replace(/\n/g, '\n> ')}`) : '',
    d.bundle ? section('Escalation bundle (for Sent support)', fenced(d.bundle.text, 'text')) : '',
    section('Notes', bullets(d.notes)),
    d.explain ? section('Why (explain)', explainText(d.explain)) : '',
  );
  return finish(md, opts);
}

function explainText(x: NonNullable<Diagnosis['explain']>): string {
  return join(
    x.rule ? `Decided by the verdict-table row ${code(x.rule)}.` : 'No message record decided this answer.',
    x.votes.length ? `Evidence votes (log-odds):\n${bullets(x.votes.map((v) => `${code(v.scenario)} +${v.weight} (${v.kind}): ${v.text}`))}` : 'No exact evidence (codes, fields, tool findings) in the text.',
    `Text model: ${x.model.map((m) => `${code(m.label)} ${pct(m.p)}`).join(', ')}`,
    x.features.length ? `Top features for the answer: ${x.features.map((f) => code(f.feature)).join(', ')}` : '',
  );
}

/** `**Label:** text`, or the label on its own line when the text is a list or has paragraphs. */
function labelled(label: string, text: string): string {
  const t = text.trim();
  if (!t) return '';
  return /\n|^[-*] |^\d+\. /.test(t) ? `**${label}:**\n\n${t}` : `**${label}:** ${t}`;
}

function lookupLine(l: Lookup): string {
  if (!l.found) return `${code(l.message_id)}: not found with this key`;
  const codes = l.error_codes?.length ? `; codes ${l.error_codes.join(', ')}` : '';
  const via = l.channel_attempted && l.channel_attempted !== l.channel ? ` (attempted ${l.channel_attempted}${l.fallback_reason ? `, fallback_reason ${l.fallback_reason}` : ''})` : '';
  return `${code(l.message_id)}: **${l.status ?? 'unknown'}**${l.channel ? ` on ${l.channel}` : ''}${via}${codes}`;
}

function failureLine(l: LookupFailure): string {
  return `${code(l.message_id)}: lookup failed (${l.kind}): ${l.error}`;
}

function validationSummary(v: Validation, n: number): string {
  const errors = v.findings.filter((f) => f.severity === 'error').length;
  const warnings = v.findings.filter((f) => f.severity === 'warning').length;
  const head = `${n}. ${v.valid ? 'valid' : 'not valid'} (${errors} error(s), ${warnings} warning(s))`;
  return [head, ...v.findings.map((f) => `   - ${severity(f.severity)} ${f.message}`)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// lookup_message

export function renderLookup(l: Lookup, opts: RenderOptions = {}): string {
  if (!l.found) {
    return finish(
      join(
        `## Message ${code(l.message_id)}: not found`,
        l.verdict.cause,
        section('What to check', numbered(l.verdict.next)),
      ),
      opts,
    );
  }
  const timeline = (l.timeline ?? []).map(
    (t) => `${t.at ?? '(no time)'} — **${t.status}**${t.description ? ` — ${t.description}` : ''}${t.from ? ` (${t.from})` : ''}`,
  );
  const vars = l.variables ? Object.entries(l.variables).map(([k, v]) => `${code(k)}: ${v}`) : [];
  const md = join(
    `## Message ${code(l.message_id)}: ${l.status ?? 'unknown'}`,
    `**${l.verdict.kind.replace(/_/g, ' ')}**: ${l.verdict.cause}`,
    table([
      ['Status', l.status],
      ['Channel', l.channel],
      ['Channel attempted', l.channel_attempted],
      ['Fallback reason', l.fallback_reason],
      ['Recipient', l.recipient],
      ['Region', l.region_code],
      ['Sandbox', l.sandbox === undefined ? undefined : l.sandbox ? 'yes' : 'no'],
      ['Sender profile', l.sender_profile_id],
      ['Error codes', l.error_codes?.length ? l.error_codes.join(', ') : '—'],
      ['Template', l.template ? [l.template.name, l.template.id, l.template.category].filter(Boolean).join(' · ') : undefined],
      ['Price', l.price === undefined ? undefined : l.price],
    ]),
    section('What to check', bullets(l.verdict.next)),
    section('Timeline (oldest first)', numbered(timeline)),
    section('Template variables', bullets(vars)),
    l.body ? section('Body', fenced(l.body, 'text')) : '',
    section('Warnings', bullets(l.warnings ?? [])),
    `_Looked up at ${l.looked_up_at.base_url} with key ${code(l.looked_up_at.key)}._`,
  );
  return finish(md, opts);
}

function findingList(fs: ReadonlyArray<{ severity: string; message: string; scenario?: string }>): string {
  return bullets(fs.map((f) => `${severity(f.severity)} ${f.message}${f.scenario ? ` → ${code(f.scenario)}` : ''}`));
}

// ---------------------------------------------------------------------------------------------
// get_coverage

/** Coverage values in words: `registration` and `unknown` say what they mean. */
const COVERAGE_LABEL: Record<string, string> = {
  yes: 'yes',
  no: 'no',
  registration: 'only when registered',
  unknown: 'unknown (sources missing or in conflict)',
};
const said = (v: string) => COVERAGE_LABEL[v] ?? v;

export function renderCoverage(c: CoverageResult, opts: RenderOptions = {}): string {
  const alpha = `${said(c.alphanumeric.supported)}${c.alphanumeric.registration_required !== 'unknown' ? ` (registration required: ${said(c.alphanumeric.registration_required)})` : ''}`;
  const md = join(
    `## SMS coverage: ${c.country} (${c.iso2}, ${c.calling_code})`,
    table([
      ['Alphanumeric sender IDs', alpha],
      ['Numeric long codes', `${said(c.long_code.supported)} — ${c.long_code.notes}`],
      ['Short codes', c.short_code_notes],
      ['Content registration required', said(c.content_registration_required)],
      ['Known filtering', c.known_filtering],
    ]),
    `**Recommended sender:** ${c.recommended_sender}`,
    section('Findings', findingList(c.findings)),
    section('Sources', bullets(c.sources)),
    `_Data as of ${c.as_of}; matched by ${c.matched_via.replace(/_/g, ' ')}._`,
  );
  return finish(md, opts);
}

// ---------------------------------------------------------------------------------------------
// search_knowledge

export function renderSearch(r: Search, opts: RenderOptions = {}): string {
  if (!r.results.length) return finish('## Knowledge base\n\nNo entry matches. Try other words, an error code, or `diagnose` with the whole question.', opts);
  const items = r.results.map((h, i) =>
    join(
      `${i + 1}. **${h.title}** (${code(h.id)}, score ${h.score})${h.matched_terms.length ? ` — matched ${h.matched_terms.map(code).join(', ')}` : ''}`,
      `   ${cell(h.summary)}`,
    ),
  );
  const best = r.results[0]!;
  return finish(
    join(
      `## Knowledge base: ${r.results.length} result${r.results.length === 1 ? '' : 's'}`,
      items.join('\n'),
      best.steps.length ? section(`Steps for ${best.title}`, numbered(best.steps.map((t) => renderPlaceholders(t, surfaceOf(opts))))) : '',
      `_Full entries: sent-doctor://scenarios/{id}._`,
    ),
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// knowledge entries (MCP resources)

export function renderScenario(s: Scenario, opts: RenderOptions = {}): string {
  return finish(
    join(
      `# ${s.title}`,
      `_${s.summary}_`,
      renderPlaceholders(s.markdown, surfaceOf(opts)),
      s.related.length ? section('Related', bullets(s.related.map((r) => `sent-doctor://scenarios/${r}`))) : '',
      s.sources.length ? section('Sources', bullets(s.sources)) : '',
    ),
    opts,
  );
}

// ---------------------------------------------------------------------------------------------
// errors and dispatch

/** A tool failure as the user sees it: the safe message and what to do; unexpected errors stay generic. */
export function renderToolError(tool: string, err: DoctorError | undefined, opts: RenderOptions = {}): string {
  if (!err) return finish(`**${tool} failed with an internal error.** The details are in the sent-doctor server log; try again, and report it if it persists.`, opts);
  const extra: string[] = [];
  const e = err as DoctorError & { code?: string; status?: number; requestId?: string; docUrl?: string; retryAfterSeconds?: number };
  if (err.kind === 'sent') {
    if (e.code) extra.push(`Sent error ${code(e.code)}${e.status ? ` (HTTP ${e.status})` : ''}`);
    if (e.requestId) extra.push(`request id ${code(e.requestId)}`);
    if (e.retryAfterSeconds) extra.push(`retry after ${e.retryAfterSeconds} s`);
    if (e.docUrl) extra.push(`docs: ${e.docUrl}`);
  }
  return finish(
    join(`**${tool} failed (${err.kind}):** ${err.message}`, extra.length ? extra.join(' · ') : '', err.hint ? `**What to do:** ${err.hint}` : ''),
    opts,
  );
}

type Renderer = (out: never, opts?: RenderOptions) => string;

const RENDERERS: Record<string, Renderer> = {
  diagnose: renderDiagnosis,
  lookup_message: renderLookup,
  validate_payload: renderValidation,
  check_api_key: renderKeyCheck,
  get_coverage: renderCoverage,
  search_knowledge: renderSearch,
  check_account: renderCheckup,
  recent_failures: renderRecentFailures,
};

export function hasRenderer(tool: string): boolean {
  return Object.hasOwn(RENDERERS, tool);
}

/** The Markdown for any registry tool's output (validated against that tool's schema by the caller). */
export function renderToolOutput(tool: string, out: unknown, opts: RenderOptions = {}): string {
  const r = Object.hasOwn(RENDERERS, tool) ? RENDERERS[tool] : undefined;
  if (r) return r(out as never, opts);
  return finish(join(`## ${tool}`, fenced(JSON.stringify(out, null, 2), 'json')), opts);
}

export type { KeyCheck, Validation };
