/**
 * Issue 6: two `sent-doctor serve` processes sharing one Redis behave as one. Real processes
 * (dist/), the real Redis on 127.0.0.1:6379 (a key prefix of their own, deleted afterwards), one
 * fake Slack Web API and one Sent simulator shared by both. Then a graceful shutdown with answers
 * in flight. Without Redis (memory store), the same event is answered by each process: the
 * opposite, shown for contrast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../slack/helpers/fake-slack.js';
import { deletePrefix, rawClient, SHARED_REDIS_URL, uniquePrefix } from '../store/redis-helpers.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  BOT_TOKEN,
  SENT_KEY,
  SIGNING_SECRET,
  buttonValue,
  clickBody,
  expectCleanOutput,
  mentionBody,
  postSlack,
  startObservedSimulator,
  startServeProcess,
  type ObservedSimulator,
  type ServeProcess,
} from './helpers.js';
import { expectNoTestSecrets } from '../helpers/secrets.js';

const PREFIX = uniquePrefix('two-instances');
let fake: FakeSlack;
let fakeMem: FakeSlack;
let sim: ObservedSimulator;
let a: ServeProcess;
let b: ServeProcess;
let memA: ServeProcess;
let memB: ServeProcess;
let redis: Awaited<ReturnType<typeof rawClient>>;

const run = `${process.pid}${Date.now().toString(36)}`.toUpperCase();
const eventId = (n: string) => `Ev${run}${n}`;

beforeAll(async () => {
  [fake, fakeMem, sim, redis] = await Promise.all([startFakeSlack(), startFakeSlack(), startObservedSimulator(), rawClient()]);
  // No Sent key: demo mode asked for on purpose (serve refuses Slack on demo data otherwise).
  const slack = (f: FakeSlack) => ({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: f.apiUrl, SENT_DEMO: '1' });
  const shared = {
    ...slack(fake),
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: PREFIX,
    SENT_DM_API_KEY: SENT_KEY,
    SENT_BASE_URL: sim.url,
    SENT_TIMEOUT_MS: '5000',
  };
  // Four processes start at once: on two cores that is quicker than one pair after the other.
  [a, b, memA, memB] = await Promise.all([
    startServeProcess(shared),
    startServeProcess(shared),
    startServeProcess(slack(fakeMem)),
    startServeProcess(slack(fakeMem)),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a, b, memA, memB].map((p) => p?.stop()));
  for (const [p, name] of [
    [a, 'A'],
    [b, 'B'],
    [memA, 'memory A'],
    [memB, 'memory B'],
  ] as const)
    if (p) expectCleanOutput(p, name);
  for (const f of [fake, fakeMem]) {
    if (!f) continue;
    expect(f.unexpected).toEqual([]);
    // The bot token travels to Slack as the credential (Authorization, auth.test's token); nowhere else.
    expectNoTestSecrets(JSON.stringify(f.calls.map((c) => ({ ...c.body, token: undefined }))), 'what the app sent to Slack');
    await f.close();
  }
  await sim?.close();
  redis?.destroy();
  await deletePrefix(PREFIX);
});

/** Resolves once every 👀 the app added has been removed again: no answer is still being worked on. */
async function settled(f: FakeSlack): Promise<void> {
  await f.waitFor('reactions.remove', f.of('reactions.add').length, 15_000);
}

/**
 * Waits until every delivery is accounted for (answered, or logged as a duplicate): after that
 * nothing else can happen, so "no second reply" is checked without waiting on the clock.
 */
async function until(done: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const dupLinesIn = (text: string, key: string) => text.split('\n').filter((l) => l.includes(`duplicate delivery ${key}`)).length;
const dupLines = (id: string) => dupLinesIn(a.stderr() + b.stderr(), `event:${id}`);

describe('two instances, one Redis', () => {
  it('both report the shared Redis store as ready', async () => {
    for (const p of [a, b]) {
      const health = await (await fetch(`${p.url}/healthz`)).json();
      expect(health).toMatchObject({ ok: true, store: { kind: 'redis', state: 'ready' }, mode: { demo: false } });
    }
  });

  let answerId: string;
  let answerTs: string;

  it('one event delivered to both, and retried to both: exactly one reply', async () => {
    const id = eventId('ONE');
    const body = mentionBody('why is msg_seed_algeria_sent not delivered?', id, fake.url);
    const statuses = await Promise.all([postSlack(a.url, body), postSlack(b.url, body), postSlack(a.url, body, { retryNum: 1 }), postSlack(b.url, body, { retryNum: 1 })]);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const [reply] = await fake.waitFor('chat.postMessage', 1, 15_000);
    await until(() => dupLines(id) === 3, 'the three duplicate deliveries');
    await settled(fake);
    expect(fake.of('chat.postMessage')).toHaveLength(1);
    expect(fake.of('reactions.add')).toHaveLength(1);
    expect(dupLines(id)).toBe(3);
    expect(reply!.body).toMatchObject({ channel: 'C0SUPPORT1', thread_ts: '1780000100.000200' });
    expect(JSON.stringify(reply!.body.blocks)).toContain('SMS not delivered in specific countries');
    answerId = buttonValue(reply!.body.blocks, ACTION.helpful)!;
    expect(answerId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    answerTs = (await fake.waitFor('chat.postMessage'))[0]!.body.thread_ts;
    // The answer record is in Redis, so either instance can act on its buttons.
    expect(await redis.exists(`${PREFIX}slack:answer:${answerId}`)).toBe(1);
  });

  it('"Helpful" clicked through both instances by the same person is counted once', async () => {
    // One click delivered to both instances (same trigger_id), then a second click through B.
    const first = clickBody(ACTION.helpful, answerId, answerTs, `${run}.1.aaaa`, fake.url);
    expect(await Promise.all([postSlack(a.url, first, { form: true }), postSlack(b.url, first, { form: true })])).toEqual([200, 200]);
    const second = clickBody(ACTION.helpful, answerId, answerTs, `${run}.2.bbbb`, fake.url);
    expect(await postSlack(b.url, second, { form: true })).toBe(200);
    const notes = await fake.waitFor('chat.postEphemeral', 2, 15_000);
    await until(() => dupLinesIn(a.stderr() + b.stderr(), `trigger:${run}.1.aaaa`) === 1, 'the duplicate click');
    expect(fake.of('chat.postEphemeral')).toHaveLength(2);
    expect(notes.map((n) => n.body.text).sort()).toEqual(['Thanks! Noted that this answer helped.', 'You already rated this answer; your first rating stands.']);
    const counts: Record<string, string | null> = {};
    for await (const keys of redis.scanIterator({ MATCH: `${PREFIX}slack:feedback:count:*`, COUNT: 100 }))
      for (const k of keys) counts[k.slice(PREFIX.length)] = await redis.get(k);
    expect(counts).toEqual({ 'slack:feedback:count:sms-country-delivery:helpful': '1' });
    expect(await redis.exists(`${PREFIX}slack:feedback:${answerId}:U0ALICE001`)).toBe(1);
  });

  it('without Redis each process keeps its own state: the same event is answered by both', async () => {
    const id = eventId('MEM');
    const body = mentionBody('why is msg_seed_algeria_sent not delivered?', id, fakeMem.url);
    expect(await Promise.all([postSlack(memA.url, body), postSlack(memB.url, body)])).toEqual([200, 200]);
    await fakeMem.waitFor('chat.postMessage', 2, 15_000);
    await settled(fakeMem);
    expect(fakeMem.of('chat.postMessage')).toHaveLength(2);
    // Retries still meet the dedupe of the process that answered.
    expect(await Promise.all([postSlack(memA.url, body, { retryNum: 1 }), postSlack(memB.url, body, { retryNum: 1 })])).toEqual([200, 200]);
    await until(() => dupLinesIn(memA.stderr() + memB.stderr(), `event:${id}`) === 2, 'both retries skipped as duplicates');
    await settled(fakeMem);
    expect(fakeMem.of('chat.postMessage')).toHaveLength(2);
  });
});

describe('graceful shutdown (SIGTERM) with answers in flight', () => {
  it('A finishes a slow Slack answer and a slow MCP call, closes Redis after them, and exits 0', async () => {
    const slackId = '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01';
    const mcpId = 'msg_seed_route_denied';
    // Lookups of these two take 1.5 s: long enough to be in flight when SIGTERM arrives.
    sim.sim.injectFault({ path: `/v3/messages/${slackId}`, fault: 'latency=1500', times: Infinity });
    sim.sim.injectFault({ path: `/v3/messages/${mcpId}`, fault: 'latency=1500', times: Infinity });
    const before = fake.of('chat.postMessage').length;

    const mention = mentionBody(`what happened to ${slackId}?`, eventId('STOP'), fake.url);
    expect(await postSlack(a.url, mention)).toBe(200);
    const mcp = fetch(`${a.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'lookup_message', arguments: { message_id: mcpId } } }),
    }).then(async (r) => ({ status: r.status, text: await r.text() }));
    await Promise.all([sim.waitForArrival(`/v3/messages/${slackId}`), sim.waitForArrival(`/v3/messages/${mcpId}`)]);

    const t0 = Date.now();
    a.child.kill('SIGTERM');
    const code = await a.exited;
    const stoppedAfter = Date.now() - t0;

    // The MCP caller got its whole answer…
    const r = await mcp;
    expect(r.status).toBe(200);
    expect(r.text).toContain('"id":7');
    expect(r.text).toContain('ROUTE_DENIED');
    // …the Slack answer was posted…
    const posts = fake.of('chat.postMessage');
    expect(posts).toHaveLength(before + 1);
    const answer = posts.at(-1)!;
    // …and saved to Redis, so Redis was still open when the answer finished.
    const id = buttonValue(answer.body.blocks, ACTION.helpful)!;
    expect(await redis.exists(`${PREFIX}slack:answer:${id}`)).toBe(1);
    expect(code).toBe(0);
    expect(stoppedAfter).toBeGreaterThan(200); // it waited for the lookups, it did not just drop them
    expect(a.stderr()).toContain('SIGTERM received: finishing in-flight requests, then stopping.');
    expect(a.stderr()).not.toMatch(/Redis unavailable|unhandled|ERROR/);
    // A new request to A finds nobody listening.
    await expect(fetch(`${a.url}/healthz`)).rejects.toThrow();
    sim.sim.clearFaults();
  });

  it('B, idle, stops at once with exit code 0', async () => {
    const t0 = Date.now();
    expect(await b.stop()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
