/**
 * A diagnosis as a Slack answer a busy engineer can use at a glance. The first message keeps to a
 * budget (about 1,500 characters, at most 8 blocks): what was found first (each message's verdict,
 * a direct answer, or what could not be looked up), a status line, the 3 steps that apply, the
 * entry it rests on (a button opens it), then the buttons. Everything else (evidence, timelines,
 * every step, how to verify, when to escalate) is in the "All steps" modal (`detailsView`).
 * Pure: everything it needs comes in the arguments.
 */
import type { Diagnosis } from '../../../tools/diagnose.js';
import { placeholderPhones } from '../../../tools/domain/redact.js';
import { renderPlaceholders, entryRefs, type Slots } from '../../render/placeholders.js';
import { ACTION } from '../ids.js';
import { codeBlock, escapeMrkdwn, inlineCode, markdownToMrkdwn, truncate } from '../safety/mrkdwn.js';
import { actions, button, context, divider, section, type Block, type Button } from './kit.js';
import { blockChars } from './fit.js';
import { findingLine, lookupText, type FindingLike, type LookupFailureLike, type LookupLike } from './message.js';
import { correctedText, problemCount, validationText, type ValidationLike } from './validation.js';
import type { Draft } from './replies.js';

export interface EntryInfo {
  id: string;
  title: string;
  /** Kept for callers that still pass it; never shown (answers name no file paths). */
  file?: string;
}

export interface AnswerOptions {
  /** The stored answer the buttons refer to; no buttons without it. */
  answerId?: string;
  /** Kept for callers that pass it; the entry shown is the top scenario's. */
  entry?: EntryInfo;
  /** Where the messages were looked up, named for people: "Sent API" or "demo simulator". */
  env?: string;
  /** When the lookups ran (ms); shown in the status line. */
  checkedAt?: number;
  /** Entry titles, for references inside steps. */
  titleOf?: (id: string) => string | undefined;
}

/** The first message's budget. */
export const BUDGET = { chars: 1500, manyChars: 3500, blocks: 8, steps: 3, stepChars: 280, causeChars: 200, manyCauseChars: 150, idsNamed: 6 } as const;

export const BLOCK_ID = { found: 'sd_found', status: 'sd_status', steps: 'sd_steps', entry: 'sd_entry', answer: 'sd_answer' } as const;

const pct = (c: number) => `${Math.round(c * 100)}%`;

export function keyWarning(fingerprints: readonly string[]): Block {
  return section(
    `:rotating_light: *Rotate this key now.* Your message contains what looks like a Sent API key (${fingerprints.map(inlineCode).join(', ')}). ` +
      'Anyone who can read this conversation can use it. Regenerate it in Dashboard → API Keys; the old key stops working at once, so update your app with the new one. ' +
      'sent-doctor has not repeated the key anywhere; next time, leave it out or use `/sent key`.',
  );
}

/** "Sent API" or "demo simulator": shared messages never show a loopback URL. */
export function envName(baseUrl: string | undefined, demo = false): string {
  if (demo) return 'demo simulator';
  if (!baseUrl) return 'Sent API';
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\./.test(host) ? 'demo simulator' : 'Sent API';
  } catch {
    return 'Sent API';
  }
}

type Msg = Diagnosis['messages'][number];

/** `8f14e45f…` for a UUID; other IDs as they are. */
const shortId = (id: string) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id);

/** The parts of a verdict's cause worth a first line: without the repeated status sentence. */
function causeLine(m: Msg, max: number): string {
  const v = m.verdict!;
  return truncate(v.cause.replace(/\s*Status [A-Z_]+ via \w+ at [^ ]+?\.?$/, '').trim(), max);
}

/**
 * What was found, one line per message: verdicts first as they came, not-found IDs grouped on one
 * line, messages that were not looked up grouped by reason (the lookup cap named once), then the
 * direct answer. Full IDs in the modal; shortened UUIDs where several share a line.
 */
export function foundLines(d: Diagnosis, o: { max?: number } = {}): string[] {
  const many = d.messages.length > 3;
  const causeMax = o.max ?? (many ? BUDGET.manyCauseChars : BUDGET.causeChars);
  const lines: string[] = [];
  const unlooked = new Map<string, string[]>();
  const notFound: string[] = [];
  for (const m of d.messages) {
    if (m.verdict?.kind === 'not_found') notFound.push(m.message_id);
    else if (!m.verdict) {
      const why = (m.unlooked ?? 'not looked up').replace(/^not looked up:\s*/, '').replace(/\.$/, '');
      unlooked.set(why, [...(unlooked.get(why) ?? []), m.message_id]);
    }
  }
  for (const [why, ids] of unlooked) lines.push(`:grey_question: Not looked up (${escapeMrkdwn(why)}): ${idList(ids)}.`);
  for (const m of d.messages) {
    if (!m.verdict || m.verdict.kind === 'not_found') continue;
    const id = many ? shortId(m.message_id) : m.message_id;
    lines.push(`${ICON[m.verdict.kind] ?? '•'} ${inlineCode(id)} is *${escapeMrkdwn(m.verdict.status)}*: ${escapeMrkdwn(causeLine(m, causeMax))}`);
  }
  if (notFound.length) lines.push(`:mag: Not found for this key: ${idList(notFound)}.`);
  // That the answer comes without live checks belongs with what was (not) found.
  for (const n of d.notes) if (/^Live checks unavailable/i.test(n)) lines.push(`:warning: ${markdownToMrkdwn(n)}`);
  if (d.answer) lines.push(markdownToMrkdwn(d.answer));
  return lines;
}

const ICON: Record<string, string> = {
  failure: ':red_circle:',
  blocked: ':no_entry:',
  filtered: ':no_entry:',
  in_progress: ':hourglass_flowing_sand:',
  not_a_failure: ':white_check_mark:',
  sandbox: ':test_tube:',
};

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, BUDGET.idsNamed).map((i) => inlineCode(ids.length > 3 ? shortId(i) : i));
  return ids.length > shown.length ? `${shown.join(', ')} and ${ids.length - shown.length} more (${ids.length} in all)` : shown.join(', ');
}

/** Compatibility: what was found as one text (first lines of the answer). */
export function foundText(d: Diagnosis): string {
  return foundLines(d).join('\n');
}

/** The first line when nothing was looked up and no direct answer: a finding, else the conclusion. */
function leadWithoutMessages(d: Diagnosis): string | undefined {
  if (d.off_topic) return ':information_source: *Not a delivery problem.* For billing, pricing, account or feature questions, ask Sent support or see docs.sent.dm.';
  const problems = (d.validations as ValidationLike[]).reduce((n, v) => n + problemCount(v), 0);
  const finding = (d.findings as Array<FindingLike & { source?: string }>).find((f) => f.severity === 'error' && f.source !== 'lookup');
  if (finding) return `${findingLine(finding)}${problems > 1 ? ` (${problems} problems in the payload in all)` : ''}`;
  // Exact evidence (an error code's meaning, a country's rules) before the text model's guess.
  const evidence = (d.scenarios[0]?.evidence ?? []).filter((e) => !/wording matches/i.test(e));
  const code = evidence.find((e) => d.entities.error_codes.some((c) => e.includes(c)));
  const lead = code ?? evidence[0];
  return lead ? `:mag: Found: ${escapeMrkdwn(truncate(lead, BUDGET.causeChars + 40))}` : undefined;
}

/** The conclusion: the scenario the answer rests on. One sentence, said once. */
export function verdictText(d: Diagnosis): string {
  const top = d.scenarios[0];
  if (d.off_topic) return ':information_source: *Not a delivery problem.*';
  if (!top) return ':grey_question: *No failure scenario matches yet.*';
  const others = d.scenarios.slice(1).filter((s) => s.confidence >= 0.05).map((s) => `${escapeMrkdwn(s.title)} (${pct(s.confidence)})`);
  const also = others.length ? ` · also possible: ${others.join(', ')}` : '';
  return d.conclusive
    ? `:stethoscope: Most likely *${escapeMrkdwn(top.title)}* (${pct(top.confidence)} confidence)${also}`
    : `:grey_question: Not conclusive yet. Closest match: *${escapeMrkdwn(top.title)}* (${pct(top.confidence)} confidence)${also}`;
}

/** Lookups in this answer: message ID → what the status line says. */
export function statusLine(d: Diagnosis, o: AnswerOptions): string | undefined {
  const found = d.lookups.filter((l): l is Extract<typeof l, { found: boolean }> => 'found' in l && l.found === true);
  if (!d.lookups.length) return undefined;
  const env = o.env ?? 'Sent API';
  const at = o.checkedAt ? ` · checked ${clockTime(o.checkedAt)}` : '';
  if (d.lookups.length === 1 && found.length === 1) {
    const l = found[0]!;
    const last = l.timeline?.at(-1)?.at;
    return `*${escapeMrkdwn(l.status ?? 'UNKNOWN')}*${l.channel ? ` on ${escapeMrkdwn(l.channel)}` : ''}${last ? ` since ${clockTime(Date.parse(last))}` : ''}${at} · ${env}`;
  }
  const counts = new Map<string, number>();
  for (const l of d.lookups) {
    const k = 'found' in l ? (l.found ? (l.status ?? 'UNKNOWN') : 'not found') : 'lookup failed';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return `${d.lookups.length} looked up in the ${env}${at}: ${[...counts].map(([k, n]) => `${n} ${escapeMrkdwn(k)}`).join(', ')}`;
}

/** `12:40 UTC` today, else `2026-05-09 12:40 UTC`. */
export function clockTime(ms: number, now = Date.now()): string {
  if (!Number.isFinite(ms)) return '(unknown time)';
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  return `${day === new Date(now).toISOString().slice(0, 10) ? '' : `${day} `}${iso.slice(11, 16)} UTC`;
}

function slotsOf(d: Diagnosis): Slots {
  return { country: d.entities.countries[0]?.iso2 };
}

/** A knowledge text (Markdown with placeholders) as Slack mrkdwn. */
export function kbText(md: string, d: Diagnosis | undefined, titleOf?: (id: string) => string | undefined): string {
  return markdownToMrkdwn(renderPlaceholders(md, 'slack', { slots: d ? slotsOf(d) : {}, title: titleOf }));
}

/** A step cut to its first sentences within `max` (the whole step is in the modal). */
function shortStep(s: string, max: number): string {
  if (s.length <= max) return s;
  const sentences = s.match(/[^.!?]+(?:[.!?](?=\s|$)|$)/g) ?? [s];
  let out = '';
  for (const x of sentences) {
    if ((out + x).length > max) break;
    out += x;
  }
  return out.trim() ? `${out.trim()} …` : truncate(s, max);
}

function stepsText(d: Diagnosis, o: AnswerOptions, first: number | undefined, max = BUDGET.stepChars): string | undefined {
  const top = d.scenarios[0];
  if (!top || !top.steps.length || d.off_topic) return undefined;
  const lead = d.conclusive ? '*What to do*' : `*If it is ${escapeMrkdwn(top.title)}, try this*`;
  const shown = first === undefined ? top.steps : top.steps.slice(0, first);
  const lines = shown.map((s, i) => `${i + 1}. ${kbText(first === undefined ? s : shortStep(s, max), d, o.titleOf)}`);
  const more = top.steps.length - shown.length;
  if (more > 0) lines.push(`_${more} more step${more === 1 ? '' : 's'}, how to verify and when to escalate: *All steps*._`);
  return `${lead}\n${lines.join('\n')}`;
}

/** The corrected payload for the audience: a shared message shows the guide's placeholder number, never a masked one. */
function correctedFor(v: ValidationLike, isPrivate: boolean): ValidationLike {
  return isPrivate || v.corrected === undefined ? v : { ...v, corrected: placeholderPhones(v.corrected) };
}

/** The first message: found, status, steps, entry, buttons, within the budget. */
export function renderDiagnosisBlocks(d: Diagnosis, o: AnswerOptions = {}, isPrivate = false): Block[] {
  const top = d.scenarios[0];
  const head: Block[] = [];
  if (d.entities.keys.length) head.push(keyWarning(d.entities.keys));

  const found = foundLines(d);
  if (!found.length) {
    const lead = leadWithoutMessages(d);
    if (lead) found.push(lead);
  }
  const verdict = verdictText(d);
  // The conclusion leads only when nothing concrete was found.
  const foundBlock = withId(section(found.length ? found.join('\n') : verdict), BLOCK_ID.found);
  head.push(foundBlock);
  const status = statusLine(d, o);
  if (status) head.push(withId(context(`:envelope: ${status}`), BLOCK_ID.status));

  const tail: Block[] = [];
  if (found.length && top && !d.off_topic) {
    const entry = withId(section(verdict), BLOCK_ID.entry);
    tail.push(top ? { ...entry, accessory: button(':book: Open entry', ACTION.openEntry, top.id) } : entry);
  } else if (top && !d.off_topic) {
    head[head.length - 1] = { ...foundBlock, accessory: button(':book: Open entry', ACTION.openEntry, top.id) };
  }
  if (o.answerId) tail.push(actions(BLOCK_ID.answer, answerButtons(d, o.answerId)));

  // Optional parts, most useful first; each is kept only while the message stays within budget.
  const optional: Block[] = [];
  const steps = stepsText(d, o, BUDGET.steps);
  if (steps) optional.push(withId(section(steps), BLOCK_ID.steps));
  if (d.question) optional.push(section(`:point_right: *To narrow it down:* ${markdownToMrkdwn(d.question)}`));
  const fixed = (d.validations as ValidationLike[]).find((v) => correctedText(v) && v.findings.some((f) => f.auto_fixed));
  if (fixed) optional.push(section(`*Corrected payload*\n${codeBlock(correctedText(correctedFor(fixed, isPrivate))!)}`));

  // Many messages: one line each is what was asked for, so the budget grows with them (to a cap).
  const budget = Math.min(BUDGET.manyChars, BUDGET.chars + Math.max(0, d.messages.length - 3) * BUDGET.manyCauseChars);
  const blocks = [...head];
  for (const b of optional) {
    const next = [...blocks, b, ...tail];
    if (next.length <= BUDGET.blocks && chars(next) <= budget) blocks.push(b);
  }
  return [...blocks, ...tail];
}

const chars = (bs: Block[]) => blockChars(bs);

function withId<T extends Block>(b: T, id: string): T {
  return { ...b, block_id: id };
}

/** The buttons on an answer. All steps first (its value is the answer ID the other buttons share). */
export function answerButtons(d: Diagnosis, answerId: string): Button[] {
  const looked = d.lookups.find((l) => 'found' in l && l.found);
  return [
    button(':ledger: All steps', ACTION.allSteps, answerId),
    ...(d.entities.message_ids.length ? [button(':arrows_counterclockwise: Re-check', ACTION.recheck, answerId, 'primary')] : []),
    ...(looked ? [button(':eyes: Watch', ACTION.watch, looked.message_id)] : []),
    button(':sos: Escalate', ACTION.escalate, answerId),
    button(':thumbsup:', ACTION.helpful, answerId),
    button(':thumbsdown:', ACTION.notHelpful, answerId),
  ];
}

/** The notification text: the first thing found, in plain words (the same count the body gives). */
function fallbackOf(d: Diagnosis): string {
  if (d.off_topic) return 'Not a delivery problem: ask Sent support or see docs.sent.dm';
  const m = d.messages.find((x) => x.verdict && x.verdict.kind !== 'not_found');
  if (m) return truncate(`${m.message_id} is ${m.verdict!.status}: ${causeLine(m, 200)}`, 300);
  const first = foundLines(d)[0];
  if (first) return truncate(plainOf(first), 300);
  const problems = (d.validations as ValidationLike[]).reduce((n, v) => n + problemCount(v), 0);
  if (problems) return `Payload: ${problems} problem${problems === 1 ? '' : 's'}`;
  const lead = leadWithoutMessages(d);
  if (lead) return truncate(plainOf(lead), 300);
  const top = d.scenarios[0];
  return truncate(top ? `${d.conclusive ? 'Most likely' : 'Closest match'}: ${top.title} (${pct(top.confidence)})` : d.summary || 'sent-doctor answer', 300);
}

/** mrkdwn → the plain words of a notification. */
function plainOf(mrkdwn: string): string {
  return mrkdwn.replace(/:[a-z_]+: /g, '').replace(/[*`_]/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The answer as a draft; `finalise` (blocks.ts) makes it safe and fits it into messages. `blocks`
 * is the shared form (corrected payloads with the guide's placeholder number); `privateBlocks`
 * the form for DMs, where numbers are shown as given.
 */
export function diagnosisDraft(d: Diagnosis, o: AnswerOptions = {}): Draft {
  return {
    blocks: renderDiagnosisBlocks(d, o, false),
    privateBlocks: renderDiagnosisBlocks(d, o, true),
    fallback: fallbackOf(d),
    pointer: '*All steps* on the answer shows the rest.',
  };
}

// ---------------------------------------------------------------------------------------------
// "All steps": the whole answer, privately (a modal)

/** Every part of the answer that the first message leaves out. Numbers in full (a modal is private). */
export function detailsBlocks(d: Diagnosis, o: AnswerOptions = {}): Block[] {
  const top = d.scenarios[0];
  const blocks: Block[] = [];
  const found = foundLines(d, { max: 2000 });
  if (found.length) blocks.push(section(found.join('\n')));
  blocks.push(section(verdictText(d)));

  const evidence: string[] = [];
  for (const l of d.lookups as Array<LookupLike | LookupFailureLike>) if (!('found' in l) || l.found !== false) evidence.push(lookupText(l));
  const seen = new Set<string>(d.messages.flatMap((m) => (m.verdict ? [`${m.message_id}: ${m.verdict.cause}`, m.verdict.cause] : [])));
  for (const e of top?.evidence ?? []) if (!seen.has(e)) seen.add(e), evidence.push(`• ${escapeMrkdwn(e)}`);
  for (const f of d.findings as Array<FindingLike & { source?: string }>) if (f.source !== 'lookup' && !seen.has(f.message)) seen.add(f.message), evidence.push(findingLine(f));
  if (evidence.length) blocks.push(divider(), section(`*Evidence*\n${evidence.join('\n')}`));
  (d.validations as ValidationLike[]).forEach((v, i) => {
    const t = validationText(v, d.validations.length > 1 ? i + 1 : undefined);
    if (t) blocks.push(section(t));
  });
  const steps = stepsText(d, o, undefined);
  if (steps) blocks.push(divider(), section(steps));
  if (top?.verify) blocks.push(section(`*How to verify*\n${kbText(top.verify, d, o.titleOf)}`));
  if (top?.escalate) blocks.push(section(`*When to escalate*\n${kbText(top.escalate, d, o.titleOf)}`));
  if (d.question) blocks.push(section(`:point_right: *To narrow it down:* ${markdownToMrkdwn(d.question)}`));
  if (d.notes.length) blocks.push(context(...d.notes.map((n) => `:information_source: ${markdownToMrkdwn(truncate(n, 1900))}`)));
  const refs = top ? [top.id, ...entryRefs([...top.steps, top.verify, top.escalate].join('\n'))] : [];
  const entryButtons = [...new Set(refs)].slice(0, 5).map((id) => button(`:book: ${o.titleOf?.(id) ?? id}`, ACTION.openEntry, id));
  if (entryButtons.length) blocks.push(actions('sd_entries', entryButtons));
  return blocks;
}
