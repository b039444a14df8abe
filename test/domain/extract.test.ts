import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractEntities } from '../../tools/domain/extract.js';

const KEY = 'sk_live_FAKE0000000000000000abcd';

describe('extractEntities', () => {
  it('finds message IDs of both dialects', () => {
    const e = extractEntities('check msg_seed_algeria_sent and 8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01 please');
    expect(e.messageIds).toEqual(['msg_seed_algeria_sent', '8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01']);
  });

  it('finds Sent, ERR_ and Meta codes, not digits inside phone numbers', () => {
    const e = extractEntities('got AUTH_002 then auth-001, ERR_ECOSYSTEM_ENGAGEMENT (131049) sending to +13105551234; BUSINESS_005');
    expect(e.errorCodes).toEqual(expect.arrayContaining(['AUTH_002', 'AUTH_001', 'ERR_ECOSYSTEM_ENGAGEMENT', '131049', 'BUSINESS_005']));
    expect(e.errorCodes).not.toContain('131055');
  });

  it("reads the guide's field values in several notations", () => {
    const e = extractEntities('fallback_reason is recipient_not_capable; "channel_attempted": "sms"; status=FAILED');
    expect(e.fields).toEqual(
      expect.arrayContaining([
        { name: 'fallback_reason', value: 'recipient_not_capable' },
        { name: 'channel_attempted', value: 'sms' },
        { name: 'status', value: 'failed' },
      ]),
    );
  });

  it('pulls JSON payloads out of prose and curl commands out of logs', () => {
    const e = extractEntities(`we send {"to":["+14155550100"],"template":"tmpl_1","channel":"whatsapp"} and it fails\n\ncurl -X POST https://api.sent.dm/v3/messages -H "x-api-key: YOUR_KEY" -d '{"to":["+1"]}'`);
    expect(e.payloads).toHaveLength(2);
    expect(e.payloads[0]).toContain('"template":"tmpl_1"');
    expect(e.payloads[1]).toMatch(/^curl/);
  });

  it('does not take an error envelope for a send payload', () => {
    const e = extractEntities('{"success":false,"error":{"code":"AUTH_002","message":"Invalid or missing API key"}}');
    expect(e.payloads).toEqual([]);
    expect(e.errorCodes).toContain('AUTH_002');
  });

  it('keeps keys only as fingerprints in its output fields', () => {
    const e = extractEntities(`my key is x-api-key: ${KEY} and it fails`);
    expect(e.keyFingerprints).toEqual(['sk_live_…abcd']);
    const { keys, ...rest } = e;
    expect(keys).toEqual([KEY]);
    expect(JSON.stringify(rest)).not.toContain(KEY);
  });

  it('a UUID given as a key is not a message ID', () => {
    const e = extractEntities('x-api-key: 11111111-2222-4333-8444-555555555555 returns 401');
    expect(e.messageIds).toEqual([]);
    expect(e.httpStatuses).toContain(401);
  });

  it('masks phone numbers and maps them to countries; finds cities', () => {
    const e = extractEntities('SMS to +213 551 23 45 67 in Algiers never arrive');
    expect(e.phones[0]).toMatchObject({ iso2: 'DZ' });
    expect(e.phones[0]!.masked).not.toContain('551');
    expect(e.countries.map((c) => c.iso2)).toContain('DZ');
  });

  it('reads a pasted templates webhook as a template status, not as a message record', () => {
    const e = extractEntities('got this: {"field":"templates","payload":{"template_id":"t1","template_name":"promo","status":"REJECTED","reason":"INVALID_FORMAT"}}');
    expect(e.records).toEqual([]);
    expect(e.fields).toContainEqual({ name: 'template_status', value: 'rejected' });
  });

  it('understands channel slang', () => {
    expect(extractEntities('whatsap fails, texts are fine').channels.sort()).toEqual(['sms', 'whatsapp']);
  });

  it('strips invisible bidi and zero-width characters before matching', () => {
    const e = extractEntities('AUTH\u200b_002 from msg_\u202eseed');
    expect(e.errorCodes).toContain('AUTH_002');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (s) => {
        extractEntities(s);
      }),
      { numRuns: 300 },
    );
  });

  it('copes with huge and deeply nested input', () => {
    const deep = '{"to":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(() => extractEntities(deep)).not.toThrow();
    expect(() => extractEntities('x'.repeat(500_000))).not.toThrow();
  });
});

describe('extractEntities on adversarial braces', () => {
  it('stays bounded on unbalanced brace soup', () => {
    const soup = '{"to": '.repeat(40_000);
    const e = extractEntities(soup);
    expect(e.payloads.length).toBeLessThanOrEqual(5);
  });
});
