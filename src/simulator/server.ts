/**
 * A local Sent v3 simulator: a real node:http server with the endpoints sent-doctor uses, the
 * v3 envelope, Sent's documented error codes, sandbox sends that create queryable messages, a
 * seeded data set (seed.ts) and fault injection (faults.ts). It never delivers anything: a
 * send without `"sandbox": true` is refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../tools/context.js';
import { createFaultQueue, FaultSyntaxError, parseFaults, type Fault, type FaultRule } from './faults.js';
import {
  activitiesView,
  meRecord,
  messageView,
  regionOf,
  renderTemplate,
  SEED_TEMPLATES,
  seedCampaigns,
  seedMessages,
  seedProfiles,
  seedWebhooks,
  templateView,
  type SimMessage,
  type SimTemplate,
} from './seed.js';
import { validateSend, type SendPlan } from './send.js';

/** The demo key the simulator accepts. Never print it; show fingerprint(SIMULATOR_DEMO_KEY). */
export const SIMULATOR_DEMO_KEY = 'sk_test_sentDoctorSimDemoKey2026';

export interface SimulatorOptions {
  /** Accepted API keys (default: the demo key). */
  keys?: string[];
  /** Load the seeded messages (default true). */
  seed?: boolean;
  clock?: Clock;
}

export interface RequestLogEntry {
  method: string;
  /** The raw request target, exactly as received. */
  url: string;
  status: number;
  hasKey: boolean;
  faults: string[];
}

export interface ListeningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOG = 1000;
const MAX_STORED_SENDS = 10_000;
const DOCS = 'https://docs.sent.dm/errors/';

const STATUS_FAULT_CODE: Record<number, string> = { 500: 'INTERNAL_001', 502: 'INTERNAL_003', 503: 'SERVICE_001', 504: 'INTERNAL_004' };

export function createSimulator(opts: SimulatorOptions = {}) {
  const clock = opts.clock ?? { now: () => Date.now() };
  const keys = new Set(opts.keys ?? [SIMULATOR_DEMO_KEY]);
  const messages = new Map<string, SimMessage>();
  const templates = new Map<string, SimTemplate>(SEED_TEMPLATES.map((t) => [t.id, t]));
  if (opts.seed !== false) for (const m of seedMessages(clock.now())) messages.set(m.id, m);
  const faults = createFaultQueue();
  const requests: RequestLogEntry[] = [];
  const idempotent = new Map<string, { status: number; payload: string; requestId: string }>();
  let seq = 0;

  const log = (e: RequestLogEntry) => {
    requests.push(e);
    if (requests.length > MAX_LOG) requests.shift();
  };

  function envelope(requestId: string, data: unknown, error: unknown): string {
    return JSON.stringify({
      success: error === null,
      data: error === null ? data : null,
      error,
      meta: { request_id: requestId, timestamp: new Date(clock.now()).toISOString(), version: 'v3' },
    });
  }

  function apiError(code: string, message: string, details: Record<string, string[]> | null = null) {
    return { code, message, details, doc_url: code.startsWith('SIM_') ? null : `${DOCS}${code}` };
  }

  async function handler(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_sim_${(++seq).toString(36)}${randomBytes(3).toString('hex')}`;
    const method = req.method ?? 'GET';
    const entry: RequestLogEntry = { method, url: req.url ?? '', status: 0, hasKey: req.headers['x-api-key'] !== undefined, faults: [] };
    res.on('error', () => {
      /* the client went away; nothing to do */
    });
    const gone = () => res.destroyed || res.writableEnded || !!req.socket.destroyed;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      entry.status = status;
      log(entry);
      if (gone()) return;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
        'x-request-id': requestId,
        'x-api-version': 'v3',
        ...headers,
      });
      res.end(body);
    };
    const ok = (status: number, data: unknown, headers?: Record<string, string>) => send(status, envelope(requestId, data, null), headers);
    const fail = (status: number, err: ReturnType<typeof apiError>, headers?: Record<string, string>) =>
      send(status, envelope(requestId, null, err), headers);

    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://simulator.local').pathname;
    } catch {
      return fail(400, apiError('VALIDATION_001', 'Malformed request URL'));
    }

    // Faults first: a broken gateway fails before authentication does.
    let active: Fault[] = faults.take(method, path);
    const headerFault = req.headers['x-sim-fault'];
    if (typeof headerFault === 'string') {
      try {
        active = [...active, ...parseFaults(headerFault)];
      } catch (e) {
        return fail(400, apiError('SIM_FAULT_INVALID', `x-sim-fault: ${e instanceof FaultSyntaxError ? e.message : 'unreadable'}`));
      }
    }
    entry.faults = active.map((f) => f.kind);
    for (const f of active) {
      if (f.kind === 'latency') await new Promise((r) => setTimeout(r, f.ms).unref());
    }
    if (gone()) {
      entry.status = 499;
      log(entry);
      return;
    }
    for (const f of active) {
      if (f.kind === 'status')
        return fail(f.status, apiError(STATUS_FAULT_CODE[f.status]!, `Simulated HTTP ${f.status}`));
      if (f.kind === 'rate_limit')
        return fail(429, apiError('BUSINESS_002', 'Rate limit exceeded'), {
          'retry-after': String(f.retryAfterSeconds),
          'x-ratelimit-limit': '200',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(clock.now() / 1000) + f.retryAfterSeconds),
        });
      if (f.kind === 'malformed') return send(200, '{"success": true, "data": {"id": "msg_');
      if (f.kind === 'reset') {
        entry.status = 200;
        log(entry);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096', 'x-request-id': requestId });
        res.write('{"success": true, "data": {"status": "DELI');
        // Let the partial body leave before the socket dies, so the client sees a mid-body reset.
        setTimeout(() => req.socket.destroy(), 20).unref();
        return;
      }
    }

    if (method === 'GET' && (path === '/healthcheck' || path === '/health/live' || path === '/health/ready'))
      return send(200, JSON.stringify({ status: 'Healthy' }));
    if (!path.startsWith('/v3/')) return fail(404, apiError('SIM_NOT_FOUND', 'No such endpoint in the Sent simulator'));

    const key = req.headers['x-api-key'];
    if (key === undefined || key === '')
      return fail(401, apiError('AUTH_001', req.headers.authorization ? 'Missing x-api-key header (Authorization: Bearer is not accepted)' : 'Missing x-api-key header'));
    if (typeof key !== 'string' || !keys.has(key)) return fail(401, apiError('AUTH_002', 'Invalid or missing API key'));

    let segs: string[];
    try {
      segs = path.split('/').slice(2).map(decodeURIComponent);
    } catch {
      return fail(400, apiError('VALIDATION_001', 'Malformed path'));
    }
    const now = clock.now();

    if (method === 'GET') {
      if (segs.length === 1 && segs[0] === 'me') return ok(200, meRecord(now));
      if (segs[0] === 'messages' && segs.length === 2) {
        const m = messages.get(segs[1]!);
        return m ? ok(200, messageView(m, now)) : fail(404, apiError('RESOURCE_003', 'Message not found'));
      }
      if (segs[0] === 'messages' && segs.length === 3 && segs[2] === 'activities') {
        const m = messages.get(segs[1]!);
        return m
          ? ok(200, { message_id: m.id, activities: activitiesView(m, now) })
          : fail(404, apiError('RESOURCE_003', 'Message not found'));
      }
      if (segs[0] === 'templates' && segs.length === 2) {
        const t = templates.get(segs[1]!);
        if (!t) return fail(404, apiError('RESOURCE_002', 'Template not found'));
        return ok(200, templateView(t, now));
      }
      // The account lists (the account checkup reads them). Templates and webhooks are paged like
      // Sent's: page (1-indexed) and page_size are required; profiles and campaigns are not paged.
      if (segs.length === 1 && (segs[0] === 'templates' || segs[0] === 'webhooks')) {
        const all = segs[0] === 'templates' ? [...templates.values()].map((t) => templateView(t, now)) : seedWebhooks(now);
        const paged = page(req.url ?? '', all);
        if (paged.error) return fail(400, paged.error);
        return ok(200, { [segs[0]]: paged.items, pagination: paged.pagination });
      }
      if (segs.length === 1 && segs[0] === 'profiles') return ok(200, { profiles: seedProfiles(now) });
      if (segs.length === 3 && segs[0] === 'profiles' && segs[2] === 'campaigns') {
        const list = seedCampaigns(now)[segs[1]!];
        return list ? ok(200, list) : fail(404, apiError('RESOURCE_004', 'Profile not found'));
      }
    }
    if (segs.length === 1 && segs[0] === 'messages') {
      if (method !== 'POST') return fail(405, apiError('SIM_METHOD_NOT_ALLOWED', 'Use POST to send'));
      return handleSend(req, requestId, now, ok, fail);
    }
    return fail(404, apiError('SIM_NOT_FOUND', 'No such endpoint in the Sent simulator'));
  }

  /** One page of a list, as Sent pages it; a missing or out-of-range page/page_size is a validation error. */
  function page<T>(url: string, all: T[]) {
    const q = new URL(url, 'http://simulator.local').searchParams;
    const missing = ['page', 'page_size'].filter((k) => !q.get(k));
    if (missing.length)
      return { error: apiError('VALIDATION_004', 'Required query parameter missing', Object.fromEntries(missing.map((k) => [k, ['required']]))) };
    const n = Number(q.get('page'));
    const size = Number(q.get('page_size'));
    if (!Number.isInteger(n) || n < 1) return { error: apiError('VALIDATION_005', 'Out of range', { page: ['must be 1 or more'] }) };
    if (!Number.isInteger(size) || size < 1 || size > 100) return { error: apiError('VALIDATION_005', 'Out of range', { page_size: ['must be 1–100'] }) };
    const totalPages = Math.max(1, Math.ceil(all.length / size));
    return {
      error: undefined,
      items: all.slice((n - 1) * size, n * size),
      pagination: { page: n, page_size: size, total_count: all.length, total_pages: totalPages, has_more: n < totalPages, cursors: null },
    };
  }

  async function handleSend(
    req: IncomingMessage,
    requestId: string,
    now: number,
    ok: (status: number, data: unknown, headers?: Record<string, string>) => void,
    fail: (status: number, err: ReturnType<typeof apiError>, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const idemKey = req.headers['idempotency-key'];
    if (idemKey !== undefined && (typeof idemKey !== 'string' || !/^[a-zA-Z0-9_-]{1,255}$/.test(idemKey)))
      return fail(400, apiError('VALIDATION_007', 'Invalid Idempotency-Key'));
    const raw = await readBody(req);
    if (raw === null) return fail(413, apiError('VALIDATION_001', 'Request body too large', { body: ['at most 1 MB'] }));
    if (typeof idemKey === 'string') {
      const cached = idempotent.get(idemKey);
      if (cached) return ok(cached.status, JSON.parse(cached.payload), { 'idempotent-replayed': 'true', 'x-original-request-id': cached.requestId, 'x-sandbox': 'true' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fail(400, apiError('VALIDATION_001', 'Request body is not valid JSON', { body: ['not valid JSON'] }));
    }
    const checked = validateSend(body, (idOrName) => findTemplate(idOrName));
    if (!checked.ok) return fail(checked.status, apiError(checked.code, checked.message, checked.details));
    const data = createMessages(checked.plan, now);
    if (typeof idemKey === 'string') {
      idempotent.set(idemKey, { status: 202, payload: JSON.stringify(data), requestId });
      if (idempotent.size > MAX_STORED_SENDS) idempotent.delete(idempotent.keys().next().value!);
    }
    return ok(202, data, { 'x-sandbox': 'true' });
  }

  function findTemplate(ref: { id?: string; name?: string }): SimTemplate | undefined {
    if (ref.id) return templates.get(ref.id);
    return [...templates.values()].find((t) => t.name === ref.name);
  }

  /** Fan-out per recipient × channel (the SDK's broadcast semantics), each a sandbox message that progresses with the clock. */
  function createMessages(plan: SendPlan, now: number) {
    const recipients = [];
    for (const to of plan.to) {
      for (const requested of plan.channels) {
        const id = `msg_test_${randomBytes(6).toString('hex')}`;
        let channel = requested === 'sent' ? 'sms' : requested;
        const extra: Record<string, unknown> = {};
        const t = plan.template;
        const approved = !t || t.status === 'APPROVED';
        if (!approved && channel === 'whatsapp' && plan.fallback === 'sms') {
          channel = 'sms';
          Object.assign(extra, { channel_attempted: 'whatsapp', fallback_reason: 'template_not_approved' });
        }
        const content = t ? renderTemplate(t, plan.parameters) : (plan.text ?? '');
        const blocked = !approved && !(extra.fallback_reason === 'template_not_approved' && t?.channels.includes('sms'));
        const steps = blocked
          ? [
              { at: now, status: 'QUEUED', description: 'Message accepted (sandbox)' },
              { at: now + 1000, status: 'BLOCKED', description: `BUSINESS_005: template ${t!.name} is not approved (status ${t!.status})` },
            ]
          : [
              { at: now, status: 'QUEUED', description: 'Message accepted (sandbox)' },
              { at: now + 1000, status: 'ROUTED', description: `Routed to ${channel} (sandbox)` },
              { at: now + 2000, status: 'SENT', description: 'Sent (simulated: sandbox)', from: plan.senderProfileId ? '+14155550199' : '+14155550100' },
              {
                at: now + 4000,
                status: 'DELIVERED',
                description: 'Delivered (simulated: sandbox, nothing reached a phone)',
                from: plan.senderProfileId ? '+14155550199' : '+14155550100',
                price: '0.0000',
              },
            ];
        if (blocked) Object.assign(extra, { reason_code: 'BUSINESS_005', reason: `Template ${t!.name} is not approved` });
        const fields: Record<string, unknown> = {
          message_id: id,
          phone: to,
          region_code: regionOf(to),
          channel,
          created_at: new Date(now).toISOString(),
          template_id: t?.id ?? null,
          template_name: t?.name ?? null,
          template_category: t?.category ?? null,
          ...(t ? { template_variables: plan.parameters } : {}),
          message_body: { content, header: null, footer: null, buttons: null },
          price: 0,
          sandbox: true,
          ...(plan.senderProfileId ? { sender_profile_id: plan.senderProfileId } : {}),
          ...extra,
        };
        messages.set(id, { id, dialect: 'guide', fields, steps });
        if (messages.size > MAX_STORED_SENDS) messages.delete(messages.keys().next().value!);
        recipients.push({ message_id: id, to, channel: requested, body: requested === 'sent' ? null : content });
      }
    }
    const t = plan.template;
    return { status: 'QUEUED', template_id: t?.id ?? null, template_name: t?.name ?? null, recipients };
  }

  function readBody(req: IncomingMessage): Promise<string | null> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) over = true;
        else chunks.push(c);
      });
      req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
      req.on('error', () => resolve(null));
    });
  }

  const safeHandler = (req: IncomingMessage, res: ServerResponse) => {
    handler(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(envelope('req_sim_error', null, apiError('INTERNAL_001', 'Simulator error')));
      }
    });
  };

  return {
    /** The request handler, for mounting on another server. */
    handler: safeHandler,
    async listen(port = 0, host = '127.0.0.1'): Promise<ListeningSimulator> {
      const server: Server = createServer(safeHandler);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      return {
        url: `http://${shownHost}:${addr.port}`,
        port: addr.port,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
    },
    injectFault(rule: FaultRule): void {
      faults.add(rule);
    },
    clearFaults(): void {
      faults.clear();
    },
    /** Every message the simulator knows, by ID (seeded and sandbox-sent). */
    messages: messages as ReadonlyMap<string, SimMessage>,
    templates: templates as ReadonlyMap<string, SimTemplate>,
    /** The last 1000 requests, oldest first. */
    requests: requests as readonly RequestLogEntry[],
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
