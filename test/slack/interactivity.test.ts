/** Message shortcut, buttons on answers and the key form: recorded interactivity payloads through Bolt. */
import { afterEach, describe, expect, test } from 'vitest';
import { fingerprint } from '../../tools/domain/redact.js';
import { closeClean, startHarness, textOf, SECRETS, type Harness } from './helpers/harness.js';
import { BOT } from './helpers/fake-slack.js';
import { ACTION } from '../../src/slack/ids.js';

let h: Harness;
afterEach(() => closeClean(h));

/** Asks in a channel and returns the posted answer and its answer ID. */
async function ask(text: string) {
  await h.send('app_mention', { text: `<@${BOT.userId}> ${text}` });
  const post = h.fake.of('chat.postMessage').at(-1)!;
  const buttons = (post.body.blocks as any[]).flatMap((b) => (b.type === 'actions' ? b.elements : []));
  return { post, buttons, answerId: buttons[0]?.value as string };
}

const TICKET =
  'Ticket #4812 from Acme: "Our OTPs to Algeria never arrive. Example: msg_seed_algeria_sent, sent yesterday to +213 555 12 34 56. Works fine for US numbers."';

describe('message shortcut', () => {
  test('diagnoses the chosen message (a pasted ticket) and answers in its thread', async () => {
    h = await startHarness();
    const before = h.fake.calls.length;
    const d = await h.send('message_shortcut', { text: TICKET });
    expect(d.acks[0]!.callsBefore).toBe(before);
    const [post] = h.fake.of('chat.postMessage');
    expect(post!.body).toMatchObject({ channel: 'C0SUPPORT1', thread_ts: '1780001000.000500' });
    expect(textOf(post!.body)).toContain('SMS not delivered in specific countries');
    expect(textOf(post!.body)).not.toContain('555 12 34 56');
    expect(h.fake.of('reactions.add')[0]!.body).toMatchObject({ timestamp: '1780001000.000500', name: 'eyes' });
  });

  test('when the bot is not in the channel it says how to fix that, privately', async () => {
    h = await startHarness();
    h.fake.failWith('chat.postMessage', 'not_in_channel');
    await h.send('message_shortcut', { text: TICKET });
    const [r] = h.fake.of('response_url');
    expect(r!.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(r!.body)).toContain('/invite @sent-doctor');
  });
});

describe('buttons on answers', () => {
  test('Re-check looks the message up again, says what changed in the same thread and updates the status line', async () => {
    h = await startHarness();
    const { answerId, buttons } = await ask('msg_seed_algeria_sent is not delivered');
    expect(buttons.map((b: any) => b.action_id)).toContain(ACTION.recheck);
    const d = await h.send('block_actions', { action_id: ACTION.recheck, value: answerId, message_ts: '1780000101.000100' });
    expect(d.acks).toHaveLength(1);
    expect(h.simRequests().filter((r) => r === 'GET /v3/messages/msg_seed_algeria_sent')).toHaveLength(2);
    const posts = h.fake.of('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.thread_ts).toBe('1780000100.000200');
    expect(textOf(posts[1]!.body)).toContain('`msg_seed_algeria_sent` still *SENT*');
    // The answer's status line is updated in place.
    const [upd] = h.fake.of('chat.update');
    expect(upd!.body).toMatchObject({ channel: 'C0SUPPORT1', ts: expect.stringMatching(/^\d+\.000100$/) });
    expect(JSON.stringify(upd!.body.blocks)).toContain('(re-checked)');
  });

  test('Helpful / Not helpful are recorded in the store, one vote per person', async () => {
    h = await startHarness();
    const { answerId } = await ask('msg_seed_algeria_sent is not delivered');
    await h.send('block_actions', { action_id: ACTION.helpful, value: answerId, message_ts: '1' });
    await h.send('block_actions', { action_id: ACTION.notHelpful, value: answerId, message_ts: '1' });
    const rec = JSON.parse((await h.ctx.store.get(`slack:feedback:${answerId}:U0ALICE001`))!);
    expect(rec).toMatchObject({ vote: 'helpful', scenario: 'sms-country-delivery' });
    expect(await h.ctx.store.get('slack:feedback:count:sms-country-delivery:helpful')).toBe('1');
    expect(await h.ctx.store.get('slack:feedback:count:sms-country-delivery:not_helpful')).toBeNull();
    const notes = h.fake.of('chat.postEphemeral').map((c) => c.body);
    expect(notes[0]).toMatchObject({ channel: 'C0SUPPORT1', user: 'U0ALICE001', thread_ts: '1780000100.000200' });
    expect(notes[0]!.text).toContain('Thanks');
    expect(notes[1]!.text).toContain('already rated');
  });

  test('Escalate opens a modal with the diagnostic bundle, secrets replaced', async () => {
    h = await startHarness();
    const { answerId } = await ask(
      `msg_seed_algeria_sent not delivered; we send:\ncurl -X POST https://api.sent.dm/v3/messages -H "x-api-key: ${SECRETS.pastedKey}" -d '{"to":["+213555123456"],"channel":"sms","text":"code 1234"}'`,
    );
    await h.send('block_actions', { action_id: ACTION.escalate, value: answerId, message_ts: '1', trigger_id: '1780000000.1.esc' });
    const [open] = h.fake.of('views.open');
    expect(open!.body.trigger_id).toBe('1780000000.1.esc');
    const view = JSON.stringify(open!.body.view);
    expect(view).toContain('diagnostic bundle');
    expect(view).toContain('msg_seed_algeria_sent');
    expect(view).toContain('SENT');
    expect(view).not.toContain('+213555123456');
    // The curl command is in the bundle with the key replaced by its fingerprint (the bundle text is NFKC-normalised: … becomes ...).
    expect(view).toMatch(new RegExp(`x-api-key: \\[key sk_live_(…|\\.\\.\\.)${SECRETS.pastedKey.slice(-4)}\\]`));
    expect(open!.body.view.blocks.length).toBeLessThanOrEqual(100);
  });

  test('a button on an answer that is gone says so, privately', async () => {
    h = await startHarness();
    await h.send('block_actions', { action_id: ACTION.escalate, value: 'nope', message_ts: '1' });
    expect(h.fake.of('views.open')).toHaveLength(0);
    expect(h.fake.of('chat.postEphemeral')[0]!.body.text).toContain('too old');
  });

  test('a forged button value cannot reach other store keys', async () => {
    h = await startHarness();
    await h.ctx.store.set('slack:answer:../../x', JSON.stringify({ id: 'x' }));
    await h.send('block_actions', { action_id: ACTION.recheck, value: '../../x', message_ts: '1' });
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
    expect(h.fake.of('chat.postEphemeral')[0]!.body.text).toContain('too old');
  });
});

describe('the key form', () => {
  test('acks with "Checking…" at once, then shows the result by fingerprint only', async () => {
    h = await startHarness();
    const before = h.fake.calls.length;
    const d = await h.send('view_submission_key', { key: SECRETS.demoKey });
    expect(d.acks).toHaveLength(1);
    expect(d.acks[0]!.callsBefore).toBe(before);
    expect(d.acks[0]!.body).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(d.acks[0]!.body)).toContain('Checking the key');
    const [upd] = h.fake.of('views.update');
    expect(upd!.body.view_id).toBe('V0KEYVIEW1');
    const view = JSON.stringify(upd!.body.view);
    expect(view).toContain(fingerprint(SECRETS.demoKey));
    expect(view).toContain(':white_check_mark:');
    expect(h.simRequests()).toContain('GET /v3/me');
  });

  test('a rejected key says so', async () => {
    h = await startHarness();
    await h.send('view_submission_key', { key: SECRETS.otherKey });
    const view = JSON.stringify(h.fake.of('views.update')[0]!.body.view);
    expect(view).toContain(fingerprint(SECRETS.otherKey));
    expect(view).toContain('AUTH_002');
  });

  test('an empty form is answered with a field error', async () => {
    h = await startHarness();
    const d = await h.send('view_submission_key', { key: '   ' });
    expect(d.acks[0]!.body).toEqual({ response_action: 'errors', errors: { sd_key_block: 'Paste the key to check.' } });
    expect(h.fake.of('views.update')).toHaveLength(0);
  });

  test('a key with a newline or quotes is caught offline and never sent', async () => {
    h = await startHarness();
    await h.send('view_submission_key', { key: `"${SECRETS.pastedKey}\n"` });
    const view = JSON.stringify(h.fake.of('views.update')[0]!.body.view);
    expect(view).toContain('Not checked online');
    expect(h.simRequests()).not.toContain('GET /v3/me');
  });
});
