/**
 * Watches through Slack, end to end in one process: recorded Slack payloads through the harness
 * (fake receiver, fake Slack Web API on 127.0.0.1), signed Sent webhooks over real HTTP into the
 * receiver, and the watch service `serve` builds. "watch <id>" in a mention, in a DM, `/sent watch`,
 * the Watch button; one update per change in the watching thread; a final status ends the watch;
 * `/sent digest` counts the failures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, textOf, type Harness } from '../slack/helpers/harness.js';
import { BOT } from '../slack/helpers/fake-slack.js';
import { createHttpApp, type HttpApp } from '../../src/http/server.js';
import { createWebhookReceiver, WEBHOOK_PATH, type WebhookReceiver } from '../../src/webhooks/receiver.js';
import { createWatchService, type WatchService } from '../../src/watch/service.js';
import { attachWatchService } from '../../src/watch/hub.js';
import { ACTION } from '../../src/slack/ids.js';
import { envelope, postWebhook, WEBHOOK_SECRET } from '../webhooks/helpers.js';

let h: Harness;
let http: HttpApp;
let rx: WebhookReceiver;
let svc: WatchService;
let hookUrl: string;

beforeAll(async () => {
  // No Sent key: in webhook mode a watch needs no lookup.
  h = await startHarness({ sent: false });
  svc = createWatchService(h.ctx, { mode: 'webhook' });
  attachWatchService(h.ctx, svc);
  rx = createWebhookReceiver({ secret: WEBHOOK_SECRET, store: h.ctx.store, clock: h.ctx.clock, logger: h.ctx.logger, onEvent: (e) => svc.ingestWebhook(e) });
  http = createHttpApp(h.ctx.logger);
  http.mount(WEBHOOK_PATH, rx.handle);
  hookUrl = (await http.listen(0, '127.0.0.1')).url + WEBHOOK_PATH;
}, 30_000);

afterAll(async () => {
  await http?.close();
  expect(h.fake.unexpected).toEqual([]);
  expect(h.everything()).not.toContain(WEBHOOK_SECRET);
  await h.close();
});

const posts = () => h.fake.of('chat.postMessage');
const inThread = (ts: string) => posts().filter((c) => c.body.thread_ts === ts);
const mention = (text: string) => h.send('app_mention', { text: `<@${BOT.userId}> ${text}` });
const MENTION_TS = '1780000100.000200';

async function hook(body: string): Promise<void> {
  expect(await postWebhook(hookUrl, body)).toBe(200);
  await rx.drain();
}

describe('watch in a mention, then a signed webhook', () => {
  const id = 'msg_watch_mention_1';
  it('"watch <id>" gets a reply in the thread that says the mode', async () => {
    await mention(`watch ${id}`);
    const replies = inThread(MENTION_TS);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!.body)).toContain(`Watching`);
    expect(textOf(replies[0]!.body)).toContain('Mode: Sent webhooks');
  });

  it('message.failed → exactly one update in that thread, naming the status, the cause and the scenario', async () => {
    await hook(envelope('event', { message_id: id, status: 'FAILED', reason_code: 'ERR_ROUTE_DENIED', reason: 'No route for this sender' }));
    const replies = inThread(MENTION_TS);
    expect(replies).toHaveLength(2);
    const t = textOf(replies[1]!.body);
    expect(t).toContain('FAILED');
    expect(t).toMatch(/Cause:/);
    expect(t).toContain('ERR_ROUTE_DENIED');
    expect(t).toMatch(/Scenario:.*sender-id-issues/);
    expect(t).toContain('final status, so this watch has ended');
    // Phones are masked in a channel.
    expect(JSON.stringify(replies[1]!.body)).not.toContain('551234567');
  });

  it('the same webhook again → nothing new; a later event for the ended watch → nothing', async () => {
    await hook(envelope('event', { message_id: id, status: 'FAILED', reason_code: 'ERR_ROUTE_DENIED', reason: 'No route for this sender' }));
    await hook(envelope('event', { message_id: id, status: 'DELIVERED', updated_at: '2026-08-20T11:00:00Z' }));
    expect(inThread(MENTION_TS)).toHaveLength(2);
  });
});

describe('non-final changes, then a final one', () => {
  const id = '8ba7b830-9dad-11d1-80b4-00c04fd430c8';
  it('SENT is posted and the watch stays; DELIVERED ends it; one post each', async () => {
    const before = posts().length;
    await h.send('message_im', { text: `watch ${id}` });
    const dmTs = '1780000500.000100';
    expect(inThread(dmTs)).toHaveLength(1);
    await hook(envelope('legacy', { message_id: id, status: 'SENT', updated_at: '2026-08-20T10:00:01Z' }));
    await hook(envelope('sub_type', { message_id: id, status: 'SENT', updated_at: '2026-08-20T10:00:01Z' }));
    expect(inThread(dmTs)).toHaveLength(2);
    expect(textOf(inThread(dmTs)[1]!.body)).toContain('SENT');
    expect(textOf(inThread(dmTs)[1]!.body)).not.toContain('watch has ended');
    await hook(envelope('sub_type', { message_id: id, status: 'DELIVERED', updated_at: '2026-08-20T10:00:05Z' }));
    const t = textOf(inThread(dmTs)[2]!.body);
    expect(t).toContain('DELIVERED');
    expect(t).not.toContain('Cause:');
    expect(t).toContain('watch has ended');
    await hook(envelope('event', { message_id: id, status: 'READ', updated_at: '2026-08-20T10:01:00Z' }));
    expect(posts().length - before).toBe(3);
  });
});

describe('the other ways in', () => {
  it('watching twice in one thread says so', async () => {
    await mention('watch msg_watch_twice');
    await mention('watch msg_watch_twice');
    const replies = inThread(MENTION_TS).slice(-2).map((c) => textOf(c.body));
    expect(replies[1]).toContain('already watching');
  });

  it('the Watch button (sd_watch, value = message ID) watches in the answer\'s thread', async () => {
    const id = 'msg_watch_button';
    await h.send('block_actions', { action_id: ACTION.watch, value: id, message_ts: '1780000101.000100' });
    const reply = inThread('1780000100.000200').at(-1)!;
    expect(textOf(reply.body)).toContain(id);
    await hook(envelope('event', { message_id: id, status: 'BLOCKED', reason_code: 'BUSINESS_003', reason: 'Insufficient balance' }));
    const update = textOf(inThread('1780000100.000200').at(-1)!.body);
    expect(update).toContain('BLOCKED');
    expect(update).toContain('BUSINESS_003');
  });

  it('/sent watch <id> starts a thread in the channel and watches there', async () => {
    const id = 'msg_watch_command';
    const before = posts().length;
    await h.send('slash_command', { text: `watch ${id}` });
    const root = posts()[before]!;
    expect(root.body.thread_ts).toBeUndefined();
    expect(root.body.channel).toBe('C0SUPPORT1');
    const ack = h.fake.of('response_url').at(-1)!;
    expect(textOf(ack.body)).toContain('Watching');
    await hook(envelope('event', { message_id: id, status: 'FILTERED', reason_code: 'ERR_CONSENT_BLOCKED', reason: 'Recipient opted out' }));
    const last = posts().at(-1)!;
    expect(last.body.thread_ts).toBeDefined();
    expect(textOf(last.body)).toContain('FILTERED');
  });

  it('a bad ID is refused with a hint, and nothing is watched', async () => {
    await mention('watch not-an-id');
    expect(textOf(inThread(MENTION_TS).at(-1)!.body)).toContain('is not a Sent message ID');
  });
});

describe('/sent digest', () => {
  it('counts the failures received, by scenario', async () => {
    await h.send('slash_command', { text: 'digest' });
    const t = textOf(h.fake.of('response_url').at(-1)!.body);
    expect(t).toContain('Failure digest');
    expect(t).toContain('sender-id-issues');
    expect(t).toMatch(/3 failed, filtered or blocked in the last hour, 3 in the last 24 hours/);
    expect(t).not.toContain('551234567');
  });
});
