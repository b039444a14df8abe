import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callTool } from '../../tools/define.js';
import { checkApiKey, CheckApiKeyOutput } from '../../tools/check-api-key.js';
import { checkKeyFormat, KEY_PROBLEMS, type KeyProblem } from '../../tools/domain/key-format.js';
import type { SentApi } from '../../tools/context.js';
import { createSentClient, type SentClient } from '../../src/sent/client.js';
import { makeTestContext, type TestContext } from '../helpers/context.js';

/** Every key used in this file: asserted never to appear in outputs or logs. */
const KEYS = {
  good: 'sk_live_GoodKeyGoodKeyGoodKey0001',
  goodUuid: '3f2c9a7e-1b4d-4e8f-a6c2-9d0e1f2a3b4c',
  test: 'sk_test_TestKeyTestKeyTestKey0001',
  revoked: 'sk_live_RevokedRevokedRevoked0001',
  kyc: 'sk_live_KycPendingKycPending00001',
  noChannel: 'sk_live_NoChannelNoChannel000001',
  odd: 'acme-prod-0123456789abcdef',
};
const ALL_KEYS = Object.values(KEYS);

const meta = { request_id: 'req_k1', timestamp: '2026-08-20T10:00:00Z', version: 'v3' };
const fail = (code: string, message: string) => ({ success: false, data: null, error: { code, message, details: null, doc_url: `https://docs.sent.dm/errors/${code}` }, meta });

let server: Server | undefined;
let requests: string[] = [];
const clients: SentClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  requests = [];
});

/** A tiny Sent on 127.0.0.1 answering GET /v3/me by key: 200, 401 AUTH_002, 403 AUTH_006 / AUTH_007. */
async function tinySent(): Promise<string> {
  server = createServer((req, res) => {
    const key = String(req.headers['x-api-key'] ?? '');
    requests.push(`${req.method} ${req.url} ${ALL_KEYS.indexOf(key)}`);
    res.setHeader('content-type', 'application/json');
    if (req.url !== '/v3/me') {
      res.statusCode = 404;
      return res.end(JSON.stringify(fail('RESOURCE_004', 'Not found')));
    }
    if (key === KEYS.good || key === KEYS.goodUuid || key === KEYS.test || key === KEYS.odd)
      return res.end(
        JSON.stringify({
          success: true,
          data: {
            id: '7ba7b820-9dad-11d1-80b4-00c04fd430c8',
            type: 'organization',
            name: 'Acme Ltd',
            status: 'approved',
            channels: { sms: { configured: true, phone_number: '+12125550000' }, whatsapp: { configured: true, business_name: 'Acme' }, rcs: { configured: false } },
          },
          error: null,
          meta,
        }),
      );
    if (key === KEYS.kyc) {
      res.statusCode = 403;
      return res.end(JSON.stringify(fail('AUTH_006', 'KYC not complete')));
    }
    if (key === KEYS.noChannel) {
      res.statusCode = 403;
      return res.end(JSON.stringify(fail('AUTH_007', 'No channel configured')));
    }
    res.statusCode = 401;
    res.end(JSON.stringify(fail('AUTH_002', 'Invalid or missing API key')));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function clientFor(ctx: TestContext, url: string, apiKey: string): SentClient {
  const c = createSentClient({ apiKey, baseUrl: url, timeoutMs: 2_000, connectTimeoutMs: 1_000, maxRetries: 0, logger: ctx.logger });
  clients.push(c);
  return c;
}

function online(url: string, configured?: string): TestContext {
  const ctx = makeTestContext();
  ctx.sentForKey = (k) => clientFor(ctx, url, k);
  if (configured) ctx.sent = clientFor(ctx, url, configured);
  return ctx;
}

async function check(ctx: TestContext, api_key?: string) {
  const r = await callTool(checkApiKey, api_key === undefined ? {} : { api_key }, ctx);
  expect(CheckApiKeyOutput.safeParse(r).success).toBe(true);
  const out = JSON.stringify(r) + ctx.logLines.join('\n');
  for (const k of ALL_KEYS) expect(out).not.toContain(k);
  if (api_key && api_key.trim().length >= 12) expect(out).not.toContain(api_key.trim());
  return r;
}

describe('check_api_key: offline format problems', () => {
  const K = KEYS.good;
  const CASES: Array<[KeyProblem, string]> = [
    ['empty', ''],
    ['whitespace', `${K}\n`],
    ['whitespace', ` ${K}`],
    ['whitespace', `${K.slice(0, 12)} ${K.slice(12)}`],
    ['whitespace', `${K}\u200b`],
    ['quoted', `"${K}"`],
    ['quoted', `'${K}'`],
    ['quoted', `“${K}”`],
    ['bearer_prefix', `Bearer ${K}`],
    ['header_included', `x-api-key: ${K}`],
    ['header_included', `SENT_DM_API_KEY=${K}`],
    ['placeholder', 'YOUR_KEY'],
    ['placeholder', 'YOUR_API_KEY_HERE'],
    ['placeholder', 'xxx'],
    ['placeholder', '<key>'],
    ['placeholder', '$SENT_DM_API_KEY'],
    ['placeholder', 'sk_live_xxxxxxxx'],
    ['placeholder', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'],
    ['unexpected_format', KEYS.odd],
  ];

  it('the table covers every problem code', () => {
    expect(KEY_PROBLEMS.filter((p) => !CASES.some((c) => c[0] === p))).toEqual([]);
  });

  it.each(CASES.map(([p, k], i) => [`${p} #${i}`, p, k] as const))('%s', async (_name, problem, key) => {
    expect(checkKeyFormat(key).problems).toContain(problem);
    const r = await check(makeTestContext(), key);
    expect(r.format.problems).toContain(problem);
    expect(r.format.ok).toBe(false);
    expect(r.notes.length).toBeGreaterThan(0);
  });

  it('layers are all reported: a quoted "Bearer …" with a trailing newline', () => {
    expect(checkKeyFormat(`"Bearer ${KEYS.good}"\n`).problems).toEqual(['whitespace', 'quoted', 'bearer_prefix']);
    expect(checkKeyFormat(`x-api-key: "${KEYS.good}"`).problems).toEqual(['quoted', 'header_included']);
  });

  it.each([
    ['sk_live', KEYS.good],
    ['sk_test', KEYS.test],
    ['uuid', KEYS.goodUuid],
  ] as const)('a clean %s key has no problems', async (kind, key) => {
    const f = checkKeyFormat(key);
    expect(f).toMatchObject({ ok: true, problems: [], kind, sendable: true });
    const r = await check(makeTestContext(), key);
    expect(r.format).toEqual({ ok: true, kind, problems: [] });
    expect(r.fingerprint).toBe(kind === 'uuid' ? '…3b4c' : `${kind}_…0001`);
  });

  it('offline (no Sent configured): format only, and it says why', async () => {
    const r = await check(makeTestContext(), KEYS.good);
    expect(r.live).toMatchObject({ valid: null, checked: false, reason: 'offline' });
    expect(r.live.message).toMatch(/offline/);
  });

  it('no key given and none configured', async () => {
    const r = await check(makeTestContext());
    expect(r).toMatchObject({ source: 'none', fingerprint: '(none)', live: { valid: null, reason: 'no_key' } });
  });

  it('a huge input is examined no further', async () => {
    const r = await check(makeTestContext(), 'k'.repeat(100_000));
    expect(r.format.problems).toEqual(['unexpected_format']);
  });
});

describe('check_api_key: online with GET /v3/me', () => {
  it('a valid key: the account, its type and channels', async () => {
    const ctx = online(await tinySent());
    const r = await check(ctx, KEYS.good);
    expect(r.source).toBe('input');
    expect(r.live).toEqual({
      valid: true,
      checked: true,
      message: 'The key is valid: Sent accepts it and it authenticates as organization "Acme Ltd".',
      account: { name: 'Acme Ltd', type: 'organization', channels: ['sms', 'whatsapp'] },
    });
    expect(requests).toEqual(['GET /v3/me 0']);
  });

  it('a UUID key and a key of an unknown format are checked online (both formats are documented)', async () => {
    const ctx = online(await tinySent());
    expect((await check(ctx, KEYS.goodUuid)).live.valid).toBe(true);
    const odd = await check(ctx, KEYS.odd);
    expect(odd.format.problems).toEqual(['unexpected_format']);
    expect(odd.live.valid).toBe(true);
  });

  it('AUTH_002: not valid, with the explanation', async () => {
    const ctx = online(await tinySent());
    const r = await check(ctx, KEYS.revoked);
    expect(r.live).toMatchObject({ valid: false, checked: true, code: 'AUTH_002' });
    expect(r.live.message).toMatch(/regenerated/);
    expect(r.notes.join(' ')).toMatch(/ten consecutive authentication failures/);
  });

  it('AUTH_006 / AUTH_007: the key is valid, the account is not ready', async () => {
    const ctx = online(await tinySent());
    const kyc = await check(ctx, KEYS.kyc);
    expect(kyc.live).toMatchObject({ valid: true, code: 'AUTH_006' });
    expect(kyc.live.message).toMatch(/KYC/);
    const ch = await check(ctx, KEYS.noChannel);
    expect(ch.live).toMatchObject({ valid: true, code: 'AUTH_007' });
    expect(ch.live.message).toMatch(/Dashboard → Channels/);
  });

  it('a key with a problem to fix is never sent', async () => {
    const ctx = online(await tinySent());
    for (const k of [`${KEYS.good}\n`, `"${KEYS.good}"`, `Bearer ${KEYS.good}`, `x-api-key: ${KEYS.good}`, 'YOUR_API_KEY_HERE', '']) {
      const r = await check(ctx, k);
      expect(r.live).toMatchObject({ valid: null, checked: false, reason: 'format' });
    }
    expect(requests).toEqual([]);
  });

  it('the configured key when none is given', async () => {
    const ctx = online(await tinySent(), KEYS.good);
    const r = await check(ctx);
    expect(r).toMatchObject({ source: 'config', fingerprint: 'sk_live_…0001', format: { ok: true, kind: 'sk_live' }, live: { valid: true } });
  });

  it('unreachable: valid is null with the reason', async () => {
    const url = await tinySent();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const r = await check(online(url), KEYS.good);
    expect(r.live).toMatchObject({ valid: null, checked: false, reason: 'unreachable' });
    expect(r.live.message).toMatch(/connection refused/);
  });

  it('a test key against the production URL is noted', async () => {
    const url = await tinySent();
    const ctx = makeTestContext();
    // Same local server; the client only reports the production base URL.
    ctx.sentForKey = (k): SentApi => {
      const c = clientFor(ctx, url, k);
      return { ...c, baseUrl: 'https://api.sent.dm' };
    };
    const r = await check(ctx, KEYS.test);
    expect(r.notes.join(' ')).toMatch(/test key \(sk_test_…\).*production URL https:\/\/api\.sent\.dm/);
    const live = await check(ctx, KEYS.good);
    expect(live.notes.join(' ')).not.toMatch(/test key/);
  });
});
