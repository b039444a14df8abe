/** Signed Sent webhooks for the tests: the three envelope variants (§6.4), signed as §6.3 says. */
import { signature } from '../../src/webhooks/verify.js';

/** Test-only signing secret (whsec_ + base64 of 24 fixed bytes). */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('sent-doctor-test-webhook!').toString('base64')}`;
export const ENDPOINT_ID = '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

export type Variant = 'sub_type' | 'legacy' | 'event';

export interface PayloadOptions {
  message_id: string;
  status: string;
  reason_code?: string;
  reason?: string;
  channel?: string;
  outbound_number?: string;
  updated_at?: string;
}

export function envelope(variant: Variant, p: PayloadOptions): string {
  const payload = {
    message_id: p.message_id,
    message_status: p.status,
    channel: p.channel ?? 'sms',
    account_id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8',
    outbound_number: p.outbound_number ?? '+213551234567',
    template_id: null,
    template_name: null,
    ...(p.reason_code ? { reason_code: p.reason_code, reason: p.reason ?? null } : {}),
    body: null,
    updated_at: p.updated_at ?? '2026-08-20T10:00:03Z',
  };
  const event = `message.${p.status.toLowerCase()}`;
  const ts = '2026-08-20T10:00:04Z';
  if (variant === 'sub_type') return JSON.stringify({ field: 'message', sub_type: event, timestamp: ts, payload });
  if (variant === 'legacy') return JSON.stringify({ field: 'messages', payload, timestamp: ts });
  return JSON.stringify({ field: 'message', event, timestamp: ts, payload, request_id: 'req_9c1' });
}

export function signedHeaders(body: string, o: { ts?: number; secret?: string; id?: string } = {}): Record<string, string> {
  const ts = String(o.ts ?? Math.floor(Date.now() / 1000));
  const id = o.id ?? ENDPOINT_ID;
  return {
    'content-type': 'application/json',
    'x-webhook-id': id,
    'x-webhook-timestamp': ts,
    'x-webhook-signature': signature(o.secret ?? WEBHOOK_SECRET, id, ts, body),
  };
}

export async function postWebhook(url: string, body: string, headers: Record<string, string> = signedHeaders(body)): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}
