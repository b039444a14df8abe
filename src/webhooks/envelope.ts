/**
 * The three documented Sent webhook envelopes (reference/sent-api-facts.md §6.4), read into one
 * message event:
 *   1. `{"field":"message","sub_type":"message.delivered","timestamp":…,"payload":{…}}`
 *   2. `{"field":"messages","payload":{…},"timestamp":…}` (older docs; no sub_type)
 *   3. `{"field":"message","event":"message.delivered","timestamp":…,"payload":{…},"request_id":…}`
 * Other families (templates, contact, channel…) and inbound messages are acknowledged and ignored.
 */
import { createHash } from 'node:crypto';

export type EnvelopeVariant = 'sub_type' | 'legacy' | 'event';

export interface MessageEvent {
  /** `message.failed`, `message.delivered`… */
  event: string;
  message_id: string;
  /** Upper case: FAILED, DELIVERED… */
  status: string;
  /** When it happened (ms): the payload's updated_at, else the envelope's timestamp, else receipt. */
  at: number;
  /** The outbound message payload (§6.6), as sent. */
  payload: Record<string, unknown>;
  variant: EnvelopeVariant;
  /** Same delivery → same key, whatever the headers (Sent may send no event id). */
  dedupeKey: string;
}

export type Parsed = { kind: 'message'; event: MessageEvent } | { kind: 'ignored'; reason: string };

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

export function parseEnvelope(body: unknown, receivedAt: number): Parsed {
  const env = obj(body);
  if (!env) return { kind: 'ignored', reason: 'not a JSON object' };
  const field = str(env.field)?.toLowerCase();
  const payload = obj(env.payload);
  if (field !== 'message' && field !== 'messages') return { kind: 'ignored', reason: `field ${JSON.stringify(String(env.field ?? '')).slice(0, 40)}` };
  if (!payload) return { kind: 'ignored', reason: 'no payload' };
  const variant: EnvelopeVariant = str(env.event) ? 'event' : str(env.sub_type) ? 'sub_type' : 'legacy';
  const rawStatus = str(payload.message_status) ?? str(payload.status);
  const named = (str(env.event) ?? str(env.sub_type))?.toLowerCase();
  const status = (rawStatus ?? named?.replace(/^message\./, ''))?.toUpperCase();
  const messageId = str(payload.message_id) ?? str(payload.id);
  if (!status || !messageId) return { kind: 'ignored', reason: 'no message_id or message_status' };
  const event = named ?? `message.${status.toLowerCase()}`;
  if (event === 'message.received' || status === 'RECEIVED') return { kind: 'ignored', reason: 'inbound message' };
  const at = time(payload.updated_at) ?? time(env.timestamp) ?? receivedAt;
  const stamp = str(payload.updated_at) ?? str(env.timestamp) ?? JSON.stringify(payload);
  const dedupeKey = createHash('sha256')
    .update([messageId, event, status, stamp, str(payload.reason_code) ?? ''].join('\u0000'))
    .digest('base64url')
    .slice(0, 32);
  return { kind: 'message', event: { event, message_id: messageId.slice(0, 200), status: status.slice(0, 40), at, payload, variant, dedupeKey } };
}
