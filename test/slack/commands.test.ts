/** `/sent`: recorded slash-command payloads through Bolt; ephemeral replies through the response_url. */
import { afterEach, describe, expect, test } from 'vitest';
import { fingerprint } from '../../tools/domain/redact.js';
import { shareButtonOf, responsesOf, closeClean, startHarness, SECRETS, type Harness } from './helpers/harness.js';
import { KEY_INPUT, VIEW } from '../../src/slack/ids.js';

let h: Harness;
afterEach(() => closeClean(h));

const responses = () => responsesOf(h);
const shareButton = shareButtonOf;

describe('/sent', () => {
  test('ack comes first, before Sent is asked, however slow Sent is', async () => {
    h = await startHarness();
    const real = h.ctx.sent!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h.ctx.sent = { ...real, baseUrl: real.baseUrl, keyFingerprint: real.keyFingerprint, getMessage: async (id, o) => (await gate, real.getMessage(id, o)) };
    const before = h.fake.calls.length;
    const d = h.push('slash_command', { text: 'status msg_seed_algeria_sent' });
    const ack = await d.acked;
    expect(ack.callsBefore).toBe(before);
    expect(ack.body).toBeUndefined();
    expect(responses()).toHaveLength(0);
    release();
    await d.done;
    expect(d.acks).toHaveLength(1);
    expect(responses()).toHaveLength(1);
  });

  test('status: ephemeral, with a share button; sharing posts it in the channel and removes the private copy', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'status msg_seed_algeria_sent' });
    const [reply] = responses();
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const t = JSON.stringify(reply!.blocks);
    expect(t).toContain('`msg_seed_algeria_sent` is *SENT*');
    expect(t).not.toMatch(/\+213\d{6,}/);
    const share = shareButton(reply!);
    expect(share).toBeTruthy();

    await h.send('block_actions_ephemeral', { value: share.value });
    const [, shared, deleted] = responses();
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false, text: reply!.text });
    expect(JSON.stringify(shared!.blocks)).toContain('`msg_seed_algeria_sent` is *SENT*');
    expect(shareButton(shared!)).toBeUndefined();
    expect(deleted).toEqual({ delete_original: true });
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
  });

  test('an expired share says so, privately', async () => {
    h = await startHarness();
    await h.send('block_actions_ephemeral', { value: 'gone0000' });
    const [r] = responses();
    expect(r).toMatchObject({ response_type: 'ephemeral' });
    expect(r!.text).toContain('expired');
  });

  test('validate: findings and the corrected payload; phone numbers in full only in a DM', async () => {
    h = await startHarness();
    const payload = '{"to":"+213555123456","channel":"WhatsApp","template":"tmpl_123"}';
    await h.send('slash_command', { text: `validate ${payload}` });
    await h.send('slash_command', { text: `validate ${payload}`, channel_id: 'D0ALICEDM1', channel_name: 'directmessage' });
    const [inChannel, inDm] = responses().map((r) => JSON.stringify(r.blocks));
    expect(inChannel).toContain('Corrected payload');
    expect(inChannel).not.toContain('+213555123456');
    expect(inDm).toContain('+213555123456');
  });

  test('coverage of a country, and a clear error for an unknown one', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'coverage Algeria' });
    await h.send('slash_command', { text: 'coverage Narnia' });
    const [ok, bad] = responses();
    expect(JSON.stringify(ok!.blocks)).toContain('SMS sender rules for Algeria');
    expect(bad).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(bad)).toContain('is not a country sent-doctor recognises');
    expect(h.ctx.logLines.join('\n')).toMatch(/\[slack command\] InputError \(ref [\w-]+\)/);
  });

  test('key: opens the private form and never asks for a key in the channel', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'key', trigger_id: '1780000000.1.keytrigger' });
    const [open] = h.fake.of('views.open');
    expect(open!.body.trigger_id).toBe('1780000000.1.keytrigger');
    expect(open!.body.view.callback_id).toBe(VIEW.checkKey);
    expect(JSON.stringify(open!.body.view)).toContain(KEY_INPUT.action);
    expect(responses()).toHaveLength(0);
    expect(h.fake.of('chat.postMessage')).toHaveLength(0);
  });

  test('key typed after the command: a warning to rotate it, the form anyway, and the key never repeated', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: `key ${SECRETS.pastedKey}` });
    expect(h.fake.of('views.open')).toHaveLength(1);
    const [warn] = responses();
    expect(JSON.stringify(warn)).toContain('Rotate this key now');
    expect(JSON.stringify(warn)).toContain(fingerprint(SECRETS.pastedKey));
  });

  test('help, usage and free text', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: '' });
    await h.send('slash_command', { text: 'status' });
    await h.send('slash_command', { text: 'why is msg_seed_algeria_sent stuck in Algeria?' });
    const [help, usage, free] = responses();
    expect(JSON.stringify(help)).toContain('/sent coverage');
    expect(shareButton(help!)).toBeUndefined();
    expect(JSON.stringify(usage)).toContain('Usage:');
    expect(JSON.stringify(free)).toContain('SMS not delivered in specific countries');
    expect(shareButton(free!)).toBeTruthy();
  });

  test('a message ID with a slash is refused with a clear message', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'status ../../v3/me' });
    expect(JSON.stringify(responses()[0])).toContain('is not a Sent message ID');
    expect(h.simRequests().some((r) => r.includes('/me'))).toBe(false);
  });
});
