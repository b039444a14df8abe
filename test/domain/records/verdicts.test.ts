import { describe, expect, it } from 'vitest';
import type { CountryFacts } from '../../../tools/context.js';
import { normaliseMessage } from '../../../tools/domain/records/normalise.js';
import { ActivityRecord, MessageRecord } from '../../../tools/domain/records/schema.js';
import { decideVerdict, notFoundVerdict, ROWS, DESCRIPTION_FACTS, STUCK_QUEUED_MS, STUCK_SENT_MS, type Verdict } from '../../../tools/domain/records/verdicts.js';
import { readCodeCatalog } from '../../../src/knowledge/codes.js';

const NOW = Date.parse('2026-08-20T10:00:00Z');
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const catalog = readCodeCatalog();
const code = (c: string) => catalog.find((x) => x.code === c);
const cov = { get: (c: string): CountryFacts | undefined => (c === 'XA' ? ({ iso2: 'XA', country: 'Xland', callingCode: '+99', alphanumericSupported: 'no', alphanumericRegistrationRequired: 'no', numericLongcodeSupported: 'yes', shortCodeNotes: '', contentRegistrationRequired: 'no', knownFiltering: '', sources: [] } as CountryFacts) : undefined) };

function verdict(r: Record<string, unknown>, acts: Record<string, unknown>[] = [], accountNumbers?: string[]): Verdict {
  const n = normaliseMessage(MessageRecord.parse({ id: 'm1', ...r }), acts.map((a) => ActivityRecord.parse(a)), { now: NOW, coverage: cov, accountNumbers });
  return decideVerdict(n, { now: NOW, code, coverage: cov });
}
const ev = (status: string, msAgo: number, description?: string) => ({ status, timestamp: iso(msAgo), ...(description ? { description } : {}) });

/** One record per row of the table: the row it must reach, its kind and scenarios. */
const ROW_CASES: Record<string, { record: Record<string, unknown>; acts?: Record<string, unknown>[]; kind: string; scenarios?: string[]; cause?: RegExp; accountNumbers?: string[] }> = {
  sandbox: { record: { status: 'SENT', sandbox: true, template_variables: { code: '482913' } }, kind: 'sandbox', scenarios: ['sandbox-mode'], cause: /code=482913/ },
  fallback_reason: { record: { status: 'DELIVERED', channel: 'sms', channel_attempted: 'whatsapp', fallback_reason: 'template_not_approved' }, kind: 'not_a_failure', scenarios: ['failover-not-triggering'], cause: /template is not approved/ },
  scheduled: { record: { status: 'SCHEDULED', scheduled_at: '2026-08-20T22:00:00Z', events: [ev('SCHEDULED', 60_000), ev('SCHEDULED', 30_000)] }, kind: 'in_progress', scenarios: [], cause: /quiet hours/ },
  cancelled: { record: { status: 'CANCELLED', events: [ev('CANCELLED', 1000)] }, kind: 'in_progress', scenarios: [], cause: /never sent/ },
  received: { record: { status: 'RECEIVED', channel: 'sms' }, kind: 'not_a_failure', scenarios: [] },
  waiting_long: { record: { status: 'QUEUED', events: [ev('QUEUED', STUCK_QUEUED_MS * 3)] }, kind: 'in_progress', scenarios: ['escalate-to-support', 'compliance-10dlc'] },
  waiting: { record: { status: 'ROUTED', events: [ev('QUEUED', 60_000), ev('ROUTED', 50_000)] }, kind: 'in_progress', scenarios: [] },
  sender_short_code: { record: { status: 'DELIVERED', channel: 'sms' }, acts: [{ status: 'DELIVERED', timestamp: iso(1), from: '72345' }], kind: 'not_a_failure', scenarios: ['wrong-sender-number'] },
  sender_not_account_number: { record: { status: 'DELIVERED', channel: 'sms' }, acts: [{ status: 'DELIVERED', timestamp: iso(1), from: '+14155550199' }], accountNumbers: ['+14155550100'], kind: 'not_a_failure', scenarios: ['wrong-sender-number'] },
  delivered: { record: { status: 'READ', channel: 'whatsapp', events: [ev('SENT', 5000), ev('DELIVERED', 4000), ev('READ', 1000)] }, kind: 'not_a_failure', scenarios: ['sms-only-mode'], cause: /Delivered and read via whatsapp/ },
  code: { record: { status: 'FAILED', channel: 'whatsapp', template_name: 'order_update', events: [ev('FAILED', 1000, 'Meta error 131047: Re-engagement message')] }, kind: 'failure', scenarios: ['whatsapp-131049'], cause: /Meta 131047 \(template `order_update`\)/ },
  description: { record: { status: 'FAILED', channel: 'whatsapp', events: [ev('FAILED', 1000, 'Recipient is not a WhatsApp user')] }, kind: 'failure', scenarios: ['whatsapp-api-payload', 'failover-not-triggering'] },
  blocked: { record: { status: 'BLOCKED', channel: 'whatsapp', text: 'hello there' }, kind: 'blocked', scenarios: ['whatsapp-131049', 'escalate-to-support'], cause: /insufficient balance/ },
  filtered: { record: { status: 'FILTERED', channel: 'sms' }, kind: 'filtered', scenarios: ['compliance-10dlc'], cause: /never retried/ },
  failed: { record: { status: 'FAILED', channel: 'sms', region_code: 'US' }, kind: 'failure', scenarios: ['compliance-10dlc', 'sms-country-delivery', 'sender-id-issues'] },
  sent_stuck_filtering_country: { record: { status: 'SENT', channel: 'sms', phone: '+213551234567', events: [ev('SENT', STUCK_SENT_MS * 5)] }, kind: 'failure', scenarios: ['sms-country-delivery'], cause: /Algeria|DZ/ },
  sent_stuck_us: { record: { status: 'SENT', channel: 'sms', region_code: 'US', events: [ev('SENT', STUCK_SENT_MS * 2)] }, kind: 'failure', scenarios: ['compliance-10dlc', 'sms-country-delivery'] },
  sent_stuck: { record: { status: 'SENT', channel: 'whatsapp', region_code: 'GB', events: [ev('SENT', STUCK_SENT_MS * 2)] }, kind: 'failure', scenarios: ['escalate-to-support', 'whatsapp-131049'] },
  sent: { record: { status: 'SENT', channel: 'sms', region_code: 'DZ', events: [ev('SENT', 60_000)] }, kind: 'in_progress', scenarios: [] },
  unknown_status: { record: { status: 'WEIRD' }, kind: 'failure', scenarios: ['escalate-to-support'] },
  code_unmapped: { record: { status: 'FAILED', channel: 'sms', events: [ev('FAILED', 1000, 'RESOURCE_006: user not found')] }, kind: 'failure', scenarios: ['escalate-to-support'], cause: /RESOURCE_006/ },
};

describe('the record → verdict table', () => {
  it('has a test case for every row', () => {
    expect(Object.keys(ROW_CASES).sort()).toEqual(ROWS.map((r) => r.id).sort());
  });

  it.each(Object.entries(ROW_CASES))('row %s', (row, c) => {
    const v = verdict(c.record, c.acts, c.accountNumbers);
    expect(v.rule).toBe(row);
    expect(v.kind).toBe(c.kind);
    if (c.scenarios) expect(v.scenarios).toEqual(c.scenarios);
    if (c.cause) expect(v.cause).toMatch(c.cause);
  });

  it.each(['QUEUED', 'PROCESSED', 'ACCEPTED', 'ROUTED', 'SENT', 'SCHEDULED', 'CANCELLED'])('%s is never a failure when fresh', (status) => {
    const v = verdict({ status, events: [ev(status, 30_000)] });
    expect(v.kind).toBe('in_progress');
    expect(v.scenarios).toEqual([]);
  });

  it.each(['DELIVERED', 'READ', 'RECEIVED'])('%s is not a failure, and no failure scenario is evidenced', (status) => {
    const v = verdict({ status, channel: 'sms', events: [ev(status, 1000)] });
    expect(v.kind).toBe('not_a_failure');
    expect(v.evidenced).toBe(false);
  });

  it.each([
    ['FAILED', 'failure'],
    ['BLOCKED', 'blocked'],
    ['FILTERED', 'filtered'],
  ])('%s ends as %s', (status, kind) => {
    expect(verdict({ status, channel: 'whatsapp' }).kind).toBe(kind);
  });

  it('a delivered message keeps its verdict even when an earlier leg failed (a reroute on the same ID)', () => {
    const v = verdict({ status: 'DELIVERED', channel: 'sms', events: [ev('QUEUED', 9000), ev('FAILED', 8000, 'Meta error 131026'), ev('QUEUED', 7000), ev('DELIVERED', 1000)] });
    expect(v.rule).toBe('delivered');
    expect(v.cause).toMatch(/re-routed/);
  });

  it.each(catalog.filter((c) => c.scenarios.length).map((c) => [c.code, c.scenarios] as const))('a FAILED record carrying %s gets the scenarios the catalog gives', (c, scenarios) => {
    const desc = /^\d+$/.test(c) ? `Meta error ${c}: provider text` : `${c}: provider text`;
    const v = verdict({ status: 'FAILED', channel: 'whatsapp', events: [ev('FAILED', 1000, desc)] });
    expect(v.code).toBe(c);
    expect(v.scenarios).toEqual(scenarios);
  });

  it.each(catalog.filter((c) => !c.scenarios.length).map((c) => [c.code] as const))('a FAILED record carrying %s (no scenario) names the code and leaves the rest open', (c) => {
    const v = verdict({ status: 'FAILED', channel: 'sms', events: [ev('FAILED', 1000, `${c}: provider text`)] });
    expect(v).toMatchObject({ rule: 'code_unmapped', code: c, evidenced: false });
    expect(v.cause).toContain(c);
  });

  it('a webhook reason_code decides like a description code', () => {
    const v = verdict({ status: 'BLOCKED', channel: 'sms', reason_code: 'BUSINESS_029', reason: 'from number not an active sender' });
    expect(v).toMatchObject({ kind: 'blocked', code: 'BUSINESS_029', scenarios: code('BUSINESS_029')!.scenarios });
    expect(v.scenarios[0]).toBe('sender-id-issues');
  });

  it('the code of the step that ended the message wins over an earlier one', () => {
    const v = verdict({ status: 'FAILED', channel: 'whatsapp', events: [ev('FAILED', 9000, 'Meta error 131026'), ev('QUEUED', 8000), ev('FAILED', 1000, 'Meta error 132015 template paused')] });
    expect(v.code).toBe('132015');
  });

  it.each(DESCRIPTION_FACTS.map((d) => [d.id, d] as const))('description fact %s matches its own wording only', (_id, d) => {
    const sample = { not_on_whatsapp: 'number not registered on WhatsApp', opted_out: 'contact opted out', ten_dlc: 'rejected: unregistered 10DLC campaign', conversation_window: 'outside the 24-hour window', balance: 'insufficient balance', template_not_approved: 'template is not approved', no_route: 'no active route for sms' }[d.id]!;
    expect(d.re.test(sample.toLowerCase())).toBe(true);
    expect(d.re.test('message delivered to handset')).toBe(false);
  });

  it('not found says so first and lists what to check, with the sandbox hint only for msg_test_ IDs', () => {
    const v = notFoundVerdict('msg_test_1', { key: 'sk_test_…abcd', baseUrl: 'https://api.sent.dm' });
    expect(v).toMatchObject({ kind: 'not_found', code: 'RESOURCE_003', scenarios: [] });
    expect(v.next.join(' ')).toContain('sandbox');
    expect(notFoundVerdict('msg_1', { key: 'k', baseUrl: 'u' }).next.join(' ')).not.toContain('sandbox');
  });
});
