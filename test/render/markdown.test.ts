import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DiagnoseOutput, type Diagnosis } from '../../tools/diagnose.js';
import { ValidatePayloadOutput } from '../../tools/validate-payload.js';
import { CheckApiKeyOutput } from '../../tools/check-api-key.js';
import { SentApiError, InputError } from '../../tools/errors.js';
import { TOOLS } from '../../tools/index.js';
import {
  hasRenderer,
  renderDiagnosis,
  renderKeyCheck,
  renderToolError,
  renderToolOutput,
  renderValidation,
} from '../../src/render/markdown.js';
import { cell, fenced } from '../../src/render/md.js';

const KEY = 'sk_live_Rr4Tt6Yy8Uu0Ii2Oo4Pp6Aa8';
const PHONE = '+213551234567';

function diagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return DiagnoseOutput.parse({
    summary: 'Message msg_a is SENT on sms. Most likely: SMS not delivered in specific countries (72% confidence).',
    conclusive: true,
    off_topic: false,
    off_topic_p: 0,
    messages: [],
    scenarios: [
      {
        id: 'sms-country-delivery',
        title: 'SMS not delivered in specific countries',
        confidence: 0.72,
        evidence: [`sent to ${PHONE}`, 'message status SENT'],
        steps: ['Open Dashboard → Activities.', 'Check the country rules.'],
        verify: 'New messages reach DELIVERED.',
        escalate: 'Contact Sent support.',
      },
      { id: 'login-otp', title: 'OTP problems', confidence: 0.2, evidence: ['otp'], steps: [], verify: '', escalate: '' },
      { id: 'sandbox-mode', title: 'Sandbox', confidence: 0.001, evidence: [], steps: [], verify: '', escalate: '' },
    ],
    findings: [{ code: 'template_flat_string', severity: 'warning', message: `stuck; key ${KEY} seen`, source: 'validate' }],
    entities: { message_ids: ['msg_a'], error_codes: [], http_statuses: [], fields: [], keys: [], phones: [], countries: [], channels: [], payloads: 0 },
    lookups: [{ message_id: 'msg_b', error: 'Sent could not be reached.', kind: 'unreachable' }],
    validations: [],
    notes: ['a note'],
    ...over,
  });
}

describe('renderDiagnosis', () => {
  it('leads with the summary and the top scenario, then steps, verify, escalate, others, findings, lookups, notes', () => {
    const md = renderDiagnosis(diagnosis());
    const order = ['## Diagnosis', 'Message msg_a is SENT', '**Most likely: SMS not delivered', 'Evidence:', 'Steps:\n1. Open Dashboard', '2. Check the country rules.', '**Verify:**', '**Escalate when:**', '### Other possibilities', '### Findings', '### Messages looked up', '### Notes'];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(md).toContain('72% confidence');
    expect(md).toContain('**OTP problems** (`login-otp`) — 20%');
    expect(md).not.toContain('Sandbox'); // a 0% runner-up is left out
    expect(md).toContain('`msg_b`: lookup failed (unreachable)');
  });

  it('says "not conclusive", quotes the question and fences the bundle', () => {
    const md = renderDiagnosis(
      diagnosis({
        conclusive: false,
        question: 'Which country?\nAnd which sender?',
        bundle: { message_ids: [], timestamps: [], recipients: [], payloads: [], error_codes: [], error_responses: [], missing: [], text: 'Sent support request\n```\nbreak out' },
      }),
    );
    expect(md).toContain('**Closest match (not conclusive): SMS not delivered');
    expect(md).toContain('### Question\n\n> Which country?\n> And which sender?');
    expect(md).toMatch(/### Escalation bundle \(for Sent support\)\n\n````text\nSent support request\n```\nbreak out\n````/);
  });

  it('masks phone numbers and redacts keys when shared; keeps numbers (never keys) for the private terminal', () => {
    const shared = renderDiagnosis(diagnosis());
    expect(shared).not.toContain(PHONE);
    expect(shared).toContain('+213 •••••••67');
    expect(shared).not.toContain(KEY);
    const own = renderDiagnosis(diagnosis(), { audience: 'private' });
    expect(own).toContain(PHONE);
    expect(own).not.toContain(KEY);
  });

  it('renders a diagnosis with no scenario at all', () => {
    const md = renderDiagnosis(diagnosis({ scenarios: [], conclusive: false }));
    expect(md).toContain('**No matching scenario yet**');
  });

  it('never lets a key or an unmasked number through, whatever the evidence says', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), fc.integer({ min: 100_000_000, max: 999_999_999 }), (a, b, n) => {
        const phone = `+44${n}`;
        const md = renderDiagnosis(diagnosis({ notes: [`${a} ${KEY} ${b}`, `${a} call ${phone} ${b}`] }));
        return !md.includes(KEY) && !md.includes(phone);
      }),
      { numRuns: 200 },
    );
  });
});

describe('renderValidation and renderKeyCheck', () => {
  it('lists errors first with their fixes, and shows the corrected payload only when something was fixed', () => {
    const v = ValidatePayloadOutput.parse({
      valid: false,
      dialect: 'guide',
      input_kind: 'json',
      findings: [
        { code: 'to_duplicate', severity: 'warning', path: 'to[1]', message: 'Duplicate | recipient', fix: 'Remove it.' },
        { code: 'channel_case', severity: 'error', path: 'channel', message: 'Channel must be lowercase.', fix: 'Use "whatsapp".', auto_fixed: true },
      ],
      corrected: { to: [PHONE], channel: 'whatsapp' },
    });
    const md = renderValidation(v);
    expect(md).toMatch(/^## Payload check\n\n\*\*Not valid:\*\* 1 error, 1 warning\./);
    expect(md.indexOf('channel_case') === -1).toBe(true);
    expect(md.indexOf('**error** `channel`')).toBeLessThan(md.indexOf('**warning** `to[1]`'));
    expect(md).toContain('_(done in the corrected payload)_');
    // Shared: the guide's placeholder number, which can be copied, rather than a masked one.
    expect(md).toContain('### Corrected payload\n\n```json\n{\n  "to": [\n    "+1234567890"');
    const clean = renderValidation({ ...v, valid: true, findings: [] });
    expect(clean).not.toContain('Corrected payload');
    expect(clean).toMatch(/\*\*Valid\*\*\./);
  });

  it('shows a key by fingerprint and the verdict of Sent', () => {
    const k = CheckApiKeyOutput.parse({
      fingerprint: 'sk_live_…Aa8',
      source: 'input',
      format: { ok: false, kind: 'sk_live', problems: ['bearer_prefix'] },
      live: { valid: false, checked: true, code: 'AUTH_002', message: `Sent does not recognise ${KEY}.` },
      notes: [],
    });
    const md = renderKeyCheck(k);
    expect(md).toMatch(/^## API key sk_live_…Aa8/);
    expect(md).toContain('**rejected by Sent** · AUTH_002');
    expect(md).toContain('bearer_prefix');
    expect(md).not.toContain(KEY);
  });
});

describe('errors and dispatch', () => {
  it('every registry tool has a renderer; an unknown one falls back to JSON', () => {
    for (const t of TOOLS) expect(hasRenderer(t.name), t.name).toBe(true);
    expect(renderToolOutput('future_tool', { a: KEY })).toMatch(/^## future_tool\n\n```json\n\{\n  "a": "\[key sk_live_…6Aa8\]"/);
  });

  it('a Sent error shows its code, status and request id, and the hint', () => {
    const e = new SentApiError('Sent rejected the request.', { status: 404, code: 'RESOURCE_003', requestId: 'req_123', hint: 'Check the ID.', detail: `raw body with ${KEY}` });
    const md = renderToolError('lookup_message', e);
    expect(md).toContain('**lookup_message failed (sent):** Sent rejected the request.');
    expect(md).toContain('Sent error `RESOURCE_003` (HTTP 404) · request id `req_123`');
    expect(md).toContain('**What to do:** Check the ID.');
    expect(md).not.toContain('raw body');
  });

  it('an input error without a hint, and an unexpected error stays generic', () => {
    expect(renderToolError('diagnose', new InputError(`bad ${KEY}`))).toBe('**diagnose failed (input):** bad [key sk_live_…6Aa8]');
    expect(renderToolError('diagnose', undefined)).toMatch(/internal error/);
  });
});

describe('Markdown helpers', () => {
  it('cells cannot break a table row', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
    expect(cell(null)).toBe('—');
  });
  it('a fence is always longer than any backtick run inside', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const f = fenced(s);
        const fence = /^`+/.exec(f)![0];
        return !s.split('\n').some((line) => line.trim().startsWith(fence)) && f.endsWith(`\n${fence}`);
      }),
    );
  });
});

describe('labelled blocks', () => {
  it('puts a list-shaped verify or escalate text under its label, not glued to it', () => {
    const d = diagnosis();
    d.scenarios[0]!.escalate = '- If the error is 131049, see whatsapp-131049.\n- Otherwise contact support.';
    const md = renderDiagnosis(d);
    expect(md).toContain('**Escalate when:**\n\n- If the error is 131049');
    expect(md).toContain('**Verify:** New messages reach DELIVERED.');
  });
});
