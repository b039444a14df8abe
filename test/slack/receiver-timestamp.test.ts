/**
 * Slack's replay window, both ways (issue 16): a correctly signed request whose timestamp is more
 * than 5 minutes from now is refused, in the past (Bolt's own check) and in the future (Bolt lets
 * it through; the receiver does not). The receiver's clock is injected: no real time passes.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { createLogger } from '../../src/log.js';
import { HttpAppReceiver, MAX_TIMESTAMP_SKEW_S, timestampFresh } from '../../src/slack/receiver.js';
import { SECRETS } from './helpers/harness.js';

// Bolt's own signature check reads the real clock; the receiver's clock is injected and set to the same second.
const NOW_S = Math.floor(Date.now() / 1000);
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function receiverAt(nowS: number) {
  const processed: unknown[] = [];
  const lines: string[] = [];
  const receiver = new HttpAppReceiver({ signingSecret: SECRETS.signingSecret, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }), now: () => nowS * 1000 });
  receiver.init({ processEvent: async (e: { body: unknown; ack: (r?: unknown) => Promise<void> }) => {
    processed.push(e.body);
    await e.ack();
  } } as unknown as App);
  await receiver.start();
  server = createServer((req, res) => void receiver.handle(req, res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/slack/events`;
  const post = async (ts: number) => {
    const body = JSON.stringify({ type: 'event_callback', event_id: `Ev${ts}`, event: { type: 'app_mention', text: 'hi' } });
    const sig = `v0=${createHmac('sha256', SECRETS.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig }, body });
    return res.status;
  };
  return { post, processed, lines };
}

describe('Slack request timestamps', () => {
  it('refuses a signed request 10 minutes in the future, and one 10 minutes old', async () => {
    const r = await receiverAt(NOW_S);
    expect(await r.post(NOW_S + 600)).toBe(401);
    expect(await r.post(NOW_S - 600)).toBe(401);
    expect(r.processed).toHaveLength(0);
    expect(r.lines.join('\n')).toMatch(/more than 5 minutes from now/);
  });

  it('accepts one within 5 minutes either way', async () => {
    const r = await receiverAt(NOW_S);
    expect(await r.post(NOW_S)).toBe(200);
    expect(await r.post(NOW_S + MAX_TIMESTAMP_SKEW_S)).toBe(200);
    expect(r.processed).toHaveLength(2);
  });

  it('timestampFresh: both directions, and nothing that is not a number', () => {
    const now = NOW_S * 1000;
    expect(timestampFresh(String(NOW_S + 301), now)).toBe(false);
    expect(timestampFresh(String(NOW_S - 301), now)).toBe(false);
    expect(timestampFresh(String(NOW_S + 300), now)).toBe(true);
    for (const bad of [undefined, '', 'abc', '1e9', '-5', `${NOW_S}.5`]) expect(timestampFresh(bad, now)).toBe(false);
  });
});
