/**
 * Sent webhook signatures (reference/sent-api-facts.md §6.3, Svix-compatible): headers
 * `x-webhook-id`, `x-webhook-timestamp` (Unix seconds) and `x-webhook-signature: v1,<base64>`;
 * HMAC-SHA256 over `{id}.{timestamp}.{raw body}` keyed with the base64-decoded secret after
 * `whsec_`; compared in constant time; a timestamp more than 300 s from now is rejected.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOLERANCE_S = 300;

export type Verification = { ok: true } | { ok: false; reason: string };

/** The HMAC key of a `whsec_…` secret (a secret without the prefix is read as base64 too). */
export function secretKey(secret: string): Buffer {
  const b64 = secret.trim().replace(/^whsec_/, '');
  const key = Buffer.from(b64, 'base64');
  if (!key.length) throw new Error('empty webhook secret');
  return key;
}

/** `v1,<base64>` for a body: what Sent sends (the simulator and the tests sign with it). */
export function signature(secret: string, id: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

type Headers = Record<string, string | string[] | undefined>;
const one = (h: Headers, name: string) => {
  const v = h[name];
  return typeof v === 'string' ? v : undefined;
};

export function verifyWebhook(secret: string, headers: Headers, body: Buffer, nowMs: number): Verification {
  const id = one(headers, 'x-webhook-id');
  const ts = one(headers, 'x-webhook-timestamp');
  const sig = one(headers, 'x-webhook-signature');
  if (!id || !ts || !sig) return { ok: false, reason: 'missing x-webhook-id, x-webhook-timestamp or x-webhook-signature' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'x-webhook-timestamp is not Unix seconds' };
  if (Math.abs(nowMs / 1000 - Number(ts)) > TOLERANCE_S) return { ok: false, reason: `timestamp more than ${TOLERANCE_S} s from now` };
  const expected = Buffer.from(signature(secret, id, ts, body).slice(3), 'base64');
  // The header may carry several space-separated signatures (Svix does during a rotation).
  for (const part of sig.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
}
