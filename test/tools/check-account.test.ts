/**
 * check_account against a stand-in Sent API on 127.0.0.1 (test/tools/checkup-standin.ts): each
 * check on its own with a messy and a clean account, paging, a 403 on one endpoint, Sent down
 * mid-run, a wrong key, read-only, and the key (and webhook secrets) never in the output.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { checkAccount, type CheckAccountOutput } from '../../tools/check-account.js';
import { callTool } from '../../tools/define.js';
import { ConfigError, SentUnreachableError } from '../../tools/errors.js';
import { CHECKS, type AccountData } from '../../tools/domain/checkup/checks.js';
import { createSentClient } from '../../src/sent/client.js';
import { fingerprint } from '../../tools/domain/redact.js';
import { makeTestContext, withSent } from '../helpers/context.js';
import { cleanAccount, CLEAN_KEY, messyAccount, MESSY_KEY, NOW, startStandIn, STANDIN_KEYS, WRONG_KEY, type Account, type StandIn, type StandInOptions } from './checkup-standin.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function standIn(o: StandInOptions = {}): Promise<StandIn> {
  const s = await startStandIn(o);
  closers.push(s.close);
  return s;
}

function contextFor(url: string, key: string) {
  const base = makeTestContext({ clock: { now: () => NOW } });
  const client = createSentClient({ apiKey: key, baseUrl: url, timeoutMs: 2_000, connectTimeoutMs: 500, maxRetries: 1, logger: base.logger, sleep: async () => undefined });
  closers.push(() => client.close());
  return withSent(base, client);
}

async function run(key: string, o: StandInOptions = {}) {
  const s = await standIn(o);
  const ctx = contextFor(s.url, key);
  const out = await callTool(checkAccount, {}, ctx);
  // The key, the webhook signing secret and an endpoint URL's query never appear anywhere.
  const everything = JSON.stringify(out) + ctx.logLines.join('\n');
  for (const k of STANDIN_KEYS) expect(everything).not.toContain(k);
  expect(everything).not.toContain('whsec_');
  expect(everything).not.toContain('standin-query-token');
  return { out, s, ctx };
}

const check = (out: CheckAccountOutput, id: string) => {
  const c = out.checks.find((x) => x.id === id);
  expect(c, id).toBeTruthy();
  return c!;
};

const withAccount = (key: string, a: Account): StandInOptions => ({ accounts: { [key]: a } });

describe('check_account: the messy account', () => {
  test('reports each problem with its scenario; the output follows the contract', async () => {
    const { out } = await run(MESSY_KEY);
    expect(Object.keys(out).sort()).toEqual(['checks', 'summary']);
    for (const c of out.checks) {
      expect(Object.keys(c).every((k) => ['id', 'status', 'title', 'detail', 'fix', 'scenario'].includes(k))).toBe(true);
      if (c.status === 'fail' || c.status === 'warn') expect(c.fix, c.id).toBeTruthy();
    }
    expect(out.checks.map((c) => c.id)).toEqual([
      'key',
      'account.status',
      'channels',
      'channels.whatsapp_routing',
      'channels.failover',
      'templates.rejected',
      'templates.pending',
      'templates.otp',
      'webhooks.configured',
      'webhooks.active',
      'webhooks.failures',
      'webhooks.message_events',
      'sms.us_10dlc',
    ]);
    expect(check(out, 'templates.rejected')).toMatchObject({ status: 'fail', scenario: 'whatsapp-template-issues' });
    expect(check(out, 'templates.rejected').detail).toMatch(/"welcome_offer" \(UTILITY, whatsapp\).*remove promotional wording/);
    expect(check(out, 'templates.pending')).toMatchObject({ status: 'warn', scenario: 'whatsapp-template-issues' });
    expect(check(out, 'templates.pending').detail).toContain('"spring_promo" (MARKETING, whatsapp) pending for 3 days');
    expect(check(out, 'webhooks.active')).toMatchObject({ status: 'fail' });
    expect(check(out, 'webhooks.active').detail).toMatch(/"hook orders" \(https:\/\/hooks\.example\.com\/orders\) is disabled by Sent after 10 consecutive failed deliveries; last successful delivery 4 days ago/);
    expect(check(out, 'webhooks.message_events')).toMatchObject({ status: 'warn' });
    expect(check(out, 'sms.us_10dlc')).toMatchObject({ status: 'fail', scenario: 'compliance-10dlc' });
    expect(check(out, 'sms.us_10dlc').detail).toMatch(/"campaign old" \(profile "Main"\) is EXPIRED and no campaign is ACTIVE/);
    expect(check(out, 'channels.whatsapp_routing')).toMatchObject({ status: 'warn', scenario: 'sms-only-mode' });
    expect(check(out, 'key').detail).toContain(fingerprint(MESSY_KEY));
    expect(out.summary).toEqual({ pass: 7, warn: 3, fail: 3, skip: 0 });
  });

  test('only reads: every request is a GET', async () => {
    const { s } = await run(MESSY_KEY);
    expect(s.requests.length).toBeGreaterThan(4);
    expect(s.requests.every((r) => r.startsWith('GET '))).toBe(true);
  });
});

describe('check_account: the clean account', () => {
  test('no fail; only the WhatsApp routing note warns', async () => {
    const { out } = await run(CLEAN_KEY);
    expect(out.summary.fail).toBe(0);
    expect(out.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual(['channels.whatsapp_routing']);
    expect(check(out, 'sms.us_10dlc').detail).toContain('"campaign live" (profile "Clean")');
    expect(check(out, 'templates.otp').detail).toContain('"otp_code"');
  });
});

describe('check_account: each check on its own', () => {
  const clean = cleanAccount;
  const cases: Array<[string, (a: Account) => void, string, string, RegExp?]> = [
    ['account pending review', (a) => (a.me.status = 'pending_review'), 'account.status', 'warn', /waiting for Sent's review/],
    ['account incomplete', (a) => (a.me.status = 'incomplete'), 'account.status', 'fail', /AUTH_006/],
    ['no channel at all', (a) => (a.me.channels = { sms: { configured: false }, whatsapp: { configured: false }, rcs: { configured: false } }), 'channels', 'fail', /AUTH_007/],
    [
      'WhatsApp templates without WhatsApp',
      (a) => ((a.me.channels as any).whatsapp = { configured: false }),
      'channels.failover',
      'warn',
      /no WhatsApp attempt and no failover/,
    ],
    ['WhatsApp not connected: no routing note', (a) => ((a.me.channels as any).whatsapp = { configured: false }), 'channels.whatsapp_routing', 'pass'],
    ['no approved AUTHENTICATION template', (a) => (a.templates[1]!.status = 'PENDING'), 'templates.otp', 'warn', /"otp_code" PENDING/],
    ['no webhook', (a) => (a.webhooks = []), 'webhooks.configured', 'warn', /nobody hears about failed messages/],
    ['a failing but active webhook', (a) => Object.assign(a.webhooks[0]!, { consecutive_failures: 3 }), 'webhooks.failures', 'warn', /3 consecutive failed deliveries/],
    ['a webhook switched off by hand', (a) => Object.assign(a.webhooks[0]!, { is_active: false }), 'webhooks.active', 'fail', /is inactive/],
    ['no message events subscribed', (a) => Object.assign(a.webhooks[0]!, { event_types: ['templates'] }), 'webhooks.message_events', 'warn', /No active webhook subscribes/],
    ['message events without failed', (a) => Object.assign(a.webhooks[0]!, { event_filters: { message: ['delivered'] } }), 'webhooks.message_events', 'warn', /filter out failed/],
    ['US number without any campaign', (a) => (a.campaigns['prof-clean'] = []), 'sms.us_10dlc', 'fail', /no 10DLC campaign is ACTIVE/],
    ['campaign submitted, not active', (a) => (a.campaigns['prof-clean']![0]!.status = 'SENT_CREATED'), 'sms.us_10dlc', 'warn', /SENT_CREATED/],
    [
      'no US number: 10DLC does not apply',
      (a) => {
        (a.me.channels as any).sms.phone_number = '+447700900123';
        a.profiles[0]!.sending_phone_number = '+447700900123';
      },
      'sms.us_10dlc',
      'pass',
      /does not apply/,
    ],
    ['a Canadian +1 number is not US 10DLC', (a) => ((a.me.channels as any).sms.phone_number = '+16135550123', (a.profiles[0]!.sending_phone_number = '+16135550123'), (a.campaigns['prof-clean'] = [])), 'sms.us_10dlc', 'pass'],
  ];
  test.each(cases)('%s', async (_name, change, id, status, detail) => {
    const a = clean();
    change(a);
    const { out } = await run(CLEAN_KEY, withAccount(CLEAN_KEY, a));
    const c = check(out, id);
    expect(c.status).toBe(status);
    if (detail) expect(c.detail).toMatch(detail);
    // One problem, one failing check: nothing else turns red.
    expect(out.checks.filter((x) => x.status === 'fail' && x.id !== id)).toEqual([]);
  });

  test('every check is a pure function of the account data (no data: skip, not a crash)', () => {
    const none = { ok: false as const, reason: 'not read.' };
    const d: AccountData = { fingerprint: 'sk_test_…0001', demo: false, now: NOW, me: { ok: false, status: 500, code: 'X', reason: 'down.' }, templates: none, webhooks: none, profiles: none, campaigns: none };
    expect(CHECKS.map((c) => c(d).status)).toEqual(Array(CHECKS.length).fill('skip'));
  });
});

describe('check_account: paging, refusals and failures', () => {
  test('pages through templates and webhooks until has_more is false', async () => {
    const a = messyAccount();
    a.webhooks.push(...Array.from({ length: 4 }, (_, i) => ({ ...a.webhooks[1]!, id: `more${i}`, display_name: `more ${i}` })));
    const { out, s } = await run(MESSY_KEY, { ...withAccount(MESSY_KEY, a), pageSize: 3 });
    const pages = (p: string) => s.requests.filter((r) => r.startsWith(`GET ${p}?`));
    expect(pages('/v3/templates')).toEqual([1, 2, 3, 4].map((n) => `GET /v3/templates?page=${n}&page_size=100`));
    expect(pages('/v3/webhooks')).toHaveLength(2);
    // Items from every page were read: the rejected template is on page 1, the switched-off webhook too, the count is complete.
    expect(check(out, 'templates.rejected').detail).toContain('welcome_offer');
    expect(check(out, 'webhooks.configured').detail).toBe('6 webhooks configured, 5 active.');
  });

  test('paging is bounded when a server keeps saying has_more', async () => {
    const a = messyAccount();
    a.templates = Array.from({ length: 30 }, (_, i) => ({ ...messyAccount().templates[3]!, id: `t${i}`, name: `t${i}` }));
    const { out, s } = await run(MESSY_KEY, { ...withAccount(MESSY_KEY, a), pageSize: 1 });
    expect(s.requests.filter((r) => r.startsWith('GET /v3/templates?'))).toHaveLength(20);
    expect(check(out, 'templates.rejected').detail).toMatch(/Only the first pages of templates were read/);
  });

  test('a 403 on one endpoint makes only its checks skip, with the reason', async () => {
    const { out } = await run(MESSY_KEY, { forbid: ['/v3/webhooks'] });
    for (const id of ['webhooks.configured', 'webhooks.active', 'webhooks.failures', 'webhooks.message_events']) {
      expect(check(out, id).status).toBe('skip');
      expect(check(out, id).detail).toMatch(/403 AUTH_004: the key lacks the permission/);
    }
    expect(check(out, 'templates.rejected').status).toBe('fail');
    expect(check(out, 'sms.us_10dlc').status).toBe('fail');
    expect(out.summary.skip).toBe(4);
  });

  test('a 403 on the campaigns skips the 10DLC check only', async () => {
    const { out } = await run(MESSY_KEY, { forbid: ['/v3/profiles/'] });
    expect(check(out, 'sms.us_10dlc')).toMatchObject({ status: 'skip' });
    expect(out.summary.skip).toBe(1);
  });

  test('Sent down mid-run: SentUnreachableError, not a partial answer', async () => {
    const s = await standIn({ dieOn: '/v3/templates' });
    const ctx = contextFor(s.url, MESSY_KEY);
    const err = await callTool(checkAccount, {}, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SentUnreachableError);
    expect(s.requests[0]).toBe('GET /v3/me');
  });

  test('a wrong key: the key check fails with AUTH_002 and every other check is skipped', async () => {
    const { out, s } = await run(WRONG_KEY);
    expect(check(out, 'key')).toMatchObject({ status: 'fail', scenario: 'auth-invalid-api-key' });
    expect(check(out, 'key').detail).toContain('AUTH_002');
    expect(check(out, 'key').detail).toContain(fingerprint(WRONG_KEY));
    expect(out.summary).toEqual({ pass: 0, warn: 0, fail: 1, skip: 12 });
    // One request: no further 401s that would count towards Sent's lockout.
    expect(s.requests).toEqual(['GET /v3/me']);
  });

  test('a 403 on /v3/me (KYC not complete): the key works, the account fails, the rest still runs', async () => {
    const { out } = await run(MESSY_KEY, { forbid: ['/v3/me'], forbidCode: 'AUTH_006' });
    expect(check(out, 'key').status).toBe('pass');
    expect(check(out, 'account.status')).toMatchObject({ status: 'fail', scenario: 'compliance-10dlc' });
    expect(check(out, 'account.status').detail).toContain('AUTH_006');
    expect(check(out, 'channels').status).toBe('skip');
    expect(check(out, 'templates.rejected').status).toBe('fail');
  });

  test('no key configured: a configuration error', async () => {
    await expect(callTool(checkAccount, {}, makeTestContext())).rejects.toBeInstanceOf(ConfigError);
  });
});
