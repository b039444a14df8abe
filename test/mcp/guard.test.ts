import { describe, expect, it } from 'vitest';
import { createGuard, isLoopbackHost } from '../../src/mcp/guard.js';

const TOKEN = 'guard-test-token-0a9b8c7d6e5f';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', 'api.localhost', '::ffff:127.0.0.1'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '[::]', '10.0.0.1', '192.168.1.10', 'example.com', 'localhost.example.com', '128.0.0.1', ''])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('createGuard', () => {
  const guard = createGuard({ bindHost: '10.0.0.5', allowedHosts: ['mcp.example.com', 'other.example.com:8443'], allowedOrigins: ['https://app.example.com/'], authToken: TOKEN });
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('accepts loopback names on any port, the bind address and the allowed hosts', () => {
    for (const host of ['localhost:8787', '127.0.0.1', '[::1]:9000', '10.0.0.5:8787', 'mcp.example.com', 'Mcp.Example.com:443', 'other.example.com:8443']) {
      expect(guard.check({ host, ...auth }), host).toEqual({ ok: true });
    }
  });

  it('refuses other hosts, a port not allowed, a missing Host and junk', () => {
    for (const host of ['evil.example', 'other.example.com:9999', 'other.example.com', 'mcp.example.com@evil.example', 'a b', '', undefined]) {
      const v = guard.check({ host, ...auth });
      expect(v.ok, String(host)).toBe(false);
      expect(v.ok ? 0 : v.status).toBe(403);
    }
  });

  it('accepts no Origin (non-browser clients), allowed origins and loopback origins; refuses the rest', () => {
    const base = { host: 'localhost', ...auth };
    for (const origin of [undefined, 'https://app.example.com', 'http://localhost:6274', 'http://127.0.0.1:3000']) {
      expect(guard.check({ ...base, origin }).ok, String(origin)).toBe(true);
    }
    for (const origin of ['https://evil.example', 'null', 'http://app.example.com', 'https://app.example.com:444', 'chrome-extension://abc']) {
      expect(guard.check({ ...base, origin }).ok, origin).toBe(false);
    }
  });

  it('requires the exact token with the Bearer scheme; a preflight needs none', () => {
    const base = { host: 'localhost' };
    for (const authorization of [undefined, '', 'Bearer', `bearer ${TOKEN}`, `Bearer  ${TOKEN} `, `Bearer ${TOKEN}\tx`, `Token ${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}0`]) {
      const v = guard.check({ ...base, authorization });
      const expectOk = authorization === `bearer ${TOKEN}` || authorization === `Bearer  ${TOKEN} `;
      expect(v.ok, String(authorization)).toBe(expectOk);
      if (!v.ok) expect(v.status).toBe(401);
    }
    expect(guard.check(base, { preflight: true })).toEqual({ ok: true });
  });

  it('does not bind-allow a wildcard address', () => {
    const g = createGuard({ bindHost: '0.0.0.0', allowedHosts: [], allowedOrigins: [] });
    expect(g.check({ host: '0.0.0.0:8787' }).ok).toBe(false);
    expect(g.check({ host: 'localhost:8787' }).ok).toBe(true);
  });
});
