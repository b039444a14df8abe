/**
 * A message event (a Sent webhook, or a change a poll saw) read as a record and decided by the
 * record → verdict table, the way a lookup or a pasted webhook is (tools/domain/records).
 */
import type { ToolContext } from '../../tools/context.js';
import { MessageRecord } from '../../tools/domain/records/schema.js';
import { normaliseMessage } from '../../tools/domain/records/normalise.js';
import { decideVerdict, type Verdict } from '../../tools/domain/records/verdicts.js';
import type { MessageEvent } from '../webhooks/envelope.js';

/** Statuses after which nothing more is expected: the watch ends. */
export const FINAL_STATUSES = new Set(['DELIVERED', 'READ', 'FAILED', 'FILTERED', 'BLOCKED', 'CANCELLED']);
/** Statuses counted in the failure digest. */
export const FAILURE_STATUSES = new Set(['FAILED', 'FILTERED', 'BLOCKED']);

/** One status change, however it was learnt. */
export interface StatusChange {
  message_id: string;
  status: string;
  at: number;
  verdict: Verdict;
  /** E.164 as Sent sent it (masked before it is stored or shown in a channel). */
  recipient?: string;
  source: 'webhook' | 'poll';
  /** Same change → same key (a webhook's content key; a poll's status). */
  key: string;
}

/** The outbound message payload (§6.6) as a message record (as tools/domain/extract.ts reads a pasted webhook). */
export function webhookAsRecord(e: MessageEvent): MessageRecord | undefined {
  const p = e.payload;
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const reason = [s(p.reason_code), s(p.reason)].filter(Boolean).join(': ') || undefined;
  const record = {
    ...p,
    id: e.message_id,
    status: e.status,
    phone: s(p.outbound_number) ?? s(p.phone),
    events: [{ status: e.status, timestamp: new Date(e.at).toISOString(), description: reason ?? null }],
  };
  const parsed = MessageRecord.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}

export function changeFromWebhook(e: MessageEvent, ctx: Pick<ToolContext, 'knowledge' | 'coverage' | 'clock'>): StatusChange {
  const record = webhookAsRecord(e) ?? MessageRecord.parse({ id: e.message_id, status: e.status });
  const n = normaliseMessage(record, []);
  const verdict = decideVerdict(n, { now: ctx.clock.now(), code: (c) => ctx.knowledge.code(c), coverage: ctx.coverage });
  const recipient = typeof e.payload.outbound_number === 'string' ? e.payload.outbound_number : undefined;
  return { message_id: e.message_id, status: e.status, at: e.at, verdict, ...(recipient ? { recipient } : {}), source: 'webhook', key: e.dedupeKey };
}
