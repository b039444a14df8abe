import { describe, expect, it } from 'vitest';
import { callTool } from '../../tools/define.js';
import { lookupMessage } from '../../tools/lookup-message.js';
import { ConfigError, InputError, SentApiError, SentUnreachableError } from '../../tools/errors.js';
import { SCENARIO_IDS } from '../../tools/domain/scenarios.js';
import { ROWS, VERDICT_KINDS } from '../../tools/domain/records/verdicts.js';
import { SEED_MESSAGES } from '../../src/simulator/index.js';
import { makeTestContext, withSent } from '../helpers/context.js';
import { ALL_SECRETS, caught, fakeClock, makeClient, startSim, WRONG_KEY } from '../sent/helpers.js';

async function setup(over: { maxRetries?: number; apiKey?: string } = {}) {
  const clock = fakeClock();
  const { url, sim } = await startSim({ clock });
  const { client, logger } = makeClient(url, { maxRetries: over.maxRetries ?? 0, ...(over.apiKey ? { apiKey: over.apiKey } : {}) });
  const ctx = withSent(makeTestContext({ clock }), client);
  return { ctx, sim, clock, url, logger };
}

const lookup = (ctx: Parameters<typeof callTool>[2], id: string) => callTool(lookupMessage, { message_id: id }, ctx);

describe('lookup_message over every seeded simulator message', () => {
  it.each(SEED_MESSAGES.map((s) => [s.id, s] as const))('%s', async (_id, seed) => {
    const { ctx } = await setup();
    const r = await lookup(ctx, seed.id);
    expect(r.found).toBe(true);
    expect(r.message_id).toBe(seed.id);
    expect(r.verdict).toMatchObject({ rule: seed.rule, kind: seed.kind });
    if (seed.scenario) expect(r.verdict.scenarios[0]).toBe(seed.scenario);
    else expect(r.verdict.evidenced).toBe(false);
    // Shape that every renderer relies on.
    expect(lookupMessage.output.safeParse(r).success).toBe(true);
    expect(r.timeline!.length).toBeGreaterThan(0);
    const times = r.timeline!.map((e) => e.at!);
    expect([...times].sort()).toEqual(times);
    expect(r.recipient).toMatch(/^\+\d{1,3} •+\d\d$/);
    expect(JSON.stringify(r)).not.toMatch(/\+\d{8,}/); // no unmasked phone anywhere
  });

  it('the seed list only names known rules, kinds and scenarios, and covers every verdict kind but not_found', () => {
    for (const s of SEED_MESSAGES) {
      expect(ROWS.map((r) => r.id)).toContain(s.rule);
      if (s.scenario) expect(SCENARIO_IDS).toContain(s.scenario);
    }
    expect(new Set(SEED_MESSAGES.map((s) => s.kind))).toEqual(new Set(VERDICT_KINDS.filter((k) => k !== 'not_found')));
  });

  it('merges events and activities without duplicates and keeps the sender from the activities', async () => {
    const { ctx } = await setup();
    const r = await lookup(ctx, 'c9f0f895-fb98-4b91-a4c8-2b6f3d1e7a02');
    expect(r.timeline!.map((e) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'DELIVERED']);
    expect(r.timeline![3]).toMatchObject({ source: 'event', from: '72345', description: 'Message delivered to recipient' });
    expect(r.verdict).toMatchObject({ rule: 'sender_short_code', kind: 'not_a_failure', scenarios: ['wrong-sender-number'] });
    expect(r.price).toBe(0.0079);
  });

  it('Algeria: stuck at SENT for 30 hours, a filtering country, with the coverage note', async () => {
    const { ctx } = await setup();
    const r = await lookup(ctx, 'msg_seed_algeria_sent');
    expect(r).toMatchObject({ status: 'SENT', channel: 'sms', region_code: 'DZ', recipient: '+213 •••••••67' });
    expect(r.verdict.rule).toBe('sent_stuck_filtering_country');
    expect(r.verdict.cause).toContain('30 hours');
    expect(r.verdict.cause).toContain('Algeria');
  });

  it('a message 20 minutes at SENT is in progress; after the clock moves on it is stuck', async () => {
    const { ctx, sim, clock } = await setup();
    const t = clock.now();
    sim.messages.set('msg_live_dz', {
      id: 'msg_live_dz',
      dialect: 'guide',
      fields: { message_id: 'msg_live_dz', phone: '+213551234500', region_code: 'DZ', channel: 'sms', sandbox: false },
      steps: [
        { at: t, status: 'QUEUED', description: 'Message accepted' },
        { at: t + 1000, status: 'SENT', description: 'Message sent to carrier' },
      ],
    });
    clock.advance(20 * 60_000);
    expect((await lookup(ctx, 'msg_live_dz')).verdict).toMatchObject({ rule: 'sent', kind: 'in_progress' });
    clock.advance(2 * 3_600_000);
    expect((await lookup(ctx, 'msg_live_dz')).verdict).toMatchObject({ rule: 'sent_stuck_filtering_country', kind: 'failure' });
  });

  it('error codes are collected from descriptions and reason codes', async () => {
    const { ctx } = await setup();
    expect((await lookup(ctx, '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01')).error_codes).toEqual(['131049', 'ERR_ECOSYSTEM_ENGAGEMENT']);
    expect((await lookup(ctx, 'msg_seed_blocked_template')).error_codes).toEqual(['BUSINESS_005']);
    expect((await lookup(ctx, 'msg_seed_template_params')).error_codes).toEqual(['ERR_TEMPLATE_PARAMS_INVALID']);
    expect((await lookup(ctx, 'msg_seed_not_on_whatsapp')).error_codes).toEqual(['131026']);
  });

  it('sandbox OTP: variables shown as submitted; the code is not mistaken for a Meta code', async () => {
    const { ctx } = await setup();
    const r = await lookup(ctx, 'msg_test_otp_0001');
    expect(r.sandbox).toBe(true);
    expect(r.variables).toEqual({ code: '482913' });
    expect(r.error_codes).toEqual([]);
    expect(r.verdict).toMatchObject({ kind: 'sandbox', rule: 'sandbox' });
    expect(r.verdict.cause).toContain('code=482913');
  });

  it('a live OTP-like variable is masked', async () => {
    const { ctx, sim } = await setup();
    const m = sim.messages.get('msg_seed_fallback_not_capable')!;
    (m.fields.template_variables as Record<string, string>).order_id = '55012';
    const r = await lookup(ctx, 'msg_seed_fallback_not_capable');
    expect(r.variables).toMatchObject({ name: 'Kai', order_id: '•••••' });
  });

  it('a sandbox send made through the client can be looked up at once', async () => {
    const { ctx, clock } = await setup();
    const res = await ctx.sent!.sendSandbox({ to: ['+14155550123'], template: { id: 'tmpl_otp', parameters: { code: '246810' } } });
    clock.advance(60_000);
    const r = await lookup(ctx, res.recipients![0]!.message_id);
    expect(r).toMatchObject({ found: true, status: 'DELIVERED', sandbox: true, variables: { code: '246810' } });
  });
});

describe('lookup_message: problems', () => {
  it('an unknown ID is a result, found: false, with what to check', async () => {
    const { ctx } = await setup();
    const r = await lookup(ctx, 'msg_typo_123');
    expect(r.found).toBe(false);
    expect(r.verdict).toMatchObject({ kind: 'not_found', code: 'RESOURCE_003', scenarios: [] });
    expect(r.verdict.cause).toMatch(/^Sent has no message msg_typo_123/);
    expect(r.verdict.next.join(' ')).toMatch(/typo.*account.*SENT_BASE_URL/s);
    expect(r.looked_up_at.key).toMatch(/^sk_test_…/);
    expect(lookupMessage.output.safeParse(r).success).toBe(true);
  });

  it('a bad ID is an InputError before any request', async () => {
    const { ctx, sim } = await setup();
    for (const id of ['../../v3/me', 'a/b', 'hello', 'msg_' + 'x'.repeat(150)]) expect(await caught(() => lookup(ctx, id))).toBeInstanceOf(InputError);
    expect(await caught(() => lookup(ctx, ''))).toBeInstanceOf(InputError); // schema: min 1
    expect(sim.requests).toEqual([]);
  });

  it('no key configured: ConfigError that points at SENT_DM_API_KEY and the simulator, never a silent fallback', async () => {
    const ctx = makeTestContext();
    const e = await caught(() => lookup(ctx, 'msg_seed_algeria_sent'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.hint).toMatch(/SENT_DM_API_KEY/);
    expect(e.hint).toMatch(/sent-doctor simulate/);
  });

  it('a wrong key is a SentApiError (AUTH_002), and the key is nowhere in it', async () => {
    const { ctx } = await setup({ apiKey: WRONG_KEY });
    const e = await caught(() => lookup(ctx, 'msg_seed_algeria_sent'));
    expect(e).toBeInstanceOf(SentApiError);
    expect(e.code).toBe('AUTH_002');
    const all = [e.message, e.hint, e.detail, ...ctx.logLines].join('\n');
    for (const k of ALL_SECRETS) expect(all).not.toContain(k);
  });

  it('Sent down: SentUnreachableError propagates', async () => {
    const { ctx, sim } = await setup();
    sim.injectFault({ fault: 'status=503', times: Infinity });
    expect(await caught(() => lookup(ctx, 'msg_seed_algeria_sent'))).toBeInstanceOf(SentUnreachableError);
  });

  it('activity log unreadable: the message is still explained, with a warning', async () => {
    const { ctx, sim } = await setup();
    sim.injectFault({ path: /activities$/, fault: 'malformed' });
    const r = await lookup(ctx, 'msg_seed_route_denied');
    expect(r.found).toBe(true);
    expect(r.warnings![0]).toMatch(/activity log could not be read/);
    expect(r.verdict).toMatchObject({ code: 'ERR_ROUTE_DENIED', rule: 'code' });
    expect(r.verdict.scenarios[0]).toBe('sender-id-issues');
  });

  it('no secret appears in any output of any seeded lookup', async () => {
    const { ctx, logger } = await setup();
    const outs: string[] = [];
    for (const s of SEED_MESSAGES) outs.push(JSON.stringify(await lookup(ctx, s.id)));
    outs.push(JSON.stringify(await lookup(ctx, 'msg_nope')));
    const all = [...outs, ...ctx.logLines, ...logger.lines].join('\n');
    for (const k of ALL_SECRETS) expect(all).not.toContain(k);
  });

  it('has the required annotations', () => {
    expect(lookupMessage.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: true });
  });
});
