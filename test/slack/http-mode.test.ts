/**
 * HTTP mode end to end: `serve` on 127.0.0.1 with Slack configured, signed requests in (the way
 * Slack signs them: v0 HMAC-SHA256 of `v0:timestamp:body`), the local fake Slack Web API (through
 * SLACK_API_URL) recording what the app says. No SENT key: demo mode with the embedded simulator.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configSecrets, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startServe, type ServeHandle } from '../../src/serve.js';
import { SLACK_PATH } from '../../src/slack/http.js';
import { startFakeSlack, type FakeSlack } from './helpers/fake-slack.js';
import { fixture } from './helpers/fixtures.js';
import { SECRETS, textOf } from './helpers/harness.js';
import { BOT } from './helpers/fake-slack.js';

let fake: FakeSlack;
let serve: ServeHandle;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    SLACK_BOT_TOKEN: SECRETS.botToken,
    SLACK_SIGNING_SECRET: SECRETS.signingSecret,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'debug',
    SENT_DEMO: '1',
  });
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l), secrets: configSecrets(config) });
  serve = await startServe(config, logger);
});

afterAll(async () => {
  await serve?.close();
  await fake?.close();
  expect(fake.unexpected).toEqual([]);
  const all = JSON.stringify(fake.calls.map((c) => ({ ...c.body, token: undefined }))) + logLines.join('\n');
  for (const s of [SECRETS.botToken, SECRETS.signingSecret]) expect(all).not.toContain(s);
});

function sign(body: string, ts = Math.floor(Date.now() / 1000), secret: string = SECRETS.signingSecret) {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

async function post(body: string, headers: Record<string, string>, contentType = 'application/json') {
  const res = await fetch(serve.url + SLACK_PATH, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  return { status: res.status, text: await res.text() };
}

/** Every answer's 👀 has been taken away again: no listener is still working. */
async function settled(): Promise<void> {
  await fake.waitFor('reactions.remove', fake.of('reactions.add').length, 15_000);
}

const mentionBody = (text: string, event_id: string) => JSON.stringify(fixture('app_mention', { text: `<@${BOT.userId}> ${text}`, event_id }, fake.url));

describe('serve with Slack in HTTP mode', () => {
  test('answers Slack\'s URL check, and /healthz reports Slack', async () => {
    const body = JSON.stringify(fixture('url_verification'));
    const r = await post(body, sign(body));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ challenge: fixture('url_verification').challenge });
    const health = await (await fetch(serve.url + '/healthz')).json();
    expect(health.slack).toEqual({ mode: 'http', path: SLACK_PATH });
  });

  test('a signed mention: acknowledged, answered in the thread, naming the cause', async () => {
    expect(serve.demo).toBe(true);
    const body = mentionBody('why is msg_seed_algeria_sent not delivered?', 'Ev0HTTP00001');
    const r = await post(body, sign(body));
    expect(r.status).toBe(200);
    const [reply] = await fake.waitFor('chat.postMessage', 1, 15_000);
    expect(reply!.body).toMatchObject({ channel: 'C0SUPPORT1', thread_ts: '1780000100.000200' });
    expect(textOf(reply!.body)).toContain('SMS not delivered in specific countries');
    expect(reply!.auth).toBe(`Bearer ${SECRETS.botToken}`);
  });

  test('three deliveries of one event (Slack retries) give one reply', async () => {
    const before = fake.of('chat.postMessage').length;
    const body = mentionBody('msg_seed_algeria_sent still not delivered', 'Ev0HTTPRETRY');
    const statuses = await Promise.all([
      post(body, sign(body)),
      post(body, { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }),
      post(body, { ...sign(body), 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' }),
    ]);
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 200]);
    await fake.waitFor('chat.postMessage', before + 1, 15_000);
    // Let any stray duplicate finish: a fourth signed event is answered after the three were processed.
    const marker = mentionBody('msg_seed_route_denied?', 'Ev0HTTPMARK');
    await post(marker, sign(marker));
    await fake.waitFor('chat.postMessage', before + 2, 15_000);
    await settled();
    // One answer for the three deliveries, one for the marker.
    expect(fake.of('chat.postMessage')).toHaveLength(before + 2);
    expect(logLines.join('\n')).toContain('duplicate delivery event:Ev0HTTPRETRY');
  });

  test('a bad signature gets 401 and nothing is processed', async () => {
    await settled();
    const before = fake.calls.length;
    const body = mentionBody('msg_seed_algeria_sent?', 'Ev0HTTPFORGED');
    expect((await post(body, sign(body, undefined, 'not-the-signing-secret'))).status).toBe(401);
    expect((await post(body, { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 60 * 10;
    expect((await post(body, sign(body, stale))).status).toBe(401);
    // Correctly signed, but 10 minutes in the future: refused too (Bolt checks only the past).
    const future = Math.floor(Date.now() / 1000) + 60 * 10;
    expect((await post(body, sign(body, future))).status).toBe(401);
    const tampered = body.replace('msg_seed_algeria_sent', 'msg_seed_route_denied');
    expect((await post(tampered, sign(body))).status).toBe(401);
    // A refused request is refused before Bolt sees it (the 401 comes after the log line), so
    // nothing can happen later: no wait needed.
    expect(logLines.filter((l) => l.includes('Slack request refused')).length).toBeGreaterThanOrEqual(5);
    expect(fake.calls.length).toBe(before);
  });

  test('a form-encoded slash command: acked with an empty 200, answered through its response_url', async () => {
    const form = new URLSearchParams(fixture('slash_command', { text: 'coverage Algeria' }, fake.url) as Record<string, string>).toString();
    const before = fake.of('response_url').length;
    const r = await post(form, sign(form), 'application/x-www-form-urlencoded');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const [, reply] = [before, ...(await fake.waitFor('response_url', before + 1, 15_000)).slice(before)];
    expect(JSON.stringify(reply)).toContain('SMS sender rules for Algeria');
  });

  test('interactivity (payload=… form) is verified and dispatched too', async () => {
    const payload = JSON.stringify(fixture('block_actions_ephemeral', { value: 'expired0' }, fake.url));
    const form = new URLSearchParams({ payload }).toString();
    const before = fake.of('response_url').length;
    expect((await post(form, sign(form), 'application/x-www-form-urlencoded')).status).toBe(200);
    const calls = await fake.waitFor('response_url', before + 1, 15_000);
    expect(JSON.stringify(calls.at(-1)!.body)).toContain('expired');
  });

  test('oversized bodies get 413, malformed ones 400, other methods 405', async () => {
    const big = JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(1_100_000) });
    expect((await post(big, sign(big))).status).toBe(413);
    const bad = '{"type": "event_callback", ';
    expect((await post(bad, sign(bad))).status).toBe(400);
    expect((await fetch(serve.url + SLACK_PATH)).status).toBe(405);
  });
});
