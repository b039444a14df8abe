/** The documented response bodies (test/fixtures/sent) served from loopback: the client and the normaliser must read them. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideVerdict } from '../../tools/domain/records/verdicts.js';
import { readCodeCatalog } from '../../src/knowledge/codes.js';
import { normaliseMessage } from '../../tools/domain/records/normalise.js';
import { SentApiError } from '../../tools/errors.js';
import { caught, makeClient } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/sent/${name}`, import.meta.url), 'utf8');
const ROUTES: Record<string, [number, string, Record<string, string>?]> = {
  '/v3/messages/8ba7b830-9dad-11d1-80b4-00c04fd430c8': [200, fixture('factsheet-message-failed.json')],
  '/v3/messages/8ba7b830-9dad-11d1-80b4-00c04fd430c8/activities': [200, fixture('factsheet-activities.json')],
  '/v3/me': [401, fixture('guide-auth-002.json')],
  '/v3/templates/tmpl_x': [429, fixture('factsheet-429.json'), { 'retry-after': '60' }],
};

let url = '';
const hits: string[] = [];
const server = createServer((req, res) => {
  hits.push(req.url ?? '');
  const [status, body, headers] = ROUTES[req.url ?? ''] ?? [404, '{}'];
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('documented bodies', () => {
  it('the fact sheet message + activities normalise to one timeline with the right finding', async () => {
    const { client } = makeClient(url);
    const id = '8ba7b830-9dad-11d1-80b4-00c04fd430c8';
    const [m, a] = await Promise.all([client.getMessage(id), client.getActivities(id)]);
    const n = normaliseMessage(m, a, { now: Date.parse('2026-08-20T11:00:00Z') });
    expect(n.timeline.map((e) => e.status)).toEqual(['QUEUED', 'ROUTED', 'SENT', 'FAILED', 'DELIVERED']);
    expect(n.error_codes).toEqual(['ERR_TEMPLATE_PARAMS_INVALID']);
    const v = decideVerdict(n, { now: Date.parse('2026-08-20T11:00:00Z'), code: (c) => readCodeCatalog().find((x) => x.code === c) });
    expect(v).toMatchObject({ kind: 'failure', rule: 'code', code: 'ERR_TEMPLATE_PARAMS_INVALID' });
    expect(v.scenarios[0]).toBe('whatsapp-api-payload');
    expect(n.body).toBe('Hi John Doe, your order #12345 has been confirmed.');
  });

  it("the guide's bare AUTH_002 body (no data, no meta) is a SentApiError, asked once", async () => {
    const { client } = makeClient(url);
    hits.length = 0;
    const e = await caught(() => client.getMe());
    expect(e).toBeInstanceOf(SentApiError);
    expect(e).toMatchObject({ code: 'AUTH_002', status: 401 });
    expect(hits).toEqual(['/v3/me']);
  });

  it('the documented 429 with Retry-After: 60 is reported with its wait, not retried', async () => {
    const { client, sleeps } = makeClient(url);
    const e = await caught(() => client.getTemplate('tmpl_x'));
    expect(e).toMatchObject({ code: 'BUSINESS_002', retryAfterSeconds: 60, docUrl: 'https://docs.sent.dm/errors/BUSINESS_002', requestId: 'req_7f3a' });
    expect(sleeps).toEqual([]);
  });
});
