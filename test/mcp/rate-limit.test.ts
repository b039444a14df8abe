/**
 * Rate limits on /mcp (config.rateLimits, the limiter Slack uses, scope `mcp`): per client (the
 * token's hash with a token, else the peer address) and global; 429 with Retry-After and a
 * JSON-RPC error. Clients are told apart by connecting from 127.0.0.1 and 127.0.0.2.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadConfig } from '../../src/config.js';
import { createHttpApp, type HttpApp } from '../../src/http/server.js';
import { mountMcp } from '../../src/mcp/http.js';
import { createLogger } from '../../src/log.js';
import { createLimiter, RateLimitedError } from '../../src/limits/rate-limit.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../tools/context.js';
import { makeTestContext } from '../helpers/context.js';
import { OTHER_SECRETS } from '../helpers/secrets.js';

const TOKEN = OTHER_SECRETS.hardeningMcpToken;
/** 15 s into a minute: Retry-After is 45 s. */
const NOW = Date.parse('2026-05-09T10:00:15Z');
const clock = { now: () => NOW };
const logLines: string[] = [];
const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l), secrets: [TOKEN] });

interface Instance {
  app: HttpApp;
  url: string;
  port: number;
  keys: string[];
}

/** An instance whose store records every key it counts. */
async function start(env: Record<string, string>): Promise<Instance> {
  const keys: string[] = [];
  const mem = createMemoryStore(clock);
  const store: Store = { ...mem, incr: (k, ttl) => (keys.push(k), mem.incr(k, ttl)) };
  const config = loadConfig({ HOST: '127.0.0.1', RATE_LIMIT_USER_PER_MIN: '3', RATE_LIMIT_GLOBAL_PER_MIN: '5', ...env });
  const app = createHttpApp(logger);
  mountMcp(app, { ...makeTestContext({ store, clock }), logger }, config, logger);
  const { url, port } = await app.listen(0, '127.0.0.1');
  return { app, url, port, keys };
}

function post(inst: Instance, body: string, from = '127.0.0.1', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: inst.port,
        path: '/mcp',
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const call = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'search_knowledge', arguments: { query: 'AUTH_002' } } });
const list = (id: number) => JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/list', params: {} });

let open: Instance;
let secured: Instance;
beforeAll(async () => {
  open = await start({});
  secured = await start({ MCP_AUTH_TOKEN: TOKEN });
});
afterAll(async () => {
  await open.app.close(1_000);
  await secured.app.close(1_000);
  expect(logLines.join('\n')).not.toContain(TOKEN);
});

describe('/mcp rate limits', () => {
  it('per client by address: the 4th tools/call in a minute gets 429, Retry-After and a JSON-RPC error with its id', async () => {
    for (let i = 1; i <= 3; i++) expect((await post(open, call(i))).status).toBe(200);
    const r = await post(open, call(4));
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('45');
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 4, error: { code: -32000 } });
    expect(body.error.message).toBe('You have sent 3 requests in the last minute, the most sent-doctor answers per client. Retry after 45 s.');
    // The handshake and list calls are not counted, and are not refused.
    expect((await post(open, list(5))).status).toBe(200);
  });

  it('another address has its own budget, until the global limit (5) is reached', async () => {
    expect((await post(open, call(1), '127.0.0.2')).status).toBe(200);
    expect((await post(open, call(2), '127.0.0.2')).status).toBe(200);
    const r = await post(open, call(3), '127.0.0.2');
    expect(r.status).toBe(429);
    expect(JSON.parse(r.body).error.message).toContain('its maximum of 5 requests a minute');
    expect(open.keys.every((k) => k.startsWith('mcp:rl:'))).toBe(true);
    expect(open.keys).toContain(`mcp:rl:u:a:127.0.0.2:${Math.floor(NOW / 60_000)}`);
  });

  it('with a token, clients are counted by the token (by hash), whatever their address', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await post(secured, call(1), '127.0.0.1', auth)).status).toBe(200);
    expect((await post(secured, call(2), '127.0.0.3', auth)).status).toBe(200);
    expect((await post(secured, call(3), '127.0.0.4', auth)).status).toBe(200);
    expect((await post(secured, call(4), '127.0.0.5', auth)).status).toBe(429);
    // Without the token: 401 before any counting.
    expect((await post(secured, call(5), '127.0.0.6')).status).toBe(401);
    expect(secured.keys.filter((k) => k.startsWith('mcp:rl:u:'))).toHaveLength(4);
    expect(secured.keys.join(' ')).not.toContain(TOKEN);
    expect(new Set(secured.keys.filter((k) => k.startsWith('mcp:rl:u:')))).toEqual(new Set([expect.stringMatching(/^mcp:rl:u:t:[0-9a-f]{16}:\d+$/)]));
  });

  it('the SDK client sees the 429 as a failed call that says when to retry', async () => {
    const inst = await start({ RATE_LIMIT_USER_PER_MIN: '1' });
    const client = new Client({ name: 'rate-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${inst.url}/mcp`)));
    try {
      await client.callTool({ name: 'search_knowledge', arguments: { query: 'sender id' } });
      const err = await client.callTool({ name: 'search_knowledge', arguments: { query: 'sender id' } }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error & { code?: number }).code).toBe(429);
      expect((err as Error).message).toContain('You have sent 1 request in the last minute');
      expect((err as Error).message).toContain('Retry after 45 s');
    } finally {
      await client.close();
      await inst.app.close(1_000);
    }
  });
});

describe('the shared limiter', () => {
  it('keeps Slack and MCP budgets apart in one store', async () => {
    const store = createMemoryStore(clock);
    const slack = createLimiter(store, clock, { userPerMin: 1, globalPerMin: 100 }, logger, 'slack');
    const mcp = createLimiter(store, clock, { userPerMin: 1, globalPerMin: 100 }, logger, 'mcp');
    await slack.take('same-id');
    await mcp.take('same-id');
    const e = await slack.take('same-id').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(e).toMatchObject({ retryAfterSeconds: 45, who: 'caller', hint: 'Try again in a minute.' });
    expect(await store.get(`slack:rl:u:same-id:${Math.floor(NOW / 60_000)}`)).toBe('2');
    expect(await store.get(`mcp:rl:u:same-id:${Math.floor(NOW / 60_000)}`)).toBe('1');
  });
});
