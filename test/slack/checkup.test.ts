/** `/sent checkup` and the App Home checkup section, through the fake receiver against the simulator's demo account. */
import { afterEach, describe, expect, test } from 'vitest';
import { shareButtonOf, responsesOf, closeClean, startHarness, type Harness } from './helpers/harness.js';
import { recordFailure } from '../../tools/recent-failures.js';

let h: Harness;
afterEach(() => closeClean(h));

const responses = () => responsesOf(h);
const shareButton = shareButtonOf;

describe('/sent checkup', () => {
  test('ephemeral, problems first with their fix, a Share button; only GETs reach Sent', async () => {
    h = await startHarness();
    await h.send('slash_command', { text: 'checkup' });
    const [reply] = responses();
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const t = JSON.stringify(reply!.blocks);
    expect(t).toContain('*Account checkup*');
    expect(t).toMatch(/:x: \*Rejected templates\*: .*welcome_offer/);
    expect(t).toMatch(/:x: \*Webhooks switched off\*/);
    expect(t).toMatch(/:x: \*US 10DLC campaign\*: .*EXPIRED/);
    expect(t).toMatch(/:warning: \*Templates waiting for review\*: .*promo_pending/);
    expect(t).toContain('`sms-only-mode`');
    expect(t).toContain('*Fix:*');
    // The demo sender number is masked in a channel.
    expect(t).not.toContain('4155550100');
    expect(t.indexOf(':x:')).toBeLessThan(t.indexOf(':white_check_mark: *API key*'));
    expect(h.simRequests().every((r) => r.startsWith('GET '))).toBe(true);
    expect(h.simRequests()).toEqual(expect.arrayContaining(['GET /v3/me', 'GET /v3/templates?page=1&page_size=100', 'GET /v3/webhooks?page=1&page_size=100']));

    const share = shareButton(reply!);
    expect(share).toBeTruthy();
    await h.send('block_actions_ephemeral', { value: share.value });
    const [, shared] = responses();
    expect(shared).toMatchObject({ response_type: 'in_channel' });
    expect(JSON.stringify(shared!.blocks)).toContain('*Account checkup*');
  });

  test('without a key: a clear message, not a crash', async () => {
    h = await startHarness({ sent: false });
    await h.send('slash_command', { text: 'checkup' });
    const [reply] = responses();
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply)).toContain('needs a Sent API key');
  });
});

describe('App Home: the account checkup section', () => {
  test('shows the summary and the problems after the Sent API status; cached on the next open', async () => {
    h = await startHarness({ demo: true });
    await h.send('app_home_opened');
    const [pub] = h.fake.of('views.publish');
    const blocks = pub!.body.view.blocks as Array<{ text?: { text?: string } }>;
    const api = blocks.findIndex((b) => b.text?.text?.startsWith('*Sent API*'));
    const checkup = blocks.findIndex((b) => b.text?.text?.startsWith('*Account checkup*'));
    expect(checkup).toBe(api + 2);
    expect(blocks[checkup]!.text!.text).toMatch(/:x: 3 failed/);
    expect(blocks[checkup]!.text!.text).toContain('*Rejected templates*');
    expect(JSON.stringify(blocks)).toContain('/sent checkup');
    const reads = h.simRequests().filter((r) => r.startsWith('GET /v3/templates')).length;
    await h.send('app_home_opened');
    expect(h.simRequests().filter((r) => r.startsWith('GET /v3/templates'))).toHaveLength(reads);
    expect(JSON.stringify(h.fake.of('views.publish')[1]!.body.view)).toContain('*Account checkup*');
  });

  test('no key: no checkup section', async () => {
    h = await startHarness({ sent: false });
    await h.send('app_home_opened');
    const [pub] = h.fake.of('views.publish');
    expect(JSON.stringify(pub!.body.view)).not.toContain('Account checkup');
  });
});

describe('App Home: the failure digest panel', () => {
  test('shows the failures of the last hour and day by scenario, as /sent digest does', async () => {
    h = await startHarness({ demo: true });
    await h.send('app_home_opened');
    expect(JSON.stringify(h.fake.of('views.publish')[0]!.body.view)).toContain('no failed, filtered or blocked message events received in the last 24 hours');
    await recordFailure(h.ctx.store, { message_id: 'msg_seed_blocked_template', status: 'BLOCKED', scenario: 'whatsapp-template-issues', code: 'BUSINESS_005', at: h.ctx.clock.now() });
    await h.send('app_home_opened');
    const view = JSON.stringify(h.fake.of('views.publish')[1]!.body.view);
    expect(view).toContain('*Failure digest*: 1 failed, filtered or blocked in the last hour, 1 in the last 24 hours');
    expect(view).toContain('msg_seed_blocked_template');
  });
});
