/**
 * Soak (npm run test:soak): two `serve` processes on one Redis under a stream of duplicated
 * deliveries. 120 events, each delivered to both instances and retried; then 12 people each click
 * "Helpful" or "Not helpful" several times through both instances. Exactly one answer per event,
 * one vote per person, counts that add up. Bounded: about 40 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../slack/helpers/fake-slack.js';
import { fixture } from '../slack/helpers/fixtures.js';
import { deletePrefix, rawClient, SHARED_REDIS_URL, uniquePrefix } from '../store/redis-helpers.js';
import { ACTION } from '../../src/slack/ids.js';
import { BOT_TOKEN, SIGNING_SECRET, buttonValue, expectCleanOutput, mentionBody, postSlack, startServeProcess, type ServeProcess } from '../scale/helpers.js';

const EVENTS = 120;
const PEOPLE = 12;
const PREFIX = uniquePrefix('soak-two');
let fake: FakeSlack;
let a: ServeProcess;
let b: ServeProcess;
let redis: Awaited<ReturnType<typeof rawClient>>;
const run = `${process.pid}${Date.now().toString(36)}`.toUpperCase();

beforeAll(async () => {
  [fake, redis] = await Promise.all([startFakeSlack(), rawClient()]);
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_KEY_PREFIX: PREFIX,
    RATE_LIMIT_USER_PER_MIN: '100000',
    RATE_LIMIT_GLOBAL_PER_MIN: '100000',
  };
  [a, b] = await Promise.all([startServeProcess(env), startServeProcess(env)]);
}, 60_000);

afterAll(async () => {
  expect(await a?.stop()).toBe(0);
  expect(await b?.stop()).toBe(0);
  if (a) expectCleanOutput(a, 'A');
  if (b) expectCleanOutput(b, 'B');
  expect(fake?.unexpected).toEqual([]);
  await fake?.close();
  redis?.destroy();
  await deletePrefix(PREFIX);
});

describe('soak: two instances, one Redis', () => {
  it(`${EVENTS} events, each delivered to both and retried: ${EVENTS} answers`, { timeout: 120_000 }, async () => {
    const pending: Promise<number>[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const body = mentionBody(`msg_seed_algeria_sent #${i}`, `EvSOAK${run}${i}`, fake.url);
      pending.push(postSlack(a.url, body), postSlack(b.url, body), postSlack(i % 2 ? a.url : b.url, body, { retryNum: 1 }));
      if (pending.length >= 24) for (const status of await Promise.all(pending.splice(0))) expect(status).toBe(200);
    }
    for (const status of await Promise.all(pending)) expect(status).toBe(200);
    await fake.waitFor('chat.postMessage', EVENTS, 90_000);
    await fake.waitFor('reactions.remove', EVENTS, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.of('chat.postMessage')).toHaveLength(EVENTS);
    // Of three deliveries per event, two were dropped as duplicates, by one instance or the other.
    const dropped = (p: ServeProcess) => (p.stderr().match(/duplicate delivery event:EvSOAK/g) ?? []).length;
    expect(dropped(a) + dropped(b)).toBe(EVENTS * 2);
    expect(dropped(a)).toBeGreaterThan(0);
    expect(dropped(b)).toBeGreaterThan(0);
  });

  it(`${PEOPLE} people clicking through both instances: one vote each, counts add up`, { timeout: 60_000 }, async () => {
    const post = fake.of('chat.postMessage')[0]!;
    const answerId = buttonValue(post.body.blocks, ACTION.helpful)!;
    const ts = post.body.thread_ts as string;
    const clicks: Promise<number>[] = [];
    for (let p = 0; p < PEOPLE; p++) {
      const user = `U0PERSON${String(p).padStart(2, '0')}`;
      for (let c = 0; c < 3; c++) {
        const action = (p + c) % 2 ? ACTION.notHelpful : ACTION.helpful;
        const payload = fixture('block_actions', { action_id: action, value: answerId, message_ts: ts, trigger_id: `${run}.${p}.${c}` }, fake.url);
        payload.user = { ...payload.user, id: user };
        const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
        clicks.push(postSlack(a.url, form, { form: true }), postSlack(b.url, form, { form: true }));
      }
    }
    expect(new Set(await Promise.all(clicks))).toEqual(new Set([200]));
    await fake.waitFor('chat.postEphemeral', PEOPLE * 3, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    // One note per click (the duplicate delivery of each click is dropped)…
    expect(fake.of('chat.postEphemeral')).toHaveLength(PEOPLE * 3);
    // …one vote per person, whichever instance took it; the counts add up to the people.
    let votes = 0;
    let total = 0;
    for await (const keys of redis.scanIterator({ MATCH: `${PREFIX}slack:feedback:*`, COUNT: 500 })) {
      for (const k of keys) {
        if (k.includes(':count:')) total += Number(await redis.get(k));
        else if (k.includes(`:${answerId}:`)) votes++;
      }
    }
    expect(votes).toBe(PEOPLE);
    expect(total).toBe(PEOPLE);
  });
});
