/**
 * Two real `sent-doctor serve` processes (dist/) on one Redis, in Slack HTTP mode with Sent
 * webhooks on: a watch made through A is honoured by B, a webhook received by either posts once,
 * the same delivery to both posts nothing new, and bad or stale signatures get 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../slack/helpers/fake-slack.js';
import { textOf } from '../slack/helpers/harness.js';
import { deletePrefix, SHARED_REDIS_URL, uniquePrefix } from '../store/redis-helpers.js';
import { BOT_TOKEN, SENT_KEY, SIGNING_SECRET, expectCleanOutput, mentionBody, postSlack, startObservedSimulator, type ObservedSimulator, type ServeProcess, startServeProcess } from '../scale/helpers.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';
import { WEBHOOK_PATH } from '../../src/webhooks/receiver.js';
import { envelope, postWebhook, signedHeaders, WEBHOOK_SECRET } from '../webhooks/helpers.js';

const PREFIX = uniquePrefix('watch-two');
let fake: FakeSlack;
let sim: ObservedSimulator;
let a: ServeProcess;
let b: ServeProcess;
const run = `${process.pid}${Date.now().toString(36)}`.toUpperCase();
const MENTION_TS = '1780000100.000200';
const ID = 'msg_seed_scheduled_quiet_hours';

beforeAll(async () => {
  [fake, sim] = await Promise.all([startFakeSlack(), startObservedSimulator()]);
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: PREFIX,
    SENT_DM_API_KEY: SENT_KEY,
    SENT_BASE_URL: sim.url,
    SENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  [a, b] = await Promise.all([startServeProcess(env), startServeProcess(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b].map((p) => p?.stop()));
  if (a) expectCleanOutput(a, 'A');
  if (b) expectCleanOutput(b, 'B');
  for (const p of [a, b]) if (p) expect(p.stderr()).not.toContain(WEBHOOK_SECRET);
  expect(fake.unexpected).toEqual([]);
  expectNoTestSecrets(JSON.stringify(fake.calls.map((c) => ({ ...c.body, token: undefined }))), 'what the app sent to Slack');
  expect(JSON.stringify(fake.calls)).not.toContain(WEBHOOK_SECRET);
  await fake.close();
  await sim.close();
  await deletePrefix(PREFIX);
});

const thread = () => fake.of('chat.postMessage').filter((c) => c.body.thread_ts === MENTION_TS);
async function settle(ms = 600) {
  await new Promise((r) => setTimeout(r, ms));
}

describe('two serve processes, one Redis', () => {
  it('A says it watches using webhooks', async () => {
    // The start-up lines after "listening on" may still be on their way.
    await expect.poll(() => a.stderr(), { timeout: 10_000 }).toContain(`Webhooks: POST ${a.url}${WEBHOOK_PATH}`);
    expect(await postSlack(a.url, mentionBody(`watch ${ID}`, `Ev${run}W1`, fake.url))).toBe(200);
    await fake.waitFor('chat.postMessage', 1, 10_000);
    await expect.poll(() => thread().length, { timeout: 10_000 }).toBe(1);
    expect(textOf(thread()[0]!.body)).toContain('Mode: Sent webhooks');
  });

  it('a message.failed webhook received by B → one update in A\'s thread, naming status and cause', async () => {
    const body = envelope('event', { message_id: ID, status: 'FAILED', reason_code: 'ERR_ROUTE_DENIED', reason: 'No route for this sender' });
    expect(await postWebhook(b.url + WEBHOOK_PATH, body)).toBe(200);
    await expect.poll(() => thread().length, { timeout: 10_000 }).toBe(2);
    const t = textOf(thread()[1]!.body);
    expect(t).toContain('FAILED');
    expect(t).toContain('ERR_ROUTE_DENIED');
    expect(t).toContain('sender-id-issues');
    // The same delivery again, to both: nothing new.
    expect(await Promise.all([postWebhook(a.url + WEBHOOK_PATH, body), postWebhook(b.url + WEBHOOK_PATH, body)])).toEqual([200, 200]);
    await settle();
    expect(thread()).toHaveLength(2);
  });

  it('a bad signature or a timestamp 10 minutes old → 401 on either', async () => {
    const body = envelope('event', { message_id: ID, status: 'DELIVERED' });
    const h = signedHeaders(body);
    expect(await postWebhook(a.url + WEBHOOK_PATH, body, { ...h, 'x-webhook-signature': `${h['x-webhook-signature']!.slice(0, -4)}AAA=` })).toBe(401);
    expect(await postWebhook(b.url + WEBHOOK_PATH, body, signedHeaders(body, { ts: Math.floor(Date.now() / 1000) - 600 }))).toBe(401);
  });
});
