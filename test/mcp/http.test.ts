/** Streamable HTTP at /mcp on 127.0.0.1: the SDK client, the bearer token, Host/Origin checks, limits, statelessness. */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { loadConfig } from '../../src/config.js';
import { createHttpApp, type HttpApp } from '../../src/http/server.js';
import { mountMcp } from '../../src/mcp/http.js';
import { createLogger } from '../../src/log.js';
import type { ListeningSimulator } from '../../src/simulator/index.js';
import { ConfigError } from '../../tools/errors.js';
import { TOOLS } from '../../tools/index.js';
import { contextFor, expectNoSecrets, SECRETS, startSimulator, textOf } from './setup.js';

const TOKEN = SECRETS.token;
const MAX_BODY = 4_000;
const logLines: string[] = [];
const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l), secrets: [TOKEN] });

interface Instance {
  app: HttpApp;
  url: string;
  port: number;
}

async function start(env: Record<string, string>): Promise<Instance> {
  const config = loadConfig({ HOST: '127.0.0.1', MCP_MAX_BODY_BYTES: String(MAX_BODY), ...env });
  const app = createHttpApp(logger);
  const ctx = contextFor(sim.url);
  mountMcp(app, { ...ctx, logger }, config, logger);
  const { url, port } = await app.listen(0, '127.0.0.1');
  return { app, url, port };
}

/** node:http so that Host and Origin can be set freely (fetch forbids both). */
function raw(
  inst: Instance,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: inst.port, path: '/mcp', method: opts.method ?? 'POST', headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const rpc = (method: string, params: unknown = {}, id = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
const INIT = rpc('initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1' } });

/** The JSON-RPC messages of an SSE or JSON response body. */
function messages(body: string): Array<Record<string, any>> {
  if (body.trimStart().startsWith('{')) return [JSON.parse(body)];
  return body
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

let sim: ListeningSimulator;
let secured: Instance;
let open: Instance;

beforeAll(async () => {
  sim = await startSimulator();
  secured = await start({ MCP_AUTH_TOKEN: TOKEN, MCP_ALLOWED_HOSTS: 'mcp.example.com', MCP_ALLOWED_ORIGINS: 'https://app.example.com' });
  open = await start({});
});
afterAll(async () => {
  await secured.app.close(1_000);
  await open.app.close(1_000);
  await sim.close();
  expectNoSecrets(logLines.join('\n'));
});

describe('the SDK client over Streamable HTTP', () => {
  it('lists and calls tools with the bearer token, with progress on the request stream', async () => {
    const client = new Client({ name: 'http-test', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(`${secured.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
    });
    await client.connect(transport);
    try {
      expect(transport.sessionId).toBeUndefined(); // stateless: no session
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const progress: number[] = [];
      const r = await client.callTool(
        { name: 'diagnose', arguments: { text: 'msg_seed_algeria_sent and msg_seed_route_denied did not arrive' } },
        undefined,
        { onprogress: (p) => void progress.push(p.progress) },
      );
      expect(r.isError).toBeFalsy();
      expect(textOf(r)).toMatch(/^## Diagnosis/);
      expect(progress).toEqual([1, 2]);
      const cov = await client.readResource({ uri: 'sent-doctor://coverage/DZ' });
      expect((cov.contents[0] as { text: string }).text).toMatch(/Algeria/);
      const unknown = await client.callTool({ name: 'nope', arguments: {} }).then(
        () => null,
        (e: Error) => e,
      );
      expect(unknown?.message).toMatch(/Unknown tool/);
    } finally {
      await client.close();
    }
  });

  it('works without a token on loopback when none is configured', async () => {
    const client = new Client({ name: 'http-test', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${open.url}/mcp`)));
    try {
      const r = await client.callTool({ name: 'get_coverage', arguments: { country: '+213' } });
      expect((r.structuredContent as { iso2: string }).iso2).toBe('DZ');
    } finally {
      await client.close();
    }
  });
});

describe('stateless: any instance answers any request', () => {
  it('initialize on one instance, tools/call on another, no session header anywhere', async () => {
    const a = await raw(secured, { headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: INIT });
    expect(a.status).toBe(200);
    expect(a.headers['mcp-session-id']).toBeUndefined();
    expect(messages(a.body)[0]!.result.serverInfo.name).toBe('sent-doctor');
    const b = await raw(open, {
      headers: { ...JSON_HEADERS, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION },
      body: rpc('tools/call', { name: 'search_knowledge', arguments: { query: 'AUTH_002' } }, 2),
    });
    expect(b.status).toBe(200);
    expect(b.headers['mcp-session-id']).toBeUndefined();
    expect(messages(b.body)[0]!.result.structuredContent.results[0].id).toBe('auth-invalid-api-key');
  });
});

describe('bearer token', () => {
  it('401 without a token, with a wrong one, or with another scheme', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, `Bearer`]) {
      const headers: Record<string, string> = { ...JSON_HEADERS };
      if (authorization !== undefined) headers.authorization = authorization;
      const r = await raw(secured, { headers, body: INIT });
      expect(r.status, String(authorization)).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(JSON.parse(r.body).error.message).toMatch(/bearer token/);
      expect(r.body).not.toContain(TOKEN);
    }
  });

  it('refuses to start beyond loopback without MCP_AUTH_TOKEN, and requires it when set', () => {
    const app = createHttpApp(logger);
    const ctx = contextFor(sim.url);
    for (const HOST of ['0.0.0.0', '::', '10.1.2.3', 'mcp.example.com']) {
      expect(() => mountMcp(app, ctx, loadConfig({ HOST }), logger), HOST).toThrow(ConfigError);
    }
    expect(mountMcp(app, ctx, loadConfig({ HOST: '0.0.0.0', MCP_AUTH_TOKEN: TOKEN }), logger)).toEqual({ authRequired: true });
    expect(mountMcp(app, ctx, loadConfig({ HOST: '127.0.0.1' }), logger)).toEqual({ authRequired: false });
    expect(mountMcp(app, ctx, loadConfig({ HOST: 'localhost', MCP_AUTH_TOKEN: TOKEN }), logger)).toEqual({ authRequired: true });
  });
});

describe('Host and Origin (DNS rebinding)', () => {
  const auth = { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` };

  it('403 for a foreign Host, even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${secured.port}`, 'mcp.example.com.evil.example', '127.0.0.1.nip.io']) {
      const r = await raw(secured, { headers: { ...auth, host }, body: INIT });
      expect(r.status, host).toBe(403);
      expect(JSON.parse(r.body).error.message).toMatch(/Host not allowed/);
    }
  });

  it('403 for a foreign or null Origin', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://app.example.com.evil.example', 'file://']) {
      const r = await raw(secured, { headers: { ...auth, origin }, body: INIT });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error.message).toMatch(/Origin not allowed/);
    }
  });

  it('accepts loopback names, the configured host and origin', async () => {
    for (const host of [`127.0.0.1:${secured.port}`, `localhost:${secured.port}`, 'mcp.example.com', 'MCP.example.com:443']) {
      const r = await raw(secured, { headers: { ...auth, host }, body: INIT });
      expect(r.status, host).toBe(200);
    }
    const r = await raw(secured, { headers: { ...auth, origin: 'https://app.example.com' }, body: INIT });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const local = await raw(secured, { headers: { ...auth, origin: 'http://localhost:6274' }, body: INIT });
    expect(local.status).toBe(200);
  });

  it('answers a CORS preflight from an allowed origin without credentials, and refuses others', async () => {
    const ok = await raw(secured, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-headers']).toMatch(/authorization/);
    const bad = await raw(secured, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
  });
});

describe('limits and malformed requests', () => {
  const auth = { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` };

  it('413 past MCP_MAX_BODY_BYTES, declared or streamed', async () => {
    const big = rpc('tools/call', { name: 'diagnose', arguments: { text: 'x'.repeat(MAX_BODY * 2) } });
    const declared = await raw(secured, { headers: auth, body: big });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: secured.port, path: '/mcp', method: 'POST', headers: { ...auth, 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write('x'.repeat(MAX_BODY));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('400 with a JSON-RPC parse error for a body that is not JSON', async () => {
    const r = await raw(secured, { headers: auth, body: '{"jsonrpc": "2.0", "method": ' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe(-32700);
  });

  it('405 for GET and DELETE: no sessions, no standalone stream', async () => {
    for (const method of ['GET', 'DELETE']) {
      const r = await raw(secured, { method, headers: { accept: 'text/event-stream', authorization: `Bearer ${TOKEN}` } });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toMatch(/POST/);
    }
  });

  it('a JSON-RPC message that is not a request is refused by the transport, not crashed on', async () => {
    const r = await raw(secured, { headers: auth, body: JSON.stringify({ hello: 'world' }) });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});

describe('per-request servers', () => {
  it('release their log listener when the request ends', async () => {
    let active = 0;
    const counting = {
      ...logger,
      onLine: (fn: (level: string, line: string) => void) => {
        active++;
        const off = logger.onLine(fn);
        return () => {
          active--;
          off();
        };
      },
    };
    const app = createHttpApp(logger);
    mountMcp(app, contextFor(sim.url), loadConfig({ HOST: '127.0.0.1' }), counting);
    const { port } = await app.listen(0, '127.0.0.1');
    try {
      const inst = { app, url: '', port };
      const headers = { ...JSON_HEADERS, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION };
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          raw(inst, { headers, body: rpc('tools/call', { name: 'lookup_message', arguments: { message_id: 'msg_seed_algeria_sent' } }, i) }),
        ),
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(active).toBe(0);
    } finally {
      await app.close(1_000);
    }
  });
});

describe('/healthz', () => {
  it('reports the MCP endpoint without secrets', async () => {
    const r = await fetch(`${secured.url}/healthz`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, any>;
    expect(body.ok).toBe(true);
    expect(body.mcp).toEqual({ path: '/mcp', transport: 'streamable-http', stateless: true, auth: 'bearer' });
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });
});
