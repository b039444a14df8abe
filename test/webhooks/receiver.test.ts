/**
 * POST /webhooks/sent over real HTTP on 127.0.0.1: signatures (§6.3), the three envelope variants
 * (§6.4), the body cap, 2xx before processing, and content-based dedupe through the store's
 * setIfAbsent (memory, and real Redis shared by two receivers as two instances would share it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from '../../src/http/server.js';
import { createWebhookReceiver, WEBHOOK_PATH, type WebhookReceiver } from '../../src/webhooks/receiver.js';
import { parseEnvelope, type MessageEvent } from '../../src/webhooks/envelope.js';
import { verifyWebhook } from '../../src/webhooks/verify.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createRedisStore } from '../../src/store/redis.js';
import { createLogger } from '../../src/log.js';
import type { Store } from '../../tools/context.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../store/redis-helpers.js';
import { envelope, postWebhook, signedHeaders, WEBHOOK_SECRET } from './helpers.js';

const logLines: string[] = [];
const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });

interface Rig {
  app: HttpApp;
  url: string;
  rx: WebhookReceiver;
  events: MessageEvent[];
}

async function startRig(store: Store, o: { slow?: boolean } = {}): Promise<Rig> {
  const events: MessageEvent[] = [];
  const rx = createWebhookReceiver({
    secret: WEBHOOK_SECRET,
    store,
    clock: { now: () => Date.now() },
    logger,
    maxBodyBytes: 16 * 1024,
    onEvent: async (e) => {
      if (o.slow) await new Promise((r) => setTimeout(r, 300));
      events.push(e);
    },
  });
  const app = createHttpApp(logger);
  app.mount(WEBHOOK_PATH, rx.handle);
  const { url } = await app.listen(0, '127.0.0.1');
  return { app, url: url + WEBHOOK_PATH, rx, events };
}

let rig: Rig;
beforeAll(async () => {
  rig = await startRig(createMemoryStore());
});
afterAll(async () => {
  await rig.app.close();
  expect(logLines.join('\n')).not.toContain(WEBHOOK_SECRET);
});

const failed = (id: string, variant: 'sub_type' | 'legacy' | 'event' = 'event') =>
  envelope(variant, { message_id: id, status: 'FAILED', reason_code: 'DELIVERY_007', reason: 'The recipient is not registered on this channel' });

describe('signature', () => {
  it('a good signature is accepted (200) and the event processed', async () => {
    const body = failed('msg_hook_good');
    expect(await postWebhook(rig.url, body)).toBe(200);
    await rig.rx.drain();
    expect(rig.events.map((e) => e.message_id)).toContain('msg_hook_good');
  });

  it('a bad signature, another secret, a changed body or missing headers → 401, nothing processed', async () => {
    const body = failed('msg_hook_bad');
    const h = signedHeaders(body);
    expect(await postWebhook(rig.url, body, { ...h, 'x-webhook-signature': 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' })).toBe(401);
    expect(await postWebhook(rig.url, body, signedHeaders(body, { secret: `whsec_${Buffer.from('another secret entirely').toString('base64')}` }))).toBe(401);
    expect(await postWebhook(rig.url, body.replace('FAILED', 'DELIVERED'), h)).toBe(401);
    expect(await postWebhook(rig.url, body, { 'content-type': 'application/json' })).toBe(401);
    expect(await postWebhook(rig.url, body, { ...h, 'x-webhook-id': 'another-endpoint' })).toBe(401);
    await rig.rx.drain();
    expect(rig.events.map((e) => e.message_id)).not.toContain('msg_hook_bad');
  });

  it('a timestamp 10 minutes old → 401; 10 minutes in the future → 401; 4 minutes old is fine', async () => {
    const body = failed('msg_hook_time');
    const now = Math.floor(Date.now() / 1000);
    expect(await postWebhook(rig.url, body, signedHeaders(body, { ts: now - 600 }))).toBe(401);
    expect(await postWebhook(rig.url, body, signedHeaders(body, { ts: now + 600 }))).toBe(401);
    await rig.rx.drain();
    expect(rig.events.map((e) => e.message_id)).not.toContain('msg_hook_time');
    expect(await postWebhook(rig.url, body, signedHeaders(body, { ts: now - 240 }))).toBe(200);
  });

  it('verifies exactly the documented scheme (HMAC-SHA256 over id.timestamp.body, base64 key after whsec_)', async () => {
    const { createHmac } = await import('node:crypto');
    const body = '{"field":"message"}';
    const ts = String(Math.floor(Date.now() / 1000));
    const key = Buffer.from(WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
    const sig = `v1,${createHmac('sha256', key).update(`msg_id.${ts}.${body}`).digest('base64')}`;
    const headers = { 'x-webhook-id': 'msg_id', 'x-webhook-timestamp': ts, 'x-webhook-signature': sig };
    expect(verifyWebhook(WEBHOOK_SECRET, headers, Buffer.from(body), Date.now())).toEqual({ ok: true });
    // Several signatures (a rotation) are read one by one.
    expect(verifyWebhook(WEBHOOK_SECRET, { ...headers, 'x-webhook-signature': `v1,bm9wZQ== ${sig}` }, Buffer.from(body), Date.now())).toEqual({ ok: true });
  });
});

describe('requests', () => {
  it('only POST; a body over the cap → 413; signed non-JSON → 400', async () => {
    expect((await fetch(rig.url)).status).toBe(405);
    const big = JSON.stringify({ field: 'message', pad: 'x'.repeat(20_000) });
    expect(await postWebhook(rig.url, big)).toBe(413);
    expect(await postWebhook(rig.url, 'not json')).toBe(400);
  });

  it('answers before processing (2xx fast)', async () => {
    const slow = await startRig(createMemoryStore(), { slow: true });
    try {
      const t0 = Date.now();
      expect(await postWebhook(slow.url, failed('msg_hook_fast'))).toBe(200);
      expect(Date.now() - t0).toBeLessThan(250);
      expect(slow.events).toHaveLength(0);
      await slow.rx.drain();
      expect(slow.events).toHaveLength(1);
    } finally {
      await slow.app.close();
    }
  });
});

describe('the three envelope variants (§6.4)', () => {
  for (const variant of ['sub_type', 'legacy', 'event'] as const) {
    it(`variant ${variant}`, async () => {
      const id = `msg_hook_variant_${variant}`;
      expect(await postWebhook(rig.url, failed(id, variant))).toBe(200);
      await rig.rx.drain();
      const e = rig.events.find((x) => x.message_id === id)!;
      expect(e).toMatchObject({ event: 'message.failed', status: 'FAILED', variant });
      expect(e.payload.reason_code).toBe('DELIVERY_007');
    });
  }

  it('templates, inbound messages and other families are acknowledged and ignored', () => {
    expect(parseEnvelope({ field: 'templates', payload: { status: 'APPROVED' } }, 0).kind).toBe('ignored');
    expect(parseEnvelope({ field: 'message', event: 'message.received', payload: { message_id: 'msg_x', message_status: 'RECEIVED' } }, 0).kind).toBe('ignored');
    expect(parseEnvelope({ field: 'contact', event: 'contact.opt_out', payload: {} }, 0).kind).toBe('ignored');
    expect(parseEnvelope([1, 2], 0).kind).toBe('ignored');
  });
});

describe('dedupe', () => {
  it('the same delivery twice (a Sent retry, new timestamp and signature) is processed once', async () => {
    const body = failed('msg_hook_twice');
    expect(await postWebhook(rig.url, body)).toBe(200);
    expect(await postWebhook(rig.url, body, signedHeaders(body, { ts: Math.floor(Date.now() / 1000) - 60 }))).toBe(200);
    await rig.rx.drain();
    expect(rig.events.filter((e) => e.message_id === 'msg_hook_twice')).toHaveLength(1);
    expect(rig.rx.stats().duplicates).toBeGreaterThanOrEqual(1);
  });

  it('the same event in another envelope variant is the same event', async () => {
    expect(await postWebhook(rig.url, failed('msg_hook_variants_same', 'event'))).toBe(200);
    expect(await postWebhook(rig.url, failed('msg_hook_variants_same', 'sub_type'))).toBe(200);
    await rig.rx.drain();
    expect(rig.events.filter((e) => e.message_id === 'msg_hook_variants_same')).toHaveLength(1);
  });

  it('with Redis, two receivers (two instances) given the same delivery at once process it once', async () => {
    const prefix = uniquePrefix('webhooks');
    const [s1, s2] = await Promise.all([createRedisStore(SHARED_REDIS_URL, logger, { prefix }), createRedisStore(SHARED_REDIS_URL, logger, { prefix })]);
    const [r1, r2] = await Promise.all([startRig(s1), startRig(s2)]);
    try {
      const body = failed('msg_hook_two_instances');
      const codes = await Promise.all([postWebhook(r1.url, body), postWebhook(r2.url, body), postWebhook(r1.url, body)]);
      expect(codes).toEqual([200, 200, 200]);
      await Promise.all([r1.rx.drain(), r2.rx.drain()]);
      expect(r1.events.length + r2.events.length).toBe(1);
    } finally {
      await Promise.all([r1.app.close(), r2.app.close()]);
      await Promise.all([s1.close(), s2.close()]);
      await deletePrefix(prefix);
    }
  });
});
