/** Mentions, DMs and App Home: recorded Events API payloads through Bolt with a fake receiver. */
import { afterEach, describe, expect, test } from 'vitest';
import { fingerprint } from '../../tools/domain/redact.js';
import { closeClean, startHarness, textOf, SECRETS, type Harness } from './helpers/harness.js';
import { BOT } from './helpers/fake-slack.js';

let h: Harness;
afterEach(() => closeClean(h));

const MENTION_TS = '1780000100.000200';
const mention = (text: string) => `<@${BOT.userId}> ${text}`;

describe('@mention in a channel', () => {
  test('acks first, reacts 👀 while working, answers in the thread naming the cause, masks phone numbers', async () => {
    h = await startHarness();
    const before = h.fake.calls.length;
    const d = await h.send('app_mention', { text: mention('why is msg_seed_algeria_sent not delivered? Customer +213 555 12 34 56 never got it') });
    expect(d.acks).toHaveLength(1);
    expect(d.acks[0]!.callsBefore).toBe(before);
    expect(h.fake.calls.slice(before).map((c) => c.method)).toEqual(['reactions.add', 'chat.postMessage', 'reactions.remove']);
    expect(h.fake.of('reactions.add')[0]!.body).toMatchObject({ channel: 'C0SUPPORT1', timestamp: MENTION_TS, name: 'eyes' });
    const [post] = h.fake.of('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: 'C0SUPPORT1', thread_ts: MENTION_TS });
    expect(post!.auth).toBe(`Bearer ${SECRETS.botToken}`);
    const text = textOf(post!.body);
    expect(text).toContain('SMS not delivered in specific countries');
    expect(text).toContain('`msg_seed_algeria_sent` is *SENT*');
    expect(text).toContain('"action_id":"sd_open_entry","value":"sms-country-delivery"');
    expect(text).not.toMatch(/555 12 34 56|555123456/);
    expect(h.simRequests()).toContain('GET /v3/messages/msg_seed_algeria_sent');
  });

  test('"and now?" in the thread re-checks the same message', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('msg_seed_algeria_sent is not delivered') });
    const lookups = () => h.simRequests().filter((r) => r === 'GET /v3/messages/msg_seed_algeria_sent').length;
    expect(lookups()).toBe(1);
    await h.send('app_mention_in_thread', { text: mention('and now?') });
    expect(lookups()).toBe(2);
    const posts = h.fake.of('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.thread_ts).toBe(MENTION_TS);
    expect(textOf(posts[1]!.body)).toContain('`msg_seed_algeria_sent` still *SENT*');
  });

  test('a follow-up reuses the payload the thread established', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('is this right? {"to":["+12025550123"],"channel":"WhatsApp","template":{"id":"tmpl_1"}}') });
    await h.send('app_mention_in_thread', { text: mention('and the payload, is it fixed now?') });
    const second = textOf(h.fake.of('chat.postMessage')[1]!.body);
    expect(second).toContain('Corrected payload');
  });

  test('three deliveries of one event (Slack retries) give exactly one answer', async () => {
    h = await startHarness();
    const vars = { text: mention('msg_seed_algeria_sent?'), event_id: 'Ev0RETRY0001' };
    await Promise.all([h.push('app_mention', vars).done, h.push('app_mention', vars, { retryNum: 1 }).done, h.push('app_mention', vars, { retryNum: 2 }).done]);
    expect(h.fake.of('chat.postMessage')).toHaveLength(1);
    expect(h.ctx.logLines.join('\n')).toMatch(/duplicate delivery event:Ev0RETRY0001 \(retry [12]\)/);
  });

  test('a pasted API key gets a warning to rotate it and is never repeated', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention(`our calls fail with AUTH_002, we send x-api-key: ${SECRETS.pastedKey}`) });
    const text = textOf(h.fake.of('chat.postMessage')[0]!.body);
    expect(text).toContain('Rotate this key now');
    expect(text).toContain(fingerprint(SECRETS.pastedKey));
    // afterEach: the key appears in no call and no log line.
  });

  test('broadcasts coming from input are neutralised in the reply', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('check {"to":["+12025550123"],"channel":"WhatsApp","text":"&lt;!here&gt; &lt;!channel&gt; promo"}') });
    const text = textOf(h.fake.of('chat.postMessage')[0]!.body);
    expect(text).toContain('promo');
    expect(text).not.toMatch(/<!here>|<!channel>/);
  });

  test('an empty mention gets a short help, in the thread', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: `<@${BOT.userId}>` });
    const [post] = h.fake.of('chat.postMessage');
    expect(post!.body.thread_ts).toBe(MENTION_TS);
    expect(textOf(post!.body)).toContain('Tell me what is wrong');
  });

  test('rate limit per user: the extra request is told to wait, in the thread', async () => {
    h = await startHarness({ rateLimits: { userPerMin: 1, globalPerMin: 100 } });
    await h.send('app_mention', { text: mention('msg_seed_algeria_sent?') });
    await h.send('app_mention', { text: mention('msg_seed_algeria_sent again?') });
    const posts = h.fake.of('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(textOf(posts[1]!.body)).toContain('Try again in a minute');
    expect(posts[1]!.body.thread_ts).toBe(MENTION_TS);
  });

  test('when Slack refuses to post, the error is logged and nothing crashes', async () => {
    h = await startHarness();
    h.fake.failWith('chat.postMessage', 'not_in_channel');
    await h.send('app_mention', { text: mention('msg_seed_algeria_sent?') });
    expect(h.ctx.logLines.join('\n')).toMatch(/\[slack event\] unexpected error \(ref [\w-]+\)/);
    expect(h.ctx.logLines.join('\n')).toContain('could not tell the user');
  });

  test('without a Sent key the answer says the ID was not looked up', async () => {
    h = await startHarness({ sent: false });
    await h.send('app_mention', { text: mention('msg_seed_algeria_sent not delivered to Algeria') });
    expect(textOf(h.fake.of('chat.postMessage')[0]!.body)).toContain('Not looked up (no Sent API key is configured');
  });
});

describe('DMs', () => {
  test('a DM is answered in a thread under it, with phone numbers in full', async () => {
    h = await startHarness();
    await h.send('message_im', { text: 'is this right? {"to":["+213555123456"],"channel":"WhatsApp","template":{"id":"tmpl_1"}}' });
    const [post] = h.fake.of('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: 'D0ALICEDM1', thread_ts: '1780000500.000100' });
    expect(textOf(post!.body)).toContain('+213555123456');
  });

  test('the same payload in a channel is masked', async () => {
    h = await startHarness();
    await h.send('app_mention', { text: mention('is this right? {"to":["+213555123456"],"channel":"WhatsApp","template":{"id":"tmpl_1"}}') });
    const text = textOf(h.fake.of('chat.postMessage')[0]!.body);
    expect(text).not.toContain('+213555123456');
    // A masked number cannot be copied: the corrected payload uses the guide's placeholder instead.
    expect(text).toContain('+1234567890');
  });

  test("the bot ignores other bots' messages", async () => {
    h = await startHarness();
    const before = h.fake.calls.length;
    await h.send('message_bot', { text: 'msg_seed_algeria_sent FAILED alert' });
    expect(h.fake.calls.length).toBe(before);
  });
});

describe('App Home', () => {
  test('publishes what the bot does and the key state by fingerprint', async () => {
    h = await startHarness({ demo: true });
    await h.send('app_home_opened');
    const [pub] = h.fake.of('views.publish');
    expect(pub!.body.user_id).toBe('U0ALICE001');
    const view = JSON.stringify(pub!.body.view);
    expect(view).toContain('Demo mode');
    expect(view).toContain(fingerprint(SECRETS.demoKey));
    expect(h.simRequests()).toContain('GET /v3/me');
    // Cached: a second open does not ask Sent again (one GET /v3/me for the key check, one for the account checkup).
    await h.send('app_home_opened');
    expect(h.simRequests().filter((r) => r === 'GET /v3/me')).toHaveLength(2);
    expect(h.fake.of('views.publish')).toHaveLength(2);
  });
});
