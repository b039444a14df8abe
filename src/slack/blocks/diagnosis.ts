/**
 * A diagnosis as a Slack answer: verdict, evidence (message status and timeline, validator
 * findings with the corrected payload), numbered steps, how to verify, the knowledge entry it
 * rests on, and the buttons. Pure: everything it needs comes in the arguments.
 */
import type { Diagnosis } from '../../../tools/diagnose.js';
import { ACTION } from '../ids.js';
import { escapeMrkdwn, inlineCode, markdownToMrkdwn, truncate } from '../safety/mrkdwn.js';
import { actions, button, context, divider, section, type Block, type Button } from './kit.js';
import { findingLine, lookupText, type FindingLike, type LookupFailureLike, type LookupLike } from './message.js';
import { validationText, type ValidationLike } from './validation.js';
import type { Draft } from './replies.js';

export interface EntryInfo {
  id: string;
  title: string;
  /** Path of the entry inside the package, e.g. knowledge/scenarios/sms-country-delivery.md. */
  file: string;
}

export interface AnswerOptions {
  /** The stored answer the buttons refer to; no buttons without it. */
  answerId?: string;
  entry?: EntryInfo;
}

const pct = (c: number) => `${Math.round(c * 100)}%`;

export function keyWarning(fingerprints: readonly string[]): Block {
  return section(
    `:rotating_light: *Rotate this key now.* Your message contains what looks like a Sent API key (${fingerprints.map(inlineCode).join(', ')}). ` +
      'Anyone who can read this conversation can use it. Regenerate it in Dashboard → API Keys; the old key stops working at once, so update your app with the new one. ' +
      'sent-doctor has not repeated the key anywhere; next time, leave it out or use `/sent key`.',
  );
}

/** What was found leads: each message's verdict (what could not be looked up first), a direct answer. */
export function foundText(d: Diagnosis): string {
  const msgs = [...d.messages].sort((a, b) => Number(!!a.verdict) - Number(!!b.verdict)).slice(0, 3);
  const lines = msgs.map((m) =>
    m.verdict ? `*${escapeMrkdwn(m.message_id)}*: ${escapeMrkdwn(m.verdict.cause)}` : `*${escapeMrkdwn(m.message_id)}* was ${escapeMrkdwn(m.unlooked ?? 'not looked up')}.`,
  );
  if (d.answer) lines.push(escapeMrkdwn(d.answer));
  return lines.join('\n');
}

export function verdictText(d: Diagnosis): string {
  const found = foundText(d);
  const lead = found ? `${found}\n` : '';
  const top = d.scenarios[0];
  if (d.off_topic) return `${lead}:information_source: *Not a delivery problem.* For billing, pricing, account or feature questions, ask Sent support or see docs.sent.dm.`;
  if (!top) return `${lead}:grey_question: *No failure scenario matches yet.*`;
  return lead + (d.conclusive
    ? `:stethoscope: *Most likely: ${escapeMrkdwn(top.title)}* (${pct(top.confidence)} confidence)`
    : `:grey_question: *Not conclusive yet.* Closest match: *${escapeMrkdwn(top.title)}* (${pct(top.confidence)} confidence)`);
}

export function renderDiagnosisBlocks(d: Diagnosis, o: AnswerOptions = {}): Block[] {
  const blocks: Block[] = [];
  const top = d.scenarios[0];
  if (d.entities.keys.length) blocks.push(keyWarning(d.entities.keys));

  blocks.push(section(verdictText(d)));

  const evidence: string[] = [];
  for (const l of d.lookups as Array<LookupLike | LookupFailureLike>) evidence.push(lookupText(l));
  const seen = new Set<string>();
  const topEvidence = (top?.evidence ?? []).filter((e) => !seen.has(e) && seen.add(e));
  for (const e of topEvidence) evidence.push(`• ${escapeMrkdwn(e)}`);
  for (const f of d.findings as FindingLike[]) if (!seen.has(f.message)) evidence.push(findingLine(f)), seen.add(f.message);
  if (evidence.length) blocks.push(divider(), section(`*Evidence*\n${evidence.join('\n')}`));

  (d.validations as ValidationLike[]).forEach((v, i) => {
    const t = validationText(v, d.validations.length > 1 ? i + 1 : undefined);
    if (t) blocks.push(section(t));
  });

  if (top) {
    const lead = d.conclusive ? '*What to do*' : `*If it is ${escapeMrkdwn(top.title)}, try this*`;
    blocks.push(divider(), section(`${lead}\n${top.steps.map((s, i) => `${i + 1}. ${markdownToMrkdwn(s)}`).join('\n')}`));
    if (top.verify) blocks.push(section(`*How to verify*\n${markdownToMrkdwn(top.verify)}`));
  }
  if (d.question) blocks.push(section(`:point_right: *To narrow it down:* ${markdownToMrkdwn(d.question)}`));
  // A 0% runner-up is noise, not a possibility.
  const others = d.scenarios.slice(1).filter((s) => s.confidence >= 0.05).map((s) => `${escapeMrkdwn(s.title)} (${pct(s.confidence)})`);
  if (others.length) blocks.push(context(`Also possible: ${others.join(' · ')}`));
  if (d.notes.length) blocks.push(context(...d.notes.map((n) => `:information_source: ${markdownToMrkdwn(truncate(n, 1900))}`)));
  if (o.entry) blocks.push(context(`:book: Knowledge entry ${inlineCode(o.entry.id)}: ${escapeMrkdwn(o.entry.title)} · ${escapeMrkdwn(o.entry.file)}`));

  if (o.answerId) blocks.push(actions('sd_answer', answerButtons(d, o.answerId)));
  return blocks;
}

export function answerButtons(d: Diagnosis, answerId: string): Button[] {
  return [
    ...(d.entities.message_ids.length ? [button(':arrows_counterclockwise: Re-check status', ACTION.recheck, answerId, 'primary')] : []),
    button(':thumbsup: Helpful', ACTION.helpful, answerId),
    button(':thumbsdown: Not helpful', ACTION.notHelpful, answerId),
    button(':sos: Escalate', ACTION.escalate, answerId),
  ];
}

/** The answer as a draft; `finalise` (blocks.ts) makes it safe and fits it into messages. */
export function diagnosisDraft(d: Diagnosis, o: AnswerOptions = {}): Draft {
  const top = d.scenarios[0];
  return {
    blocks: renderDiagnosisBlocks(d, o),
    fallback: truncate(top ? `${d.conclusive ? 'Most likely' : 'Closest match'}: ${top.title} (${pct(top.confidence)})` : d.summary || 'sent-doctor answer', 300),
    pointer: o.entry
      ? `The full entry is ${inlineCode(o.entry.file)} in sent-doctor; \`sent-doctor diagnose\` in a terminal prints the whole answer.`
      : '`sent-doctor diagnose` in a terminal prints the whole answer.',
  };
}
