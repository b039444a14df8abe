/**
 * The one HTTP server of `serve`: /healthz plus whatever the surfaces mount (/mcp, /slack/events).
 * Plain node:http; each route gets the raw request and response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../tools/context.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface Health {
  /** Extra fields for /healthz (store state, demo mode…). Must not contain secrets. */
  (): Promise<Record<string, unknown>> | Record<string, unknown>;
}

export interface HttpApp {
  mount(path: string, handler: RouteHandler): void;
  addHealth(name: string, fn: Health): void;
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stop accepting, wait for in-flight requests (bounded), then close. */
  close(graceMs?: number): Promise<void>;
  readonly server: Server;
  inFlight(): number;
}

export function createHttpApp(logger: Logger): HttpApp {
  const routes = new Map<string, RouteHandler>();
  const health = new Map<string, Health>();
  let inFlight = 0;
  let closing = false;

  const server = createServer(async (req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const extra: Record<string, unknown> = {};
        for (const [name, fn] of health) extra[name] = await fn();
        const body = JSON.stringify({ ok: !closing, status: closing ? 'shutting_down' : 'ok', ...extra });
        res.writeHead(closing ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
        return;
      }
      const handler = routes.get(path);
      if (!handler) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', path: path.slice(0, 100) }));
        return;
      }
      if (closing) {
        res.writeHead(503, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ error: 'shutting_down' }));
        return;
      }
      await handler(req, res);
    } catch (err) {
      logger.error('unhandled error in HTTP handler:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal_error' }));
    }
  });
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;

  return {
    server,
    mount: (path, handler) => void routes.set(path, handler),
    addHealth: (name, fn) => void health.set(name, fn),
    inFlight: () => inFlight,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ url: `http://${h}:${a.port}`, port: a.port });
        });
      }),
    close: async (graceMs = 10_000) => {
      closing = true;
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Read a request body up to `limit` bytes; rejects with a status-carrying error past it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `Request body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
