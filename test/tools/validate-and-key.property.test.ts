/**
 * Property tests: whatever arrives, validate_payload and check_api_key answer with output that
 * matches their schema, never throw, and never echo a key.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callTool } from '../../tools/define.js';
import { validatePayload, ValidatePayloadOutput } from '../../tools/validate-payload.js';
import { checkApiKey, CheckApiKeyOutput } from '../../tools/check-api-key.js';
import { createSentClient, type SentClient } from '../../src/sent/client.js';
import { makeTestContext, type TestContext } from '../helpers/context.js';

const RUNS = { numRuns: 300 };
const ctx = makeTestContext();

async function validateAny(payload: unknown) {
  const r = await validatePayload.run({ payload: payload as never }, ctx);
  const parsed = ValidatePayloadOutput.safeParse(r);
  if (!parsed.success) throw new Error(`output does not match the schema: ${parsed.error.message}`);
  expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
  return r;
}

/** Strings of every kind: printable, full Unicode, lone surrogates, JSON-ish fragments. */
const anyString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.array(fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'curl ', '-d ', "'", '\u202e', '\ud800', '\n', 'to', 'template', '+1'), { maxLength: 60 }).map((a) => a.join('')),
);

/** Payload-shaped objects with arbitrary values in the known fields (and some wrong names). */
const fieldValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('WhatsApp', 'wa', 'SMS', 'tmpl_x', '+1 415 555 1234', 'true'));
const payloadLike = fc.dictionary(
  fc.constantFrom('to', 'template', 'text', 'channel', 'channels', 'fallback', 'sender_profile_id', 'sandbox', 'phoneNumber', 'templateId', 'Channel', 'api_key', '__proto__', 'constructor'),
  fieldValue,
  { maxKeys: 8 },
);
const templateLike = fc.record(
  { id: fieldValue, name: fieldValue, parameters: fc.oneof(fieldValue, fc.array(fc.record({ name: fc.string(), value: fc.string() }))), templateId: fieldValue },
  { requiredKeys: [] },
);

describe('validate_payload never throws and always answers in its schema', () => {
  it('arbitrary strings', async () => {
    await fc.assert(fc.asyncProperty(anyString, async (s) => void (await validateAny(s))), RUNS);
  });

  it('arbitrary JSON values, as values and as JSON text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (v) => {
        await validateAny(v);
        await validateAny(JSON.stringify(v));
      }),
      RUNS,
    );
  });

  it('fc.anything()', async () => {
    await fc.assert(fc.asyncProperty(fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true, withObjectString: true }), async (v) => void (await validateAny(v))), RUNS);
  });

  it('payload-shaped objects: corrected is a fixpoint and fixes never add errors', async () => {
    await fc.assert(
      fc.asyncProperty(payloadLike, templateLike, fc.boolean(), async (p, t, withTemplate) => {
        const payload = withTemplate ? { ...p, template: t } : p;
        const r = await validateAny(payload);
        if (!r.corrected) return;
        const again = await validateAny(r.corrected);
        expect(again.corrected).toEqual(r.corrected);
        // Everything marked fixed is gone from the corrected payload's findings.
        const fixedErrors = r.findings.filter((f) => f.auto_fixed && f.severity === 'error').map((f) => `${f.code}@${f.path}`);
        const left = new Set(again.findings.map((f) => `${f.code}@${f.path}`));
        for (const f of fixedErrors) if (!f.startsWith('to_')) expect(left.has(f), f).toBe(false);
      }),
      RUNS,
    );
  });

  it('curl commands with arbitrary bodies and headers never echo the key', async () => {
    const key = 'sk_live_PropertyKeyPropertyKey0001';
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('Authorization: Bearer ', 'x-api-key: ', 'x-api-key: "', 'X-API-KEY:'), async (body, header) => {
        const r = await validateAny(`curl -X POST https://api.sent.dm/v3/messages -H '${header}${key}' -d '${JSON.stringify(body).replace(/'/g, '')}'`);
        expect(JSON.stringify(r)).not.toContain(key);
      }),
      RUNS,
    );
  });
});

describe('check_api_key never throws, answers in its schema and never echoes the key', () => {
  let server: Server;
  let url: string;
  const clients: SentClient[] = [];
  let keyCtx: TestContext;

  beforeAll(async () => {
    // 127.0.0.1 only: every key is unknown (401 AUTH_002), one is valid.
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      const meta = { request_id: 'req_p', timestamp: '2026-08-20T10:00:00Z', version: 'v3' };
      if (req.headers['x-api-key'] === 'sk_live_ValidValidValidValid0001') {
        res.end(JSON.stringify({ success: true, data: { type: 'organization', name: 'P', channels: {} }, error: null, meta }));
        return;
      }
      res.statusCode = 401;
      res.end(JSON.stringify({ success: false, data: null, error: { code: 'AUTH_002', message: 'Invalid or missing API key', details: null, doc_url: null }, meta }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    keyCtx = makeTestContext();
    keyCtx.sentForKey = (k) => {
      const c = createSentClient({ apiKey: k, baseUrl: url, timeoutMs: 2_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: keyCtx.logger });
      clients.push(c);
      return c;
    };
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await new Promise<void>((r) => server.close(() => r()));
  });

  const keyish = fc.oneof(
    anyString,
    fc
      .tuple(
        fc.constantFrom('', ' ', '"', "'", 'Bearer ', 'x-api-key: ', 'sk_live_', 'sk_test_', 'SENT_DM_API_KEY='),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
        fc.constantFrom('', '\n', '"', ' ', '\r\n', '\u200b'),
      )
      .map(([a, b, c]) => a + b + c),
    fc.uuid(),
  );

  it('arbitrary strings, online and offline', async () => {
    await fc.assert(
      fc.asyncProperty(keyish, fc.boolean(), async (key, withSent) => {
        const c = withSent ? keyCtx : ctx;
        const before = c.logLines.length;
        const r = await callTool(checkApiKey, { api_key: key }, c);
        const parsed = CheckApiKeyOutput.safeParse(r);
        if (!parsed.success) throw new Error(parsed.error.message);
        const out = JSON.stringify(r) + c.logLines.slice(before).join('\n');
        if (key.length >= 12) {
          expect(out).not.toContain(key);
          expect(out).not.toContain(JSON.stringify(key).slice(1, -1));
        }
        const core = key.trim().replace(/^["']|["']$/g, '');
        if (core.length >= 12) expect(out).not.toContain(core);
        expect(r.format.ok).toBe(r.format.problems.length === 0);
      }),
      { numRuns: 400 },
    );
  });
});
