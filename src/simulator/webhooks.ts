/**
 * The simulator's webhook sender: when one of its messages changes status (a sandbox send moving
 * QUEUED → ROUTED → SENT → DELIVERED, or BLOCKED), it POSTs a signed Sent webhook to a configured
 * URL, the way Sent does (reference/sent-api-facts.md §6.3–6.6): envelope variant 3 with
 * `sub_type` too, headers x-webhook-id (the endpoint's ID, the same on every delivery),
 * x-webhook-timestamp and x-webhook-signature `v1,<base64 HMAC-SHA256>` over `{id}.{ts}.{body}`
 * keyed with the base64 secret after `whsec_`. Messages already there when it starts are not
 * announced. Nothing is retried: a failed delivery is only logged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../tools/context.js';
import { signature } from '../webhooks/verify.js';
import type { SimMessage } from './seed.js';

export interface WebhookSenderOptions {
  url: string;
  /** whsec_…; generateWebhookSecret() makes one. */
  secret: string;
  messages: ReadonlyMap<string, SimMessage>;
  clock?: Clock;
  /** How often to look for changes (default 500 ms). */
  intervalMs?: number;
  /** Reports each delivery (status code or error), for logs and tests. */
  onDelivery?: (d: { message_id: string; event: string; status: number | string }) => void;
}

export interface WebhookSender {
  readonly endpointId: string;
  /** One pass: sends a webhook for every message whose status changed since the last pass. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const CODE_RE = /\b([A-Z]+_\d{3})\b/;

function current(m: SimMessage, now: number) {
  const visible = m.steps.filter((s) => s.at <= now);
  return visible.at(-1) ?? m.steps[0];
}

/** The webhook body for a message's current step. */
export function webhookBody(m: SimMessage, now: number): { event: string; body: string } | undefined {
  const step = current(m, now);
  if (!step) return undefined;
  const status = step.status.toUpperCase();
  const event = `message.${status.toLowerCase()}`;
  const f = m.fields;
  const failed = ['FAILED', 'FILTERED', 'BLOCKED'].includes(status);
  const code = (typeof f.reason_code === 'string' ? f.reason_code : undefined) ?? CODE_RE.exec(step.description)?.[1];
  const payload = {
    message_id: m.id,
    message_status: status,
    channel: Array.isArray(f.channel) ? f.channel[0] : (f.channel ?? null),
    account_id: 'sim-account',
    outbound_number: f.phone ?? null,
    template_id: f.template_id ?? null,
    template_name: f.template_name ?? null,
    ...(failed ? { reason_code: code ?? null, reason: step.description } : {}),
    body: null,
    updated_at: new Date(step.at).toISOString(),
  };
  const env = { field: 'message', event, sub_type: event, timestamp: new Date(now).toISOString(), request_id: `req_sim_${randomUUID().slice(0, 8)}`, payload };
  return { event, body: JSON.stringify(env) };
}

export function startWebhookSender(o: WebhookSenderOptions): WebhookSender {
  const clock = o.clock ?? { now: () => Date.now() };
  const endpointId = randomUUID();
  const seen = new Map<string, string>();
  const now0 = clock.now();
  for (const m of o.messages.values()) seen.set(m.id, current(m, now0)?.status ?? '');
  let passing: Promise<void> | undefined;

  async function deliver(id: string, event: string, body: string): Promise<void> {
    const ts = String(Math.floor(clock.now() / 1000));
    try {
      const res = await fetch(o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-id': endpointId, 'x-webhook-timestamp': ts, 'x-webhook-signature': signature(o.secret, endpointId, ts, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      o.onDelivery?.({ message_id: id, event, status: res.status });
    } catch (err) {
      o.onDelivery?.({ message_id: id, event, status: err instanceof Error ? err.message : String(err) });
    }
  }

  async function flush(): Promise<void> {
    if (passing) return passing;
    passing = (async () => {
      const now = clock.now();
      const out: Promise<void>[] = [];
      for (const m of o.messages.values()) {
        const status = current(m, now)?.status ?? '';
        if (seen.get(m.id) === status) continue;
        seen.set(m.id, status);
        const w = webhookBody(m, now);
        if (w) out.push(deliver(m.id, w.event, w.body));
      }
      if (seen.size > o.messages.size * 2 + 1000) for (const id of seen.keys()) if (!o.messages.has(id)) seen.delete(id);
      await Promise.all(out);
    })().finally(() => (passing = undefined));
    return passing;
  }

  const timer = setInterval(() => void flush(), o.intervalMs ?? 500);
  timer.unref();
  return {
    endpointId,
    flush,
    async stop() {
      clearInterval(timer);
      await passing;
    },
  };
}
