/**
 * POST /webhooks/sent: Sent's signed webhooks in. The signature is checked first (401 otherwise),
 * the answer (200) goes out at once, and the event is processed after: Sent waits for a 2xx within
 * its timeout and retries otherwise. The same delivery twice is processed once: the key is made
 * from the event's content (Sent may send no event id) and claimed with the store's setIfAbsent,
 * so with Redis two instances behind one URL process it once between them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger, Store } from '../../tools/context.js';
import { HttpError, readBody, type RouteHandler } from '../http/server.js';
import { parseEnvelope, type MessageEvent } from './envelope.js';
import { verifyWebhook } from './verify.js';

export const WEBHOOK_PATH = '/webhooks/sent';
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;
/** Sent retries for a few hours at most (§6.2); a day covers it. */
export const SEEN_TTL_MS = 24 * 60 * 60 * 1000;
/** Events being processed at once; past this the receiver answers 503 and Sent retries later. */
const MAX_PENDING = 200;

export interface WebhookReceiverOptions {
  secret: string;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Called once per distinct message event, after the answer went out. */
  onEvent(event: MessageEvent): Promise<void>;
  maxBodyBytes?: number;
}

export interface WebhookReceiver {
  handle: RouteHandler;
  /** Resolves when every accepted event has been processed (shutdown, tests). */
  drain(): Promise<void>;
  stats(): { received: number; rejected: number; duplicates: number; processed: number };
}

export function createWebhookReceiver(o: WebhookReceiverOptions): WebhookReceiver {
  const pending = new Set<Promise<void>>();
  const stats = { received: 0, rejected: 0, duplicates: 0, processed: 0 };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    void res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));

  async function process(parsedBody: unknown, receivedAt: number): Promise<void> {
    const parsed = parseEnvelope(parsedBody, receivedAt);
    if (parsed.kind === 'ignored') {
      o.logger.debug(`webhook ignored: ${parsed.reason}`);
      return;
    }
    const e = parsed.event;
    if (!(await o.store.setIfAbsent(`webhook:seen:${e.dedupeKey}`, '1', SEEN_TTL_MS))) {
      stats.duplicates++;
      o.logger.info(`webhook ${e.event} for ${e.message_id}: duplicate delivery, skipped`);
      return;
    }
    o.logger.info(`webhook ${e.event} for ${e.message_id}`);
    await o.onEvent(e);
    stats.processed++;
  }

  const handle: RouteHandler = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return json(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
    let raw: Buffer;
    try {
      raw = await readBody(req, o.maxBodyBytes ?? WEBHOOK_MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof HttpError) return json(res, err.status, { error: 'payload_too_large' }, { connection: 'close' });
      throw err;
    }
    const now = o.clock.now();
    const v = verifyWebhook(o.secret, req.headers, raw, now);
    if (!v.ok) {
      stats.rejected++;
      o.logger.warn(`webhook rejected (401): ${v.reason}`);
      return json(res, 401, { error: 'invalid_signature' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 400, { error: 'invalid_json' });
    }
    if (pending.size >= MAX_PENDING) return json(res, 503, { error: 'busy' }, { 'retry-after': '60' });
    stats.received++;
    json(res, 200, { ok: true });
    const p = process(body, now)
      .catch((err) => o.logger.error('webhook processing failed:', err))
      .finally(() => pending.delete(p));
    pending.add(p);
  };

  return {
    handle,
    async drain() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    stats: () => ({ ...stats }),
  };
}
