/**
 * What a re-check or a follow-up in a thread says: only what changed since the last answer
 * ("still SENT, 3 h now; nothing new" / "now DELIVERED at 12:40 UTC"), in a few lines; the
 * original answer's status line is updated in place (`withStatusLine`). Also the two private
 * modals: "All steps" and a knowledge entry. Pure.
 */
import type { types } from '@slack/bolt';
import type { Diagnosis } from '../../../tools/diagnose.js';
import type { Scenario } from '../../../tools/context.js';
import { ACTION, VIEW } from '../ids.js';
import { escapeMrkdwn, inlineCode, truncate } from '../safety/mrkdwn.js';
import { BLOCK_ID, clockTime, kbText } from './diagnosis.js';
import { splitLongSections } from './fit.js';
import { LIMITS, actions, button, context, divider, header, plain, section, type Block } from './kit.js';
import type { Draft } from './replies.js';
import { entryRefs } from '../../render/placeholders.js';

/** One message as the last answer in a thread saw it. */
export interface SnapshotItem {
  message_id: string;
  /** FAILED, SENT, … ; `not found`; or absent when the lookup failed or did not run. */
  status?: string;
  /** Time of the record's latest event (ISO). */
  last_at?: string | null;
  /** The verdict's cause (what the first line said). */
  cause?: string;
  codes?: string[];
}

export type Snapshot = SnapshotItem[];

export function snapshotOf(d: Diagnosis): Snapshot {
  return d.messages
    .filter((m) => m.source !== 'pasted')
    .map((m) => {
      const l = d.lookups.find((x) => x.message_id === m.message_id);
      const found = l && 'found' in l ? l : undefined;
      return {
        message_id: m.message_id,
        ...(found ? { status: found.found ? (found.status ?? 'UNKNOWN') : 'not found' } : {}),
        ...(found?.found ? { last_at: found.timeline?.at(-1)?.at ?? null, codes: found.error_codes ?? [] } : {}),
        ...(m.verdict && m.verdict.kind !== 'not_found' ? { cause: m.verdict.cause } : {}),
      };
    });
}

const MAX_LINES = 5;

/** "3 h", "25 min", "2 d" since an ISO time. */
export function age(iso: string | null | undefined, now: number): string | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t) || now < t) return undefined;
  const min = Math.floor((now - t) / 60_000);
  if (min < 60) return `${Math.max(1, min)} min`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`;
}

/** One line per message: what changed since `before` (the last answer in the thread). */
export function changeLines(before: Snapshot, after: Snapshot, now: number, since?: number): string[] {
  const prev = new Map(before.map((s) => [s.message_id, s]));
  const changed: string[] = [];
  const same: SnapshotItem[] = [];
  for (const a of after) {
    const b = prev.get(a.message_id);
    const id = inlineCode(a.message_id);
    if (!a.status) changed.push(`:grey_question: ${id} could not be re-checked just now.`);
    else if (!b?.status) changed.push(`:envelope: ${id} is *${escapeMrkdwn(a.status)}*${a.cause ? `: ${escapeMrkdwn(truncate(a.cause, 160))}` : ''}.`);
    else if (b.status !== a.status)
      changed.push(`:arrow_right: ${id} now *${escapeMrkdwn(a.status)}*${a.last_at ? ` at ${clockTime(Date.parse(a.last_at), now)}` : ''} (was ${escapeMrkdwn(b.status)}).`);
    else if ((a.codes ?? []).join() !== (b.codes ?? []).join() || (a.last_at ?? '') !== (b.last_at ?? ''))
      changed.push(`:arrow_right: ${id} still *${escapeMrkdwn(a.status)}*, with a new event${a.last_at ? ` at ${clockTime(Date.parse(a.last_at), now)}` : ''}${a.codes?.length ? ` (codes ${a.codes.map(inlineCode).join(', ')})` : ''}.`);
    else same.push(a);
  }
  const sinceText = since ? ` since ${clockTime(since, now)}` : '';
  const lines = changed.slice(0, MAX_LINES);
  if (changed.length > MAX_LINES) lines.push(`…and ${changed.length - MAX_LINES} more changed.`);
  if (same.length === 1) {
    const s = same[0]!;
    const a = s.status === 'not found' ? undefined : age(s.last_at, now);
    lines.push(`:hourglass: ${inlineCode(s.message_id)} still *${escapeMrkdwn(s.status!)}*${a ? `, ${a} now` : ''}; nothing new${sinceText}.`);
  } else if (same.length > 1) {
    const byStatus = new Map<string, number>();
    for (const s of same) byStatus.set(s.status!, (byStatus.get(s.status!) ?? 0) + 1);
    lines.push(`:hourglass: ${same.length} messages unchanged (${[...byStatus].map(([k, n]) => `${n} ${escapeMrkdwn(k)}`).join(', ')}); nothing new${sinceText}.`);
  }
  return lines;
}

/** The short reply to a re-check or a follow-up. */
export function followUpDraft(before: Snapshot, after: Snapshot, now: number, since?: number): Draft {
  const lines = changeLines(before, after, now, since);
  const text = lines.length ? lines.join('\n') : 'Nothing to re-check in this thread.';
  return {
    blocks: [section(text), context(`Re-checked at ${clockTime(now, now)}; the answer's status line is updated.`)],
    fallback: truncate(text.replace(/[*`]/g, '').replace(/:[a-z_]+: /g, ''), 200),
  };
}

/** The answer's blocks with its status line replaced (chat.update after a re-check). */
export function withStatusLine(blocks: Block[], mrkdwn: string): Block[] {
  const i = blocks.findIndex((b) => b.block_id === BLOCK_ID.status);
  const line: Block = { ...context(`:envelope: ${mrkdwn}`), block_id: BLOCK_ID.status };
  if (i >= 0) return blocks.map((b, n) => (n === i ? line : b));
  const at = blocks.findIndex((b) => b.block_id === BLOCK_ID.found);
  return at >= 0 ? [...blocks.slice(0, at + 1), line, ...blocks.slice(at + 1)] : blocks;
}

// ---------------------------------------------------------------------------------------------
// modals

type Modal = types.ModalView;

function modal(title: string, blocks: Block[], callbackId: string): Modal {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, LIMITS.viewTitle),
    close: plain('Close'),
    blocks: splitLongSections(blocks).slice(0, LIMITS.viewBlocks),
  };
}

/** "All steps": the whole answer, for the clicking user only. */
export function detailsView(blocks: Block[]): Modal {
  return modal('All steps', blocks, VIEW.details);
}

/** A knowledge entry, as Slack shows it: placeholders rendered for Slack, related entries as buttons. */
export function entryView(s: Scenario, titleOf: (id: string) => string | undefined): Modal {
  const t = (md: string) => kbText(md, undefined, titleOf);
  const blocks: Block[] = [header(s.title), section(`_${escapeMrkdwn(s.summary)}_`)];
  if (s.symptoms) blocks.push(section(`*Symptoms*\n${t(s.symptoms)}`));
  if (s.why) blocks.push(section(`*Why it happens*\n${t(s.why)}`));
  for (const c of s.causes) blocks.push(section(`*${escapeMrkdwn(c.title)}*\n${t(c.text)}${c.confirm ? `\n*Confirm:* ${t(c.confirm)}` : ''}`));
  if (s.steps.length) blocks.push(divider(), section(`*Steps*\n${s.steps.map((x, i) => `${i + 1}. ${t(x)}`).join('\n')}`));
  if (s.verify) blocks.push(section(`*Verify the fix*\n${t(s.verify)}`));
  if (s.escalate) blocks.push(section(`*When to escalate*\n${t(s.escalate)}`));
  const related = [...new Set([...entryRefs(s.markdown), ...s.related])].filter((id) => id !== s.id && titleOf(id)).slice(0, 5);
  if (related.length) blocks.push(actions('sd_entries', related.map((id) => button(`:book: ${titleOf(id)}`, ACTION.openEntry, id))));
  if (s.sources.length) blocks.push(context(`Sources: ${escapeMrkdwn(s.sources.slice(0, 6).join('; '))}`));
  return modal('Knowledge entry', blocks, VIEW.entry);
}
