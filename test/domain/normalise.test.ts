import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CountryFacts } from '../../tools/context.js';
import { findCodes, mergeTimeline, normaliseMessage, notFoundFinding, STUCK_SENT_MS } from '../../tools/domain/normalise.js';
import { ActivityRecord, MessageRecord } from '../../tools/domain/records.js';

const NOW = Date.parse('2026-08-20T10:00:00Z');
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const rec = (r: Record<string, unknown>) => MessageRecord.parse({ status: 'QUEUED', ...r });
const codes = (r: Record<string, unknown>, acts: Record<string, unknown>[] = [], coverage?: { get(iso2: string): CountryFacts | undefined }) =>
  normaliseMessage(rec(r), acts.map((a) => ActivityRecord.parse(a)), { now: NOW, coverage }).findings.map((f) => f.code);

const facts = (iso2: string, over: Partial<CountryFacts> = {}): CountryFacts => ({
  iso2,
  country: `Country ${iso2}`,
  callingCode: '+99',
  alphanumericSupported: 'yes',
  alphanumericRegistrationRequired: 'no',
  numericLongcodeSupported: 'yes',
  shortCodeNotes: '',
  contentRegistrationRequired: 'no',
  knownFiltering: 'No specific restrictions reported',
  sources: ['https://example.com'],
  ...over,
});

describe('findCodes', () => {
  it('finds Sent, send-time, named and Meta codes in order', () => {
    expect(findCodes('BUSINESS_005 then ERR_ROUTE_DENIED, (#131049) and TEMPLATE_NOT_APPROVED; AUTH_002')).toEqual([
      'BUSINESS_005',
      'ERR_ROUTE_DENIED',
      '131049',
      'TEMPLATE_NOT_APPROVED',
      'AUTH_002',
    ]);
  });

  it('does not take phone numbers, long numbers or years for Meta codes', () => {
    expect(findCodes('call +131049000 or 91310490 or 1310499; price 2026; id 134000')).toEqual([]);
  });

  it('never throws and stays bounded on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const out = findCodes(s);
        expect(out.length).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});

describe('mergeTimeline', () => {
  it('sorts oldest first, dedupes the same step from both lists and keeps both texts when they differ', () => {
    const tl = mergeTimeline(
      [
        { status: 'queued', timestamp: iso(3000), description: 'accepted' },
        { status: 'FAILED', timestamp: iso(1000), description: 'ERR_X' },
      ],
      [
        ActivityRecord.parse({ status: 'FAILED', timestamp: iso(1000), description: 'provider said no', from: '+14155550100' }),
        ActivityRecord.parse({ status: 'ROUTED', timestamp: iso(2000), description: null }),
        ActivityRecord.parse({ status: 'QUEUED', timestamp: iso(3000), description: 'accepted' }),
      ],
    );
    expect(tl.map((e) => [e.status, e.source])).toEqual([
      ['QUEUED', 'event'],
      ['ROUTED', 'activity'],
      ['FAILED', 'event'],
    ]);
    expect(tl[2]!.description).toBe('ERR_X / provider said no');
    expect(tl[2]!.from).toBe('+1 ••••••••00');
  });

  it('puts undated entries last, in lifecycle order, and survives garbage timestamps', () => {
    const tl = mergeTimeline(
      [
        { status: 'DELIVERED', timestamp: 'yesterday' },
        { status: 'SENT', timestamp: null },
        { status: 'QUEUED', timestamp: iso(1000) },
      ],
      [],
    );
    expect(tl.map((e) => [e.status, e.at])).toEqual([
      ['QUEUED', iso(1000)],
      ['SENT', null],
      ['DELIVERED', null],
    ]);
  });

  it('strips control and bidi characters, bounds length and masks phones in descriptions', () => {
    const [e] = mergeTimeline([{ status: 'FAILED', timestamp: iso(0), description: `\u202eevil\u0000 to +213551234567 ${'x'.repeat(900)}` }], []);
    expect(e!.description).not.toMatch(/[\u202e\u0000]/);
    expect(e!.description).toContain('+213 •••••••67');
    expect(e!.description!.length).toBeLessThanOrEqual(500);
  });
});

describe('normaliseMessage', () => {
  it('reads the SDK dialect: id, lowercase v2 status, channel array, message_body, string prices', () => {
    const n = normaliseMessage(
      rec({ id: 'u1', status: 'delivered', channel: ['WhatsApp'], phone: '+14155550123', message_body: { content: 'Hi' }, price: '0.0100' }),
      [],
      { now: NOW },
    );
    expect(n).toMatchObject({ message_id: 'u1', status: 'DELIVERED', channel: 'whatsapp', body: 'Hi', price: 0.01, sandbox: false });
  });

  it('reads the guide dialect: message_id, to, template object with parameters', () => {
    const n = normaliseMessage(rec({ message_id: 'msg_1', to: ['+447700900123'], template: { id: 'tmpl_a', parameters: { code: '123456', name: 'Al' } } }), [], { now: NOW });
    expect(n.template).toEqual({ id: 'tmpl_a' });
    expect(n.variables).toEqual({ code: '••••••', name: 'Al' });
    expect(n.recipient).toBe('+44 ••••••••23');
  });

  it('masks codes in an OTP-looking body unless sandbox, and leaves other numbers alone', () => {
    const otp = (extra: Record<string, unknown>) =>
      normaliseMessage(rec({ message_id: 'msg_2', message_body: { content: 'Your code is 482913' }, ...extra }), [], { now: NOW }).body;
    expect(otp({})).toBe('Your code is ••••••');
    expect(otp({ sandbox: true })).toBe('Your code is 482913');
    expect(normaliseMessage(rec({ message_id: 'msg_3', text: 'Order 12345 shipped' }), [], { now: NOW }).body).toBe('Order 12345 shipped');
  });

  it('does not read codes out of bodies or variables', () => {
    const n = normaliseMessage(rec({ message_id: 'msg_4', status: 'FAILED', text: 'code 131049', template_variables: { c: '131026' } }), [], { now: NOW });
    expect(n.error_codes).toEqual([]);
  });

  it('collects codes from reason_code, error objects and activity descriptions', () => {
    const n = normaliseMessage(
      rec({ message_id: 'm', status: 'FAILED', reason_code: 'DELIVERY_007', error: { code: 'INTERNAL_003', message: 'x' } }),
      [ActivityRecord.parse({ status: 'FAILED', description: 'Meta 131047 re-engagement' })],
      { now: NOW },
    );
    expect(n.error_codes).toEqual(['DELIVERY_007', 'INTERNAL_003', '131047']);
  });
});

describe('finding rules', () => {
  const sentAgo = (ms: number, r: Record<string, unknown> = {}) =>
    ({ message_id: 'm', status: 'SENT', channel: 'sms', events: [{ status: 'SENT', timestamp: iso(ms) }], ...r }) as Record<string, unknown>;

  it('stuck at SENT: coverage data decides whether a country is known for filtering', () => {
    const cov = { get: (c: string) => (c === 'XA' ? facts('XA', { alphanumericSupported: 'no' }) : c === 'XB' ? facts('XB') : undefined) };
    expect(codes(sentAgo(2 * STUCK_SENT_MS, { region_code: 'XA' }), [], cov)).toEqual(['stuck_sent_filtering_country']);
    expect(codes(sentAgo(2 * STUCK_SENT_MS, { region_code: 'XB' }), [], cov)).toEqual(['accepted_not_delivered']);
    expect(codes(sentAgo(2 * STUCK_SENT_MS, { region_code: 'DZ' }))).toEqual(['stuck_sent_filtering_country']); // named by the guide, even without coverage
    expect(codes(sentAgo(STUCK_SENT_MS / 2, { region_code: 'DZ' }))).toEqual([]);
    expect(codes(sentAgo(2 * STUCK_SENT_MS, { region_code: 'DZ', channel: 'whatsapp' }))).toEqual(['accepted_not_delivered']);
  });

  it('stuck in QUEUED past ten minutes', () => {
    expect(codes({ message_id: 'm', status: 'QUEUED', events: [{ status: 'QUEUED', timestamp: iso(30 * 60_000) }] })).toEqual(['accepted_not_delivered']);
    expect(codes({ message_id: 'm', status: 'QUEUED', events: [{ status: 'QUEUED', timestamp: iso(60_000) }] })).toEqual([]);
  });

  it('consent, balance and route codes', () => {
    expect(codes({ message_id: 'm', status: 'FILTERED', events: [{ status: 'FILTERED', timestamp: iso(1), description: 'ERR_CONSENT_BLOCKED' }] })).toEqual([
      'consent_blocked',
      'accepted_not_delivered',
    ]);
    expect(codes({ message_id: 'm', status: 'BLOCKED', reason_code: 'BUSINESS_003' })).toEqual(['insufficient_balance', 'accepted_not_delivered']);
    expect(codes({ message_id: 'm', status: 'FAILED', reason: 'ERR_ROUTE_DENIED' })).toContain('route_denied');
  });

  it('not on WhatsApp: by Meta code or by wording', () => {
    for (const d of ['Recipient is not a WhatsApp user', 'number not registered on WhatsApp', 'error 131026'])
      expect(codes({ message_id: 'm', status: 'FAILED', channel: 'whatsapp', events: [{ status: 'FAILED', timestamp: iso(1), description: d }] })).toContain(
        'recipient_not_on_whatsapp',
      );
  });

  it('fallback with channel_attempted sms says WhatsApp was never tried', () => {
    const n = normaliseMessage(rec({ message_id: 'm', status: 'DELIVERED', channel: 'sms', channel_attempted: 'sms', fallback_reason: 'TEMPLATE_NOT_APPROVED' }), [], {
      now: NOW,
    });
    expect(n.findings[0]!.code).toBe('fallback_template_not_approved');
    expect(n.findings[0]!.message).toContain('never tried');
  });

  it('a short code sender with a sender_profile_id is not flagged', () => {
    const acts = [{ status: 'DELIVERED', timestamp: iso(1), from: '72345' }];
    expect(codes({ message_id: 'm', status: 'DELIVERED', channel: 'sms' }, acts)).toContain('shared_short_code_sender');
    expect(codes({ message_id: 'm', status: 'DELIVERED', channel: 'sms', sender_profile_id: 'sp_1' }, acts)).not.toContain('shared_short_code_sender');
  });

  it('not found mentions sandbox for msg_test_ IDs', () => {
    expect(notFoundFinding('msg_test_1').message).toContain('sandbox');
    expect(notFoundFinding('msg_1').message).not.toContain('sandbox-style');
  });

  it('normalise never throws on arbitrary lenient records', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.string({ maxLength: 20 }),
          channel: fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }))),
          phone: fc.option(fc.string({ maxLength: 20 })),
          region_code: fc.option(fc.string({ maxLength: 3 })),
          events: fc.option(fc.array(fc.record({ status: fc.string({ maxLength: 10 }), timestamp: fc.option(fc.string({ maxLength: 30 })), description: fc.option(fc.string({ maxLength: 200 })) }), { maxLength: 6 })),
        }),
        (r) => {
          const n = normaliseMessage(MessageRecord.parse(r), [], { now: NOW });
          expect(typeof n.status).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
