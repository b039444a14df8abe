import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callTool } from '../../tools/define.js';
import { validatePayload, ValidatePayloadOutput } from '../../tools/validate-payload.js';
import { PAYLOAD_CODE_LIST, PAYLOAD_CODES, type PayloadCode } from '../../tools/domain/payload-codes.js';
import { MAX_PAYLOAD_BYTES } from '../../tools/domain/payload-parse.js';
import { createSentClient } from '../../src/sent/client.js';
import { makeTestContext, withSent, type TestContext } from '../helpers/context.js';
import { renderValidation } from '../../src/render/markdown.js';
import { maskPhonesInText } from '../../tools/domain/redact.js';

/** Keys used in this file: asserted never to appear in any output. */
const FIXTURE_KEY = 'sk_live_F1xtureKeyDoNotUse00000001';
const BODY_KEY = 'sk_live_BodyKeyBodyKeyBodyKey0001';
const SERVER_KEY = 'sk_test_TemplateServerKey00000001';

const FIXTURES = join(import.meta.dirname, '../fixtures/payloads');
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel), 'utf8');

async function validate(payload: unknown, ctx: TestContext = makeTestContext(), template_variables?: string[] | number) {
  const r = await callTool(validatePayload, { payload, ...(template_variables !== undefined ? { template_variables } : {}) }, ctx);
  expect(ValidatePayloadOutput.safeParse(r).success).toBe(true);
  expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
  return r;
}

const codes = (r: { findings: Array<{ code: string }> }) => r.findings.map((f) => f.code);

const base = { to: ['+14155551234'], template: { id: 'tmpl_abc123' }, channel: 'whatsapp' };

/** One input per finding code (curl header codes included). */
const CASES: Array<[PayloadCode, unknown, { template_variables?: string[] | number; severity?: string }?]> = [
  ['invalid_json', '{"to": ["+14155551234"], "template": {"id": "tmpl_abc123"},, }'],
  ['not_an_object', '[{"to": ["+14155551234"]}]'],
  ['to_missing', { template: { id: 'tmpl_abc123' }, channel: 'whatsapp' }],
  ['to_not_array', { ...base, to: '+14155551234' }],
  ['to_empty', { ...base, to: [] }],
  ['to_not_e164', { ...base, to: ['4155551234'] }],
  ['to_not_valid_number', { ...base, to: ['+1234567890'] }],
  ['to_duplicate', { ...base, to: ['+14155551234', '+1 415 555 1234'] }],
  ['content_missing', { to: ['+14155551234'], channel: 'sms' }],
  ['template_and_text', { ...base, text: 'Hello' }],
  ['template_flat_string', { ...base, template: 'tmpl_abc123' }],
  ['template_missing_id_or_name', { ...base, template: { parameters: { a: '1' } } }],
  ['template_parameters_not_object', { ...base, template: { id: 'tmpl_abc123', parameters: ['Ana', '12345'] } }],
  ['template_parameter_count_mismatch', { ...base, template: { id: 'tmpl_abc123', parameters: { name: 'Ana' } } }, { template_variables: 2 }],
  ['channel_case', { ...base, channel: 'WhatsApp' }],
  ['channel_unknown', { ...base, channel: 'wa' }],
  ['channel_wrong_type', { ...base, channel: 1 }],
  ['channel_list_broadcast', { ...base, channel: ['whatsapp', 'sms'] }],
  ['fallback_invalid', { ...base, fallback: 'email' }],
  ['fallback_same_as_channel', { ...base, fallback: 'whatsapp' }],
  ['fallback_model', { ...base, channel: ['whatsapp'], fallback: 'sms' }],
  ['sender_profile_id_format', { ...base, channel: 'sms', sender_profile_id: 'profile-1' }],
  ['sender_profile_missing', { ...base, channel: 'sms' }],
  ['sandbox_not_boolean', { ...base, sandbox: 'true' }],
  ['unknown_field', { ...base, senderProfileId: 'sp_abc' }],
  ['api_key_placeholder', `curl https://api.sent.dm/v3/messages -H "x-api-key: YOUR_API_KEY_HERE" -H "Content-Type: application/json" -d '${JSON.stringify(base)}'`],
  ['auth_bearer', `curl https://api.sent.dm/v3/messages -H "Authorization: Bearer ${FIXTURE_KEY}" -H "Content-Type: application/json" -d '${JSON.stringify(base)}'`],
  ['api_key_header_missing', `curl https://api.sent.dm/v3/messages -H "Content-Type: application/json" -d '${JSON.stringify(base)}'`],
  ['api_key_header_format', `curl https://api.sent.dm/v3/messages -H "x-api-key: Bearer ${FIXTURE_KEY}" -H "Content-Type: application/json" -d '${JSON.stringify(base)}'`],
  ['x_sender_id_legacy', `curl https://api.sent.dm/v3/messages -H "x-api-key: YOUR_KEY" -H "x-sender-id: 6ba7b810-9dad-11d1-80b4-00c04fd430c8" -H "Content-Type: application/json" -d '${JSON.stringify(base)}'`],
  ['content_type_not_json', `curl https://api.sent.dm/v3/messages -H "x-api-key: YOUR_KEY" -d '${JSON.stringify(base)}'`],
  ['endpoint_not_v3_messages', `curl https://api.sent.dm/v2/messages -H "x-api-key: YOUR_KEY" --json '${JSON.stringify(base)}'`],
];

const SENT_FREE: PayloadCode[] = ['template_lookup_failed']; // needs a Sent that fails: tested below

describe('validate_payload: every finding code', () => {
  it('the table covers every code', () => {
    const covered = new Set([...CASES.map((c) => c[0]), ...SENT_FREE]);
    expect([...PAYLOAD_CODE_LIST].filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(CASES)('%s', async (code, payload, opts) => {
    const r = await validate(payload, makeTestContext(), opts?.template_variables);
    const f = r.findings.find((x) => x.code === code);
    expect(f, `${code} in ${JSON.stringify(codes(r))}`).toBeDefined();
    if (PAYLOAD_CODES[code] === 'error' && f!.severity === 'error') expect(r.valid).toBe(false);
    expect(f!.message.length).toBeGreaterThan(20);
    expect(f!.fix.length).toBeGreaterThan(10);
    expect(JSON.stringify(r)).not.toContain(FIXTURE_KEY);
  });

  it('messages name the field and the value', async () => {
    const r = await validate({ ...base, channel: 'WHATSAPP', to: ['+1 415 555 1234'] });
    const ch = r.findings.find((f) => f.code === 'channel_case')!;
    expect(ch.path).toBe('channel');
    expect(ch.message).toContain('"WHATSAPP"');
    expect(ch.fix).toContain('"whatsapp"');
    const to = r.findings.find((f) => f.code === 'to_not_e164')!;
    expect(to.path).toBe('to[0]');
    expect(to.message).toContain('"+1 415 555 1234"');
    expect(to.fix).toContain('"+14155551234"');
  });

  it('severities follow the guide: flat template, uppercase channel and missing to are errors', async () => {
    const r = await validate({ template: 'tmpl_abc123', channel: 'WhatsApp' });
    const sev = Object.fromEntries(r.findings.map((f) => [f.code, f.severity]));
    expect(sev).toMatchObject({ template_flat_string: 'error', channel_case: 'error', to_missing: 'error' });
  });

  it('extra parameters are a warning (the SDK ignores unknown keys), missing ones an error', async () => {
    const extra = await validate({ ...base, template: { id: 'tmpl_abc123', parameters: { a: '1', b: '2', c: '3' } } }, makeTestContext(), 2);
    expect(extra.findings.find((f) => f.code === 'template_parameter_count_mismatch')!.severity).toBe('warning');
    expect(extra.valid).toBe(true);
    const named = await validate({ ...base, template: { id: 'tmpl_abc123', parameters: { name: 'Ana' } } }, makeTestContext(), ['name', 'order_id']);
    const f = named.findings.find((x) => x.code === 'template_parameter_count_mismatch')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('"order_id"');
    // The reserved header_image key is not a variable.
    const img = await validate({ ...base, template: { id: 'tmpl_abc123', parameters: { name: 'Ana', header_image: 'https://x.example/a.png' } } }, makeTestContext(), 1);
    expect(codes(img)).not.toContain('template_parameter_count_mismatch');
  });

  it('"mms" in channel is a warning, not an error (undocumented, not known to fail)', async () => {
    const r = await validate({ ...base, channel: ['mms'], media_urls: ['https://x.example/a.png'] });
    expect(r.findings.find((f) => f.code === 'channel_unknown')!.severity).toBe('warning');
    expect(r.valid).toBe(true);
  });

  it('caps findings of one code (10,000 bad numbers stay readable)', async () => {
    const r = await validate({ ...base, to: Array.from({ length: 10_000 }, (_, i) => String(4155550000 + i)) });
    const e164 = r.findings.filter((f) => f.code === 'to_not_e164');
    expect(e164.length).toBe(21);
    expect(e164.at(-1)!.message).toMatch(/and 9980 more/);
  });
});

describe('validate_payload: valid payloads of both dialects', () => {
  // Findings a valid payload may still carry: information, and the guide's placeholder number.
  const allowed: Record<string, string[]> = {
    'guide-template-id.json': ['to_not_valid_number'],
    'guide-template-name.json': ['to_not_valid_number'],
    'guide-sms-sender-profile.json': ['to_not_valid_number'],
    'guide-sandbox.json': ['to_not_valid_number', 'sender_profile_missing'],
    'guide-whatsapp-fallback-sms.json': [],
    'sdk-channel-sent.json': [],
    'sdk-whatsapp-and-sms.json': ['channel_list_broadcast', 'sender_profile_missing'],
    'sdk-text.json': [],
    'sdk-later-fields.json': [],
  };
  const files = readdirSync(join(FIXTURES, 'valid'));

  it('every fixture is listed', () => {
    expect(files.sort()).toEqual(Object.keys(allowed).sort());
  });

  it.each(files)('%s', async (file) => {
    const text = fixture(`valid/${file}`);
    for (const input of [text, JSON.parse(text)]) {
      const r = await validate(input);
      expect(r.valid).toBe(true);
      expect(codes(r).filter((c) => !allowed[file]!.includes(c))).toEqual([]);
      expect(r.dialect).toBe(file.startsWith('guide') ? 'guide' : 'sdk');
      expect(r.corrected).toEqual(JSON.parse(text));
    }
  });

  it('the placeholder number of the guide is only a warning, and a real number raises nothing', async () => {
    const r = await validate(JSON.parse(fixture('valid/guide-template-id.json')));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['to_not_valid_number', 'warning']]);
    const real = await validate({ ...JSON.parse(fixture('valid/guide-template-id.json')), to: ['+14155551234'] });
    expect(real.findings).toEqual([]);
  });

  it('a mixed payload (guide channel string + SDK text) is "mixed", and still valid', async () => {
    const r = await validate({ to: ['+14155551234'], text: 'Hi', channel: 'sms', sender_profile_id: 'sp_1' });
    expect(r.dialect).toBe('mixed');
    expect(r.valid).toBe(true);
  });
});

describe('validate_payload: corrected payloads', () => {
  const FIXABLE: unknown[] = [
    { to: '+14155551234', template: 'tmpl_abc123', channel: 'WhatsApp' },
    { to: ['+1 (415) 555-1234', '+14155551234'], template: 'order_confirmation', channel: ['WHATSAPP', 'wa'], sandbox: 'true' },
    { phoneNumber: '+14155551234', templateId: 'tmpl_abc123', templateVariables: { name: 'Ana' }, test_mode: 1, Channel: 'SMS', sender_profile_id: ' sp_1 ' },
    { to: ['+14155551234'], template: { templateId: 'tmpl_abc123', variables: [{ name: 'code', value: '123456' }] }, channel: 'whatsapp', fallback: 'SMS' },
    { to: ['+14155551234'], template: { id: 'tmpl_abc123', parameters: '{"code": "1"}' }, channels: ['sent'], senderProfileId: 'sp_1' },
    { to: ['+14155551234'], text: 'hi', channel: ['sms'], channels: { SMS: { from: '+12125550000' } } },
    { to: ['+14155551234'], template: { id: 123 }, sandbox: 'no', api_key: BODY_KEY },
    JSON.stringify(JSON.stringify(base)),
  ];

  it.each(FIXABLE.map((p, i) => [i, p] as const))('case %i re-validates with no errors', async (_i, payload) => {
    const r = await validate(payload);
    expect(r.valid).toBe(false);
    expect(r.corrected).not.toBeNull();
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.every((f) => f.auto_fixed), JSON.stringify(errors)).toBe(true);
    const again = await validate(r.corrected);
    expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // A fixpoint: the corrected payload needs no more correction.
    expect(again.corrected).toEqual(r.corrected);
    expect(JSON.stringify(r)).not.toContain(BODY_KEY);
  });

  it('maps the v2 names onto the v3 body', async () => {
    const r = await validate({ phoneNumber: '+14155551234', templateId: 'tmpl_abc123', templateVariables: { name: 'Ana' }, test_mode: true });
    expect(r.corrected).toEqual({ to: ['+14155551234'], template: { id: 'tmpl_abc123', parameters: { name: 'Ana' } }, sandbox: true });
    expect(r.findings.filter((f) => f.code === 'unknown_field').map((f) => f.path)).toEqual(['phoneNumber', 'templateId', 'templateVariables', 'test_mode']);
  });

  it('a flat name becomes {name}, a flat ID becomes {id}', async () => {
    expect((await validate({ ...base, template: 'order_confirmation' })).corrected!.template).toEqual({ name: 'order_confirmation' });
    expect((await validate({ ...base, template: '7ba7b820-9dad-11d1-80b4-00c04fd430c8' })).corrected!.template).toEqual({
      id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8',
    });
  });

  it('what needs guessing is reported, not changed, and shows up after renames', async () => {
    const r = await validate({ phoneNumber: '4155551234', template: { id: 'tmpl_abc123' } });
    expect(r.corrected!.to).toEqual(['4155551234']);
    const after = r.findings.find((f) => f.code === 'to_not_e164')!;
    expect(after.auto_fixed).toBe(false);
    expect(after.message).toMatch(/^After the automatic fixes: to\[0\]/);
    expect(r.valid).toBe(false);
  });

  it('positional parameters are mapped only when the variable names are known', async () => {
    const p = { ...base, template: { id: 'tmpl_abc123', parameters: ['Ana', '12345'] } };
    const named = await validate(p, makeTestContext(), ['name', 'order_id']);
    expect(named.corrected!.template).toEqual({ id: 'tmpl_abc123', parameters: { name: 'Ana', order_id: '12345' } });
    const unnamed = await validate(p);
    expect(unnamed.corrected!.template).toEqual(p.template);
  });

  it('keys named __proto__ stay data', async () => {
    const r = await validate('{"to": ["+14155551234"], "text": "x", "__proto__": {"polluted": true}}');
    expect(r.findings.find((f) => f.code === 'unknown_field')!.path).toBe('__proto__');
    expect(Object.getPrototypeOf(r.corrected)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validate_payload: curl commands and log lines', () => {
  it("the guide's curl example is valid; its header placeholder is flagged as a warning (replace it before sending)", async () => {
    const r = await validate(fixture('curl/guide-sender-profile.txt'));
    expect(r.input_kind).toBe('curl');
    expect(r.valid).toBe(true);
    expect(codes(r)).toEqual(['api_key_placeholder', 'to_not_valid_number']);
    expect(r.findings[0]!.severity).toBe('warning');
    expect(r.corrected).toEqual({ to: ['+1234567890'], template: { id: 'tmpl_xxx' }, channel: 'sms', sender_profile_id: 'sp_xxx' });
  });

  it('a Windows cmd curl with ^ continuations and \\" quotes', async () => {
    const r = await validate(fixture('curl/windows-cmd.txt'));
    expect(r.input_kind).toBe('curl');
    expect(codes(r)).toEqual(['channel_case']);
    expect(r.corrected!.channel).toBe('whatsapp');
  });

  it('a v2 curl with Bearer, x-sender-id and a pipe: every problem, and the key never echoed', async () => {
    const r = await validate(fixture('curl/v2-bearer.txt'));
    expect(codes(r)).toEqual(
      expect.arrayContaining(['auth_bearer', 'x_sender_id_legacy', 'content_type_not_json', 'endpoint_not_v3_messages', 'to_missing', 'content_missing', 'unknown_field']),
    );
    expect(r.findings.find((f) => f.code === 'auth_bearer')!.severity).toBe('error'); // Bearer only: the request fails with 401
    expect(r.corrected).toEqual({ to: ['+14155551234'], template: { id: 'tmpl_abc123', parameters: { name: 'Ana' } } });
    const out = JSON.stringify(r);
    expect(out).not.toContain(FIXTURE_KEY);
    expect(out).not.toContain(FIXTURE_KEY.slice(8, 24));
  });

  it("ANSI-C $'…' quoting, --data-binary, and attached -d", async () => {
    const a = await validate(`curl https://api.sent.dm/v3/messages -H 'x-api-key: YOUR_KEY' -H 'content-type: application/json' --data-binary $'{"to": ["+14155551234"],\\n "text": "it\\'s here"}'`);
    expect(a.corrected).toEqual({ to: ['+14155551234'], text: "it's here" });
    const b = await validate(`curl -H 'x-api-key: $SENT_DM_API_KEY' -H 'Content-Type: application/json' -d'{"to":["+14155551234"],"text":"x"}' https://api.sent.dm/v3/messages`);
    expect(b.valid).toBe(true);
    expect(b.findings).toEqual([]);
  });

  it('typographic quotes from chat tools still split like quotes', async () => {
    const r = await validate(`curl https://api.sent.dm/v3/messages -H “x-api-key: YOUR_KEY” -H “Content-Type: application/json” -d ‘{"to": ["+14155551234"], "text": "hi"}’`);
    expect(r.corrected).toEqual({ to: ['+14155551234'], text: 'hi' });
  });

  it('-d @file and a missing body are explained', async () => {
    const f = await validate('curl -X POST https://api.sent.dm/v3/messages -H "x-api-key: YOUR_KEY" -d @payload.json');
    expect(f.findings[0]!.code).toBe('invalid_json');
    expect(f.findings[0]!.message).toContain('payload.json');
    const none = await validate('curl https://api.sent.dm/v3/me -H "x-api-key: YOUR_KEY"');
    expect(none.findings[0]!.message).toMatch(/no body/);
    expect(none.corrected).toBeNull();
  });

  it('a log line with the payload inside', async () => {
    const r = await validate(`2026-08-20T10:00:00Z INFO [sender] POST /v3/messages body={"to":["+14155551234"],"template":"tmpl_abc123","channel":"whatsapp"} status=202`);
    expect(r.input_kind).toBe('text');
    expect(codes(r)).toEqual(['template_flat_string']);
  });

  it('text without JSON, and broken JSON, say where', async () => {
    const none = await validate('my messages are not delivered, help');
    expect(none.findings[0]!.message).toMatch(/No JSON object/);
    const broken = await validate('{\n  "to": ["+14155551234"],\n  \'text\': "x"\n}');
    expect(broken.findings[0]!.message).toMatch(/line 3, column 3/);
    expect(broken.findings[0]!.fix).toMatch(/double quotes/);
    const smart = await validate('{“to”: [“+14155551234”]}');
    expect(smart.findings[0]!.fix).toMatch(/typographic quotes/);
  });
});

describe('validate_payload: robustness', () => {
  it('input over the size cap is one clear error that states the limit', async () => {
    const big = JSON.stringify({ ...base, text: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    const r = await validate(big);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.code).toBe('invalid_json');
    expect(r.findings[0]!.message).toMatch(/the limit is 256 KB/);
    const obj = await validate({ ...base, text: 'x'.repeat(MAX_PAYLOAD_BYTES) });
    expect(obj.findings[0]!.message).toMatch(/the limit is 256 KB/);
  });

  it('10,000 levels of nesting, as text and as an object', async () => {
    const r = await validate('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect(r.findings[0]!.message).toMatch(/nested more than 64 levels/);
    let deep: Record<string, unknown> = { to: ['+14155551234'], text: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const o = await validate(deep);
    expect(o.findings[0]!.code).toBe('invalid_json');
  });

  it('a circular object and a BigInt do not throw', async () => {
    const cyc: Record<string, unknown> = { ...base };
    cyc.self = cyc;
    expect((await validatePayload.run({ payload: cyc }, makeTestContext())).findings[0]!.code).toBe('invalid_json');
    const big = await validatePayload.run({ payload: { ...base, n: 10n } as never }, makeTestContext());
    expect(big.findings[0]!.message).toMatch(/BigInt/);
  });

  it('control characters, RTL marks and lone surrogates are shown escaped', async () => {
    const r = await validate({ ...base, channel: 'what\u202Esapp\u0007', to: ['+1415\uD800'] });
    const ch = r.findings.find((f) => f.path === 'channel')!;
    expect(ch.message).toContain('\\u202e');
    expect(ch.message).toContain('\\u0007');
    expect(ch.message).not.toMatch(/[\u202E\u0007]/);
    const to = r.findings.find((f) => f.path === 'to[0]')!;
    expect(to.message).toContain('\\ud800');
  });

  it('arrays, numbers, null and undefined are not objects', async () => {
    for (const p of [[], 42, null, true, '"just a string"', '42']) expect(codes(await validate(p))).toEqual(['not_an_object']);
    expect(codes(await validatePayload.run({ payload: undefined as never }, makeTestContext()))).toEqual(['not_an_object']);
  });
});

describe('validate_payload: template variables from Sent', () => {
  let server: Server | undefined;
  const requests: string[] = [];
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
    requests.length = 0;
  });

  /** A tiny Sent on 127.0.0.1: GET /v3/templates/{id} in the v3 envelope. */
  async function tinySent(): Promise<string> {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} ${req.headers['x-api-key'] === SERVER_KEY ? 'key-ok' : 'key-bad'}`);
      const meta = { request_id: 'req_t1', timestamp: '2026-08-20T10:00:00Z', version: 'v3' };
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v3/templates/tmpl_order') {
        res.end(JSON.stringify({ success: true, data: { id: 'tmpl_order', name: 'order_confirmation', status: 'APPROVED', variables: ['name', { name: 'order_id' }] }, error: null, meta }));
        return;
      }
      if (req.url === '/v3/templates/tmpl_nolist') {
        res.end(JSON.stringify({ success: true, data: { id: 'tmpl_nolist', name: 'x' }, error: null, meta }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ success: false, data: null, error: { code: 'RESOURCE_002', message: 'Template not found', details: null, doc_url: null }, meta }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  function ctxFor(url: string) {
    const ctx = makeTestContext();
    const client = createSentClient({ apiKey: SERVER_KEY, baseUrl: url, timeoutMs: 2_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: ctx.logger });
    return withSent(ctx, client);
  }

  it('counts template.parameters against the fetched template', async () => {
    const ctx = ctxFor(await tinySent());
    const r = await validate({ ...base, template: { id: 'tmpl_order', parameters: { name: 'Ana' } } }, ctx);
    const f = r.findings.find((x) => x.code === 'template_parameter_count_mismatch')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('"tmpl_order"');
    expect(f.message).toContain('"order_id"');
    expect(requests).toEqual(['GET /v3/templates/tmpl_order key-ok']);
    const ok = await validate({ ...base, template: { id: 'tmpl_order', parameters: { name: 'Ana', order_id: '1' } } }, ctx);
    expect(ok.findings).toEqual([]);
  });

  it('a flat template ID is looked up too, and positional values are mapped onto the fetched names', async () => {
    const ctx = ctxFor(await tinySent());
    const r = await validate({ ...base, template: { id: 'tmpl_order', parameters: ['Ana', '12345'] } }, ctx);
    expect(r.corrected!.template).toEqual({ id: 'tmpl_order', parameters: { name: 'Ana', order_id: '12345' } });
    const flat = await validate({ ...base, template: 'tmpl_order' }, ctx);
    expect(codes(flat)).toEqual(['template_flat_string', 'template_parameter_count_mismatch']);
  });

  it('template_variables given by the caller win over the lookup (no request)', async () => {
    const ctx = ctxFor(await tinySent());
    await validate({ ...base, template: { id: 'tmpl_order', parameters: { a: '1' } } }, ctx, 1);
    expect(requests).toEqual([]);
  });

  it('an unknown template is an info finding, not an error of the payload', async () => {
    const ctx = ctxFor(await tinySent());
    const r = await validate({ ...base, template: { id: 'tmpl_missing' } }, ctx);
    expect(r.valid).toBe(true);
    const f = r.findings.find((x) => x.code === 'template_lookup_failed')!;
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/RESOURCE_002/);
    const nolist = await validate({ ...base, template: { id: 'tmpl_nolist' } }, ctx);
    expect(nolist.findings).toEqual([]);
  });

  it('an unreachable Sent is an info finding and never throws', async () => {
    const url = await tinySent();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const ctx = ctxFor(url);
    const r = await validate({ ...base, template: { id: 'tmpl_order', parameters: {} } }, ctx);
    expect(r.valid).toBe(true);
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['template_lookup_failed', 'info']]);
    expect(ctx.logLines.join('\n')).not.toContain(SERVER_KEY);
  });

  it('IDs that could escape the path are never fetched', async () => {
    const ctx = ctxFor(await tinySent());
    await validate({ ...base, template: { id: '../me' } }, ctx);
    await validate({ ...base, template: { id: 'a/b' } }, ctx);
    expect(requests).toEqual([]);
  });
});

describe('copyable output (issue: evidence first, item 7)', () => {
  const ctx = makeTestContext();
  it('a curl that authenticates only with Authorization: Bearer is an error, with a corrected curl using x-api-key', async () => {
    const r = await validatePayload.run({ payload: `curl -X POST https://api.sent.dm/v3/messages -H "Authorization: Bearer ${FIXTURE_KEY}" -H "Content-Type: application/json" -d '{"to":["+14155550123"],"template":{"id":"tmpl_1"},"channel":"sms"}'` }, ctx);
    expect(r.valid).toBe(false);
    expect(r.findings.find((f) => f.code === 'auth_bearer')?.severity).toBe('error');
    expect(r.corrected_curl).toContain('-H "x-api-key: $SENT_DM_API_KEY"');
    expect(r.corrected_curl).not.toContain('Bearer');
    expect(r.corrected_curl).not.toContain(FIXTURE_KEY);
  });

  it('a placeholder key in a header is flagged', async () => {
    const r = await validatePayload.run({ payload: `curl -H "x-api-key: YOUR_API_KEY_HERE" -d '{"to":["+1234567890"],"template":{"id":"tmpl_abc123"},"channel":"whatsapp"}' https://api.sent.dm/v3/messages` }, ctx);
    expect(r.findings.map((f) => f.code)).toContain('api_key_placeholder');
  });

  it("the guide's example number stays as it is; a shared rendering shows the placeholder, not a masked number", async () => {
    const r = await validatePayload.run({ payload: '{"to":["+447700900123"],"template":"tmpl_abc123","channel":"WhatsApp"}' }, ctx);
    const shared = renderValidation(r);
    const payload = shared.slice(shared.indexOf('### Corrected payload'));
    expect(payload).toContain('"+1234567890"');
    expect(payload).not.toContain('•');
    expect(renderValidation(r, { audience: 'private' })).toContain('+447700900123');
    expect(maskPhonesInText('send to +1234567890 or +447700900123')).toBe('send to +1234567890 or +44 ••••••••23');
  });
});

describe('red-team defect 1: findings are capped in linear time', () => {
  it('40,000 bad recipients (160 KB) give the first few findings and one "…and N more" line, in under 2 s', async () => {
    const to = Array.from({ length: 40_000 }, (_, i) => `${i % 10}`);
    const t0 = performance.now();
    const r = await validatePayload.run({ payload: JSON.stringify({ to, text: 'hi' }) }, makeTestContext());
    expect(performance.now() - t0).toBeLessThan(2_000);
    const more = r.findings.find((f) => f.message.startsWith('…and '));
    expect(more?.message).toMatch(/…and \d+ more with the same problem \(to_not_e164\)/);
    expect(r.findings.length).toBeLessThan(60);
  });
});
