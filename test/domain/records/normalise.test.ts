import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeTimeline, normaliseMessage } from '../../../tools/domain/records/normalise.js';
import { findCodes } from '../../../tools/domain/records/codes.js';
import { ActivityRecord, MessageRecord } from '../../../tools/domain/records/schema.js';

const NOW = Date.parse('2026-08-20T10:00:00Z');
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const rec = (r: Record<string, unknown>) => MessageRecord.parse({ status: 'QUEUED', ...r });

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

  it('reads the sender: short codes as they are, numbers masked and compared with the account numbers', () => {
    const acts = (from: string) => [ActivityRecord.parse({ status: 'DELIVERED', timestamp: iso(1), from })];
    expect(normaliseMessage(rec({ id: 'm' }), acts('72345'), { now: NOW }).sender).toEqual({ shown: '72345', kind: 'short_code' });
    expect(normaliseMessage(rec({ id: 'm' }), acts('+14155550100'), { now: NOW, accountNumbers: ['+14155550100'] }).sender).toMatchObject({ kind: 'number', account_number: true });
    expect(normaliseMessage(rec({ id: 'm' }), acts('+14155550199'), { now: NOW, accountNumbers: ['+14155550100'] }).sender).toMatchObject({ kind: 'number', account_number: false });
  });

  it('takes the region from the phone number when the record has no region_code', () => {
    expect(normaliseMessage(rec({ id: 'm', phone: '+213551234567' }), [], { now: NOW }).region_code).toBe('DZ');
  });
});

describe('normalise robustness', () => {
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
