/**
 * MCP over Streamable HTTP at /mcp, stateless: every POST gets a fresh server and transport, so any
 * instance behind a load balancer can answer any request (no sticky sessions, nothing to share).
 * In front of it: Host/Origin checks against DNS rebinding, the bearer token, a body limit, and
 * rate limits on tool calls (per client and global, config.rateLimits, shared through the store).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { ToolContext } from '../../tools/context.js';
import { ConfigError } from '../../tools/errors.js';
import type { Config } from '../config.js';
import type { AppLogger } from '../log.js';
import { HttpError, readBody, type HttpApp } from '../http/server.js';
import { createLimiter, RateLimitedError } from '../limits/rate-limit.js';
import { createGuard, isLoopbackHost } from './guard.js';
import { createMcpServer } from './server.js';

export const MCP_PATH = '/mcp';

const CORS_ALLOW_HEADERS = 'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id';
const CORS_EXPOSE_HEADERS = 'mcp-session-id, mcp-protocol-version, www-authenticate';

export function mountMcp(app: HttpApp, ctx: ToolContext, config: Config, logger: AppLogger): { authRequired: boolean } {
  const token = config.mcp.authToken;
  const loopback = isLoopbackHost(config.http.host);
  if (!loopback && !token) {
    throw new ConfigError(`HOST=${config.http.host} listens beyond this machine, and /mcp would be open to anyone who can reach it.`, {
      hint: 'Set MCP_AUTH_TOKEN to a long random secret (for example `openssl rand -hex 32`) and have clients send "Authorization: Bearer <token>", or set HOST=127.0.0.1.',
    });
  }
  if (!loopback && !config.mcp.allowedHosts.length) {
    logger.warn(`MCP: HOST=${config.http.host} but MCP_ALLOWED_HOSTS is empty, so /mcp only answers requests addressed to loopback names or ${config.http.host}. Set MCP_ALLOWED_HOSTS to the name clients use (e.g. mcp.example.com).`);
  }
  const guard = createGuard({
    bindHost: config.http.host,
    allowedHosts: config.mcp.allowedHosts,
    allowedOrigins: config.mcp.allowedOrigins,
    authToken: token,
  });
  const limiter = createLimiter(ctx.store, ctx.clock, config.rateLimits, logger, 'mcp');
  // Who a client is: with a token, the token (by hash: a key must not hold it); without one, the
  // peer address. Behind a proxy that is the proxy's address; X-Forwarded-For is not trusted.
  const tokenId = token ? `t:${createHash('sha256').update(token).digest('hex').slice(0, 16)}` : undefined;

  app.mount(MCP_PATH, async (req, res) => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (origin && guard.originAllowed(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS);
      res.setHeader('vary', 'Origin');
    }
    if (req.method === 'OPTIONS') {
      const v = guard.check(req.headers, { preflight: true });
      if (!v.ok) return reject(res, v.status, v.message);
      res.writeHead(204, {
        'access-control-allow-methods': 'POST, GET, DELETE, OPTIONS',
        'access-control-allow-headers': CORS_ALLOW_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const v = guard.check(req.headers);
    if (!v.ok) {
      logger.info(`MCP: ${v.status} for ${req.method} ${MCP_PATH} (host ${clip(req.headers.host)}, origin ${clip(origin)})`);
      return reject(res, v.status, v.message, v.status === 401 ? { 'www-authenticate': 'Bearer realm="sent-doctor"' } : {});
    }
    if (req.method !== 'POST') {
      // Stateless: no session to resume (GET) or end (DELETE). The spec's answer is 405.
      return reject(res, 405, 'Method not allowed: this MCP server is stateless; send JSON-RPC with POST.', { allow: 'POST, OPTIONS' });
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, config.mcp.maxBodyBytes)).toString('utf8'));
    } catch (err) {
      if (err instanceof HttpError) return reject(res, err.status, err.message, { connection: 'close' });
      return reject(res, 400, 'Parse error: the request body is not valid JSON.', {}, -32700);
    }
    // Only tool calls count: they are the work (lookups against Sent). The handshake and the list
    // calls are cheap, and counting them would spend a client's budget before its first question.
    const calls = toolCalls(body);
    if (calls) {
      const caller = tokenId ?? `a:${req.socket.remoteAddress ?? 'unknown'}`;
      try {
        for (let i = 0; i < calls; i++) await limiter.take(caller);
      } catch (err) {
        if (!(err instanceof RateLimitedError)) throw err;
        logger.info(`MCP: 429 for ${err.who === 'caller' ? 'one client' : 'all clients'} (retry after ${err.retryAfterSeconds} s)`);
        return reject(res, 429, `${err.message} ${err.hint ?? ''}`.trim(), { 'retry-after': String(err.retryAfterSeconds) }, -32000, rpcId(body));
      }
    }
    await serve(req, res, body, ctx, logger);
  });
  app.addHealth('mcp', () => ({ path: MCP_PATH, transport: 'streamable-http', stateless: true, auth: token ? 'bearer' : 'none' }));
  return { authRequired: !!token };
}

async function serve(req: IncomingMessage, res: ServerResponse, body: unknown, ctx: ToolContext, logger: AppLogger): Promise<void> {
  const server = createMcpServer(ctx, { logger, lasting: false });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close().catch(() => undefined);
    void server.close().catch(() => undefined);
  });
  transport.onerror = (e) => logger.warn('MCP transport error:', e.message);
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

function reject(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}, code = -32000, id: string | number | null = null): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id }));
}

/** How many tools/call requests a POST body holds (a JSON-RPC message or a batch of them). */
function toolCalls(body: unknown): number {
  const msgs = Array.isArray(body) ? body : [body];
  return msgs.filter((m) => !!m && typeof m === 'object' && (m as { method?: unknown }).method === 'tools/call').length;
}

/** The id to answer with: the request's own when the body is one request, else null. */
function rpcId(body: unknown): string | number | null {
  const id = body && typeof body === 'object' && !Array.isArray(body) ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function clip(s: string | undefined): string {
  if (!s) return '(none)';
  const clean = s.replace(/[\p{C}]/gu, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}
