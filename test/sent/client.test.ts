import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSentClient, MAX_RESPONSE_BYTES } from '../../src/sent/client.js';
import { ConfigError, InputError, SentApiError, SentUnreachableError } from '../../tools/errors.js';
import { ALL_SECRETS, TEST_KEY, UUID_KEY, WRONG_KEY, caught, errorTexts, makeClient, rawLogger, startSim } from './helpers.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A bare loopback server for answers the simulator never gives (huge, HTML, redirects). */
async function rawServer(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const s = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler!(req, res);
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits };
}

function noSecrets(...texts: string[]) {
  const all = texts.join('\n');
  for (const k of ALL_SECRETS) expect(all).not.toContain(k);
}

describe('Sent client against the simulator: endpoints', () => {
  it('GET /v3/messages/{id} in both dialects', async () => {
    const { url } = await startSim();
    const { client } = makeClient(url);
    const guide = await client.getMessage('msg_seed_fallback_template');
    expect(guide.message_id).toBe('msg_seed_fallback_template');
    expect(guide.fallback_reason).toBe('template_not_approved');
    expect(guide.channel_attempted).toBe('whatsapp');
    const sdk = await client.getMessage('8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01');
    expect(sdk.id).toBe('8f14e45f-ceea-4e67-a7f4-0c6c5e0f1a01');
    expect(sdk.events?.at(-1)?.description).toContain('131049');
    expect((sdk as Record<string, unknown>).direction).toBe('outbound'); // unknown fields are kept
  });

  it('GET /v3/messages/{id}/activities, most recent first', async () => {
    const { url } = await startSim();
    const { client } = makeClient(url);
    const acts = await client.getActivities('c9f0f895-fb98-4b91-a4c8-2b6f3d1e7a02');
    expect(acts.map((a) => a.status)).toEqual(['DELIVERED', 'SENT', 'ROUTED', 'QUEUED']);
    expect(acts[0]!.from).toBe('72345');
  });

  it('GET /v3/me and GET /v3/templates/{id}', async () => {
    const { url } = await startSim();
    const { client } = makeClient(url);
    const me = await client.getMe();
    expect(me.type).toBe('organization');
    expect(me.channels?.sms?.configured).toBe(true);
    expect(me.channels?.whatsapp?.configured).toBe(true);
    const t = await client.getTemplate('tmpl_order_update');
    expect(t.status).toBe('APPROVED');
    expect(t.variables).toEqual(['name', 'order_id', 'eta']);
    expect((await client.getTemplate('tmpl_promo_pending')).status).toBe('PENDING');
  });

  it('sendSandbox forces sandbox: true and the message is then queryable with its variables', async () => {
    const { url, sim } = await startSim();
    const { client } = makeClient(url);
    const r = await client.sendSandbox({ to: ['+14155550123'], template: { id: 'tmpl_otp', parameters: { code: '123456' } }, channel: ['sms'], sandbox: false });
    expect(r.status).toBe('QUEUED');
    const id = r.recipients![0]!.message_id;
    expect(id).toMatch(/^msg_test_/);
    const m = await client.getMessage(id);
    expect(m.sandbox).toBe(true);
    expect(m.template_variables).toEqual({ code: '123456' });
    expect(sim.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('typed errors: RESOURCE_003, RESOURCE_002 and VALIDATION_002 with our own message, hint and doc URL', async () => {
    const { url } = await startSim();
    const { client } = makeClient(url);
    const nf = await caught(() => client.getMessage('msg_does_not_exist'));
    expect(nf).toBeInstanceOf(SentApiError);
    expect(nf).toMatchObject({ code: 'RESOURCE_003', status: 404, docUrl: 'https://docs.sent.dm/errors/RESOURCE_003' });
    expect(nf.requestId).toMatch(/^req_sim_/);
    expect(nf.message).toContain('message not found');
    expect(nf.hint).toMatch(/typo/);
    const tnf = await caught(() => client.getTemplate('tmpl_nope'));
    expect(tnf).toMatchObject({ code: 'RESOURCE_002', status: 404 });
    const v = await caught(() => client.sendSandbox({ to: ['0612345678'], text: 'hi' }));
    expect(v).toMatchObject({ code: 'VALIDATION_002', status: 400 });
    expect(v.message).toContain('to[0]');
    expect(v.hint).toContain('E.164');
  });
});

describe('retries and faults', () => {
  it('retries a GET on 503 then succeeds; backoff grows', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ path: '/v3/messages/', fault: 'status=503', times: 2 });
    const { client, sleeps, logger } = makeClient(url);
    const m = await client.getMessage('msg_seed_algeria_sent');
    expect(m.status).toBe('SENT');
    expect(sim.requests.filter((r) => r.url === '/v3/messages/msg_seed_algeria_sent')).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
    expect(logger.lines.some((l) => l.includes('retry 1 of 2'))).toBe(true);
  });

  it('500 on every attempt → SentUnreachableError(server_error) after 1 + maxRetries requests', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'status=500', times: Infinity });
    const { client } = makeClient(url);
    const e = await caught(() => client.getMe());
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.reason).toBe('server_error');
    expect(e.message).toMatch(/HTTP 500 INTERNAL_001.*3 times/);
    expect(sim.requests).toHaveLength(3);
  });

  it('429 with Retry-After: waits what the server asked, counts the attempts', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'rate_limit=2', times: 1 });
    const { client, sleeps } = makeClient(url);
    await client.getMe();
    expect(sleeps).toEqual([2000]);
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('429 with a Retry-After beyond the cap is reported, not waited for', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'rate_limit', times: Infinity }); // 60 s, as Sent documents
    const { client, sleeps } = makeClient(url);
    const e = await caught(() => client.getMe());
    expect(e).toBeInstanceOf(SentApiError);
    expect(e).toMatchObject({ code: 'BUSINESS_002', status: 429, retryAfterSeconds: 60 });
    expect(e.message).toContain('Retry after 60 s');
    expect(sleeps).toEqual([]);
    expect(sim.requests).toHaveLength(1);
  });

  it('429 on every attempt with a short Retry-After: maxRetries + 1 requests, then BUSINESS_002', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'rate_limit=1', times: Infinity });
    const { client, sleeps } = makeClient(url, { maxRetries: 3 });
    const e = await caught(() => client.getMessage('msg_seed_route_denied'));
    expect(e).toMatchObject({ code: 'BUSINESS_002', retryAfterSeconds: 1 });
    expect(sleeps).toEqual([1000, 1000, 1050]); // max(Retry-After, backoff 300·2ⁿ less 12.5 % jitter)
    expect(sim.requests).toHaveLength(4);
  });

  it('latency past the client timeout → SentUnreachableError(timeout), not retried', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'latency=1500' });
    const { client, sleeps } = makeClient(url, { timeoutMs: 200 });
    const e = await caught(() => client.getMe());
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.reason).toBe('timeout');
    expect(e.message).toBe('Sent did not answer GET /v3/me within 200 ms.');
    expect(sleeps).toEqual([]); // a slow Sent is not asked again
  });

  it('latency under the timeout is fine', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'latency=50' });
    const { client } = makeClient(url, { timeoutMs: 2000 });
    expect((await client.getMe()).type).toBe('organization');
  });

  it('malformed JSON → SentUnreachableError(malformed), readable, not retried', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'malformed', times: Infinity });
    const { client } = makeClient(url);
    const e = await caught(() => client.getMessage('msg_seed_algeria_sent'));
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.reason).toBe('malformed');
    expect(e.message).toBe('Sent answered GET /v3/messages/msg_seed_algeria_sent with a body that is not valid JSON (HTTP 200).');
    expect(sim.requests).toHaveLength(1);
  });

  it('socket reset mid-body → retried as a network error, then succeeds', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'reset', times: 1 });
    const { client, sleeps } = makeClient(url);
    const m = await client.getMessage('msg_seed_route_denied');
    expect(m.status).toBe('FAILED');
    expect(sleeps).toHaveLength(1);
  });

  it('socket reset every time → SentUnreachableError(network)', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'reset', times: Infinity });
    const { client } = makeClient(url);
    const e = await caught(() => client.getMessage('msg_seed_route_denied'));
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.reason).toBe('network');
    expect(e.message).toMatch(/^Could not reach Sent at http:\/\/127\.0\.0\.1:\d+ \(/);
    expect(sim.requests).toHaveLength(3);
  });

  it('connection refused → SentUnreachableError(network) after retries', async () => {
    const { url } = await rawServer((_q, r) => r.end());
    const s = servers.pop()!;
    await new Promise((r) => s.close(r));
    const { client, sleeps } = makeClient(url);
    const e = await caught(() => client.getMe());
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.message).toContain('connection refused');
    expect(sleeps).toHaveLength(2);
  });

  it('POST is never retried, whatever the failure', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'status=503', times: Infinity });
    const { client, sleeps } = makeClient(url);
    const e = await caught(() => client.sendSandbox({ to: ['+14155550123'], text: 'hello' }));
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(sim.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    for (const fault of ['reset', 'rate_limit=1', 'malformed']) {
      sim.clearFaults();
      sim.injectFault({ fault, times: Infinity });
      await caught(() => client.sendSandbox({ to: ['+14155550123'], text: 'hello' }));
    }
    expect(sim.requests).toHaveLength(4);
    expect(sleeps).toEqual([]);
  });

  it('401 is never retried (Sent locks a key after ten failures); the key is never shown', async () => {
    const { url, sim } = await startSim();
    const { client, logger, sleeps } = makeClient(url, { apiKey: WRONG_KEY, maxRetries: 5 });
    const e = await caught(() => client.getMessage('msg_seed_algeria_sent'));
    expect(e).toBeInstanceOf(SentApiError);
    expect(e).toMatchObject({ code: 'AUTH_002', status: 401 });
    expect(e.hint).toMatch(/ten consecutive/);
    expect(sim.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    noSecrets(errorTexts(e), ...logger.lines);
  });

  it('403 is never retried either', async () => {
    const { url, hits } = await rawServer((_q, r) => {
      r.writeHead(403, { 'content-type': 'application/json' });
      r.end(JSON.stringify({ success: false, data: null, error: { code: 'AUTH_006', message: 'KYC', details: null, doc_url: null }, meta: {} }));
    });
    const { client } = makeClient(url);
    const e = await caught(() => client.getMe());
    expect(e).toMatchObject({ code: 'AUTH_006', status: 403 });
    expect(e.hint).toMatch(/KYC/);
    expect(hits).toHaveLength(1);
  });

  it('a caller abort cancels without retrying', async () => {
    const { url, sim } = await startSim();
    sim.injectFault({ fault: 'latency=2000' });
    const { client } = makeClient(url, { timeoutMs: 5000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await caught(() => client.getMe({ signal: ac.signal }));
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.message).toContain('cancelled');
  });
});

describe('input safety', () => {
  const BAD_IDS = ['../../v3/me', 'a/b', '..', 'msg_x/../../me', 'msg_a b', 'msg_\u202e', '%2e%2e', 'msg_' + 'x'.repeat(200), '', 'msg_a\nb'];

  it('path traversal and other bad IDs throw InputError and never reach the server', async () => {
    const { url, sim } = await startSim();
    const { client } = makeClient(url);
    for (const id of BAD_IDS) {
      expect(await caught(() => client.getMessage(id))).toBeInstanceOf(InputError);
      expect(await caught(() => client.getActivities(id))).toBeInstanceOf(InputError);
    }
    for (const id of ['../me', 'a/b', 'x?y=1']) expect(await caught(() => client.getTemplate(id))).toBeInstanceOf(InputError);
    expect(sim.requests).toEqual([]);
  });

  it('valid IDs are percent-encoded into one path segment', async () => {
    const { url, hits } = await rawServer((_q, r) => {
      r.writeHead(404, { 'content-type': 'application/json' });
      r.end(JSON.stringify({ success: false, data: null, error: { code: 'RESOURCE_003', message: 'x' }, meta: {} }));
    });
    const { client } = makeClient(url);
    await caught(() => client.getMessage('msg_a-b_c'));
    await caught(() => client.getActivities('8F14E45F-CEEA-4E67-A7F4-0C6C5E0F1A01'));
    expect(hits).toEqual(['GET /v3/messages/msg_a-b_c', 'GET /v3/messages/8F14E45F-CEEA-4E67-A7F4-0C6C5E0F1A01/activities']);
  });

  it('rejects keys with newlines or spaces and bad base URLs at construction, without echoing the key', () => {
    const logger = rawLogger();
    const base = { baseUrl: 'http://127.0.0.1:1', timeoutMs: 100, connectTimeoutMs: 100, maxRetries: 0, logger };
    for (const apiKey of [`${TEST_KEY}\n`, `sk_test_ab cd${'x'.repeat(20)}`, '', 'short']) {
      let err: unknown;
      try {
        createSentClient({ ...base, apiKey });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).not.toContain(TEST_KEY);
    }
    for (const baseUrl of ['not a url', 'ftp://x', 'http://user:pw@127.0.0.1/', 'http://127.0.0.1/?a=1']) {
      expect(() => createSentClient({ ...base, apiKey: TEST_KEY, baseUrl })).toThrow(ConfigError);
    }
  });

  it('sendSandbox refuses non-objects and oversized bodies before any request', async () => {
    const { url, sim } = await startSim();
    const { client } = makeClient(url);
    expect(await caught(() => client.sendSandbox([] as unknown as Record<string, unknown>))).toBeInstanceOf(InputError);
    expect(await caught(() => client.sendSandbox({ to: ['+14155550123'], text: 'x'.repeat(1_100_000) }))).toBeInstanceOf(InputError);
    expect(sim.requests).toEqual([]);
  });
});

describe('odd answers', () => {
  it('a response larger than 2 MB is refused', async () => {
    const big = 'x'.repeat(MAX_RESPONSE_BYTES + 10);
    const { url } = await rawServer((_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' }); // chunked: no content-length to trust
      r.write('{"success":true,"data":{"status":"SENT","pad":"');
      r.write(big);
      r.end('"}}');
    });
    const { client } = makeClient(url);
    const e = await caught(() => client.getMessage('msg_big'));
    expect(e).toBeInstanceOf(SentUnreachableError);
    expect(e.message).toContain('larger than 2 MB');
  });

  it('a declared Content-Length over the cap is refused before reading', async () => {
    const { url } = await rawServer((_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_RESPONSE_BYTES + 1) });
      r.write('{');
      setTimeout(() => r.destroy(), 100);
    });
    const { client } = makeClient(url);
    expect((await caught(() => client.getMe())).message).toContain('larger than 2 MB');
  });

  it('an HTML 404 from a proxy becomes HTTP_404 without the HTML; a redirect is flagged; a non-envelope 200 is malformed', async () => {
    const { url } = await rawServer((q, r) => {
      if (q.url === '/v3/me') {
        r.writeHead(404, { 'content-type': 'text/html' });
        r.end(`<html>Not found ${TEST_KEY}</html>`);
      } else if (q.url?.startsWith('/v3/templates')) {
        r.writeHead(301, { location: 'https://example.com/' });
        r.end();
      } else {
        r.writeHead(200, { 'content-type': 'application/json' });
        r.end('[1,2,3]');
      }
    });
    const { client, logger } = makeClient(url);
    const e404 = await caught(() => client.getMe());
    expect(e404).toMatchObject({ code: 'NOT_SENT_API', status: 404 });
    expect(e404.message).toContain('not the Sent v3 API');
    expect(e404.message).not.toContain('html');
    const e301 = await caught(() => client.getTemplate('tmpl_x'));
    expect(e301.message).toContain('a redirect');
    const e200 = await caught(() => client.getMessage('msg_x'));
    expect(e200.message).toContain('not a v3 envelope');
    noSecrets(errorTexts(e404), errorTexts(e301), errorTexts(e200), ...logger.lines);
  });

  it('upstream error text and doc_url are not trusted: our wording, sent.dm links only, key scrubbed from detail', async () => {
    const { url } = await rawServer((_q, r) => {
      r.writeHead(400, { 'content-type': 'application/json', 'x-request-id': 'req_<script>' });
      r.end(
        JSON.stringify({
          success: false,
          data: null,
          error: {
            code: 'VALIDATION_001',
            message: `Your key ${UUID_KEY} is wrong, visit http://evil.example`,
            details: { 'to[0]': ['bad'], '<img src=x>': ['x'] },
            doc_url: 'https://evil.example/errors',
          },
          meta: { request_id: 'req_ok_1' },
        }),
      );
    });
    const { client } = makeClient(url, { apiKey: UUID_KEY });
    const e = await caught(() => client.getMe());
    expect(e.message).toBe('Sent answered GET /v3/me with VALIDATION_001: the request failed validation (HTTP 400). Fields: to[0].');
    expect(e.docUrl).toBe('https://docs.sent.dm/errors/VALIDATION_001');
    expect(e.requestId).toBe('req_ok_1');
    noSecrets(errorTexts(e));
  });
});

describe('secrets', () => {
  it('the key never appears in any log line (createLogger capture) or error, over every path', async () => {
    const { url, sim } = await startSim();
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    for (const apiKey of [UUID_KEY, TEST_KEY, WRONG_KEY]) {
      const client = createSentClient({ apiKey, baseUrl: url, timeoutMs: 300, connectTimeoutMs: 300, maxRetries: 1, logger, sleep: async () => {} });
      const errors: string[] = [];
      const attempt = async (fn: () => Promise<unknown>) => {
        try {
          const r = await fn();
          errors.push(JSON.stringify(r));
        } catch (e) {
          errors.push(errorTexts(e as Error & Record<string, unknown>));
        }
      };
      await attempt(() => client.getMe());
      await attempt(() => client.getMessage('msg_missing'));
      sim.injectFault({ fault: 'status=503', times: 2 });
      await attempt(() => client.getActivities('msg_seed_algeria_sent'));
      sim.injectFault({ fault: 'malformed' });
      await attempt(() => client.getTemplate('tmpl_otp'));
      sim.injectFault({ fault: 'latency=600' });
      await attempt(() => client.getMe());
      await attempt(() => client.sendSandbox({ to: ['+14155550123'], text: 'hi' }));
      await client.close();
      noSecrets(...errors);
    }
    expect(lines.length).toBeGreaterThan(10);
    noSecrets(...lines);
  });
});
