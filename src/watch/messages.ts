/** What watches say in a thread (mrkdwn). Phones are masked and text escaped by the Slack outbox. */
import type { KnowledgeBase } from '../../tools/context.js';
import type { Verdict } from '../../tools/domain/records/verdicts.js';
import type { StatusChange } from './event.js';
import type { WatchMode } from './service.js';

const FAILURE_KINDS = new Set(['failure', 'blocked', 'filtered']);
const id = (s: string) => `\`${s}\``;
const mins = (ms: number) => Math.round(ms / 60_000);
const secs = (ms: number) => Math.round(ms / 1_000);
const hours = (ms: number) => Math.round(ms / 3_600_000);

export function modeLine(mode: WatchMode, o: { ttlMs: number; pollEveryMs: number; pollForMs: number }): string {
  return mode === 'webhook'
    ? `_Mode: Sent webhooks. I post here when Sent reports a change, for up to ${hours(o.ttlMs)} hours._`
    : `_Mode: polling, because Sent webhooks are not configured (SENT_WEBHOOK_SECRET). I look it up every ${secs(o.pollEveryMs)} seconds for at most ${mins(o.pollForMs)} minutes._`;
}

function scenarioLine(v: Verdict, knowledge?: Pick<KnowledgeBase, 'get'>): string | undefined {
  const s = v.scenarios[0];
  if (!s) return undefined;
  const title = knowledge?.get(s)?.title;
  return `*Scenario:* ${title ? `${title} (${id(s)})` : id(s)}${v.evidenced ? '' : ' (the record leaves this open)'}`;
}

export function watchingText(
  messageId: string,
  a: { mode: WatchMode; status?: string; looked: boolean; o: { ttlMs: number; pollEveryMs: number; pollForMs: number } },
): string {
  const now = a.status ? ` It is *${a.status}* now.` : a.looked ? '' : ' (I could not look it up just now.)';
  return [`:eyes: Watching ${id(messageId)}: I will post its next status change in this thread.${now}`, modeLine(a.mode, a.o)].join('\n');
}

export function updateText(c: StatusChange, a: { final: boolean; knowledge?: Pick<KnowledgeBase, 'get'> }): string {
  const failure = FAILURE_KINDS.has(c.verdict.kind) && ['FAILED', 'FILTERED', 'BLOCKED'].includes(c.status);
  const lines = [`${failure ? ':red_circle:' : ':bell:'} ${id(c.message_id)} is now *${c.status}* (${c.source === 'webhook' ? 'Sent webhook' : 'polled'}).`];
  if (failure) {
    lines.push(`*Cause:* ${c.verdict.cause}`);
    const s = scenarioLine(c.verdict, a.knowledge);
    if (s) lines.push(s);
  }
  if (a.final) lines.push(`${c.status} is a final status, so this watch has ended.`);
  return lines.join('\n');
}

export function endedPollingText(messageId: string, a: { status?: string; o: { pollForMs: number } }): string {
  return `:hourglass: Stopped watching ${id(messageId)}: polling ends after ${mins(a.o.pollForMs)} minutes${a.status ? `, and it is still *${a.status}*` : ''}. Say \`watch ${messageId}\` to watch it again.`;
}

export function cannotWatchText(
  why: 'not_found' | 'final' | 'already' | 'full' | 'cap',
  messageId: string,
  a: { cause?: string; status?: string; verdict?: Verdict; knowledge?: Pick<KnowledgeBase, 'get'>; mode?: WatchMode; max?: number },
): string {
  switch (why) {
    case 'not_found':
      return `:grey_question: Not watching ${id(messageId)}: ${a.cause ?? 'Sent does not know this message.'}`;
    case 'final': {
      const lines = [`:white_check_mark: ${id(messageId)} is already *${a.status}*, a final status, so there is nothing to watch.`];
      if (a.verdict && FAILURE_KINDS.has(a.verdict.kind)) {
        lines.push(`*Cause:* ${a.verdict.cause}`);
        const s = scenarioLine(a.verdict, a.knowledge);
        if (s) lines.push(s);
      }
      return lines.join('\n');
    }
    case 'already':
      return `:eyes: This thread is already watching ${id(messageId)}${a.mode ? ` (${a.mode === 'webhook' ? 'Sent webhooks' : 'polling'})` : ''}.`;
    case 'full':
      return `:no_entry: ${id(messageId)} is already watched in ${a.max} threads, the most allowed; follow one of those.`;
    case 'cap':
      return `:no_entry: This workspace already polls ${a.max} messages, the most allowed without webhooks. Try again when one ends, or configure Sent webhooks (SENT_WEBHOOK_SECRET).`;
  }
}
