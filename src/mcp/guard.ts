/**
 * The checks in front of /mcp: Host and Origin against DNS rebinding, and the bearer token.
 * Pure functions of the request headers and the config, so they are tested on their own.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for addresses that only this machine can reach. `0.0.0.0` and `::` listen everywhere. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  return false;
}

export interface GuardConfig {
  /** The address the server binds to (HOST). */
  bindHost: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  authToken?: string;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

export interface Guard {
  /** `preflight`: a CORS preflight carries no credentials, so only Host and Origin are checked. */
  check(headers: IncomingHttpHeaders, opts?: { preflight?: boolean }): Verdict;
  /** Whether a browser at this Origin may call /mcp (for CORS answers). */
  originAllowed(origin: string | undefined): boolean;
}

export function createGuard(cfg: GuardConfig): Guard {
  const hosts = new Set<string>(LOOPBACK_NAMES);
  const bind = normaliseHostname(cfg.bindHost);
  if (bind && bind !== '0.0.0.0' && bind !== '[::]') hosts.add(bind);
  for (const h of cfg.allowedHosts) {
    const n = normaliseHostHeader(h);
    if (n) hosts.add(n.port ? `${n.hostname}:${n.port}` : n.hostname);
  }
  const origins = new Set(cfg.allowedOrigins.map(normaliseOrigin).filter((o): o is string => !!o));
  const tokenDigest = cfg.authToken ? digest(cfg.authToken) : undefined;

  const hostAllowed = (header: string | undefined): boolean => {
    const n = header ? normaliseHostHeader(header) : undefined;
    if (!n) return false;
    return hosts.has(n.hostname) || (!!n.port && hosts.has(`${n.hostname}:${n.port}`));
  };
  const originAllowed = (origin: string | undefined): boolean => {
    if (origin === undefined) return true;
    const o = normaliseOrigin(origin);
    if (!o) return false;
    if (origins.has(o)) return true;
    return isLoopbackHost(new URL(o).hostname);
  };

  return {
    originAllowed,
    check(headers, opts = {}) {
      if (!hostAllowed(headers.host)) return { ok: false, status: 403, message: 'Host not allowed. Add it to MCP_ALLOWED_HOSTS to serve /mcp under this name.' };
      const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
      if (!originAllowed(origin)) return { ok: false, status: 403, message: 'Origin not allowed. Add it to MCP_ALLOWED_ORIGINS to call /mcp from that web page.' };
      if (tokenDigest && !opts.preflight) {
        const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(headers.authorization ?? '');
        // Compare digests: equal lengths for timingSafeEqual, and no early exit on the first different byte.
        if (!m || !timingSafeEqual(digest(m[1]!), tokenDigest)) {
          return { ok: false, status: 401, message: 'Missing or wrong bearer token: send "Authorization: Bearer <MCP_AUTH_TOKEN>".' };
        }
      }
      return { ok: true };
    },
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** `Example.com:8787` → { hostname: 'example.com', port: '8787' }; IPv6 keeps its brackets. */
function normaliseHostHeader(h: string): { hostname: string; port: string } | undefined {
  const v = h.trim().toLowerCase();
  if (!v || /[\s/@?#\\]/.test(v)) return undefined;
  try {
    const u = new URL(`http://${v}`);
    return { hostname: u.hostname, port: u.port };
  } catch {
    return undefined;
  }
}

function normaliseHostname(h: string): string | undefined {
  const v = h.trim().toLowerCase();
  if (!v) return undefined;
  return isIP(v) === 6 ? `[${v}]` : v;
}

/** `https://App.example.com/` → `https://app.example.com`; `null` and non-http(s) origins are not origins. */
function normaliseOrigin(o: string): string | undefined {
  try {
    const u = new URL(o.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}
