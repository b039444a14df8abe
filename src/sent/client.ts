/**
 * The Sent v3 API client (undici). Small on purpose: one request loop with timeouts, bounded
 * retries for GETs only (see retry.ts), a size-capped body read, the v3 envelope read with
 * the lenient record schemas, and every failure turned into a typed error (see errors.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { CallOptions, Logger, SentApi } from '../../tools/context.js';
import { ConfigError, InputError, SentUnreachableError } from '../../tools/errors.js';
import { describeBadId, isMessageId } from '../../tools/domain/message-id.js';
import { fingerprint } from '../../tools/domain/redact.js';
import {
  ActivitiesData,
  Envelope,
  MeRecord,
  MessageRecord,
  SendResult,
  TemplateRecord,
  type ActivityRecord,
} from '../../tools/domain/records/schema.js';
import { CampaignRecord, ProfileRecord, TemplateListItem, WebhookRecord, readPage, type Listed } from '../../tools/domain/checkup/records.js';
import { DEFAULT_RETRY, decideRetry, parseRetryAfter, type RetryPolicy } from './retry.js';
import { safeRequestId, toSentApiError, toServerError } from './errors.js';

export interface SentClientOptions {
  apiKey: string;
  baseUrl: string;
  /** Whole-request budget per attempt (headers and body). */
  timeoutMs: number;
  connectTimeoutMs: number;
  maxRetries: number;
  logger: Logger;
  /** Tests and the embedded simulator may pass their own; otherwise an Agent is created. */
  dispatcher?: Dispatcher;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Backoff tuning; maxRetries above wins. */
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
}

export type SentClient = SentApi & { close(): Promise<void> };

/** Responses larger than this are refused: no Sent record comes close. */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** Largest sandbox send body we forward. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const KEY_RE = /^[\x21-\x7e]{8,512}$/;
/** List reading (the checkup): items per page and the most pages read before stopping. */
export const LIST_PAGE_SIZE = 100;
export const MAX_LIST_PAGES = 20;
/** Template IDs: `tmpl_…`, UUIDs, or other plain tokens; never a path. */
const TEMPLATE_ID_RE = /^[A-Za-z0-9_-]{1,100}$/;

/** A list page's `data`: an object (`{<items>, pagination}`) or a bare array; readPage looks inside. */
const PageData = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

const NETWORK_REASON: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed before the answer was complete',
  UND_ERR_CLOSED: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};
/** Network failures worth another try (a wrong host name is not). */
const RETRYABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

function errCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

type Outcome =
  | { ok: true; status: number; headers: IncomingHttpHeaders; text: string }
  | { ok: false; error: SentUnreachableError; retryable: boolean };

export function createSentClient(opts: SentClientOptions): SentClient {
  if (!KEY_RE.test(opts.apiKey))
    throw new InputError('The API key is empty, too short, or contains spaces, quotes or non-printable characters.', {
      hint: 'Copy the key again from Dashboard → API Keys with the copy button.',
    });
  let base: URL;
  try {
    base = new URL(opts.baseUrl);
  } catch {
    throw new ConfigError('SENT_BASE_URL is not a valid URL.', { hint: 'Use https://api.sent.dm, or the simulator URL printed by `sent-doctor simulate`.' });
  }
  if (!/^https?:$/.test(base.protocol) || base.username || base.password || base.search || base.hash)
    throw new ConfigError('SENT_BASE_URL must be a plain http(s) URL without credentials, query or fragment.');
  const baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;

  const { apiKey, logger } = opts;
  const ownAgent = opts.dispatcher
    ? undefined
    : new Agent({
        connect: { timeout: opts.connectTimeoutMs },
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
        keepAliveTimeout: 10_000,
      });
  const dispatcher = opts.dispatcher ?? ownAgent!;
  const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const random = opts.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry, maxRetries: Math.max(0, Math.min(opts.maxRetries, 5)) };
  const where = base.origin;

  /** One HTTP exchange; never throws (failures come back as an Outcome). */
  async function attempt(method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal | undefined, op: string): Promise<Outcome> {
    const timer = AbortSignal.timeout(opts.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timer]) : timer;
    try {
      const res = await request(`${baseUrl}${path}`, {
        method,
        dispatcher,
        signal: combined,
        headers: {
          'x-api-key': apiKey,
          accept: 'application/json',
          'user-agent': 'sent-doctor',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body,
      });
      const declared = Number(header(res.headers, 'content-length'));
      if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
        res.body.destroy();
        return { ok: false, retryable: false, error: tooLarge(op) };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_RESPONSE_BYTES) {
          res.body.destroy();
          return { ok: false, retryable: false, error: tooLarge(op) };
        }
        chunks.push(chunk as Buffer);
      }
      return { ok: true, status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') };
    } catch (e) {
      if (signal?.aborted)
        return { ok: false, retryable: false, error: new SentUnreachableError(`The request to Sent (${op}) was cancelled.`, 'timeout', { cause: e }) };
      const code = errCode(e);
      if (timer.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
        // Not retried: a slow Sent would make the caller wait (retries + 1) × the timeout.
        return {
          ok: false,
          retryable: false,
          error: new SentUnreachableError(`Sent did not answer ${op} within ${opts.timeoutMs} ms.`, 'timeout', {
            hint: `Check the Sent status page and your network; SENT_TIMEOUT_MS raises the limit. Base URL: ${where}.`,
            detail: `${op}: ${code ?? (e as Error)?.name}`,
            cause: e,
          }),
        };
      const reason = (code && NETWORK_REASON[code]) ?? 'network error';
      return {
        ok: false,
        retryable: !!code && RETRYABLE_NETWORK.has(code),
        error: new SentUnreachableError(`Could not reach Sent at ${where} (${reason}).`, code === 'UND_ERR_CONNECT_TIMEOUT' ? 'timeout' : 'network', {
          hint: 'Check SENT_BASE_URL, your network or proxy, and the Sent status page.',
          detail: `${op}: ${code ?? (e as Error)?.name}`,
          cause: e,
        }),
      };
    }
  }

  function tooLarge(op: string) {
    return new SentUnreachableError(`Sent's answer to ${op} was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; refused.`, 'malformed');
  }

  function malformed(op: string, what: string, status: number) {
    return new SentUnreachableError(`Sent answered ${op} with ${what} (HTTP ${status}).`, 'malformed', {
      hint: `Check that SENT_BASE_URL (${where}) points at the Sent API, not a proxy or web page.`,
    });
  }

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    callOpts: CallOptions | undefined,
    body?: string,
  ): Promise<z.output<S>> {
    const op = `${method} ${path}`;
    for (let retry = 0; ; retry++) {
      const started = Date.now();
      const out = await attempt(method, path, body, callOpts?.signal, op);
      let status: number | undefined;
      let retryAfterMs: number | undefined;
      let failure: Error;
      if (!out.ok) {
        logger.debug(`sent ${op} failed: ${out.error.message}`);
        if (!out.retryable) throw out.error;
        failure = out.error;
      } else {
        status = out.status;
        let json: unknown;
        let parsedOk = true;
        try {
          json = out.text ? JSON.parse(out.text) : undefined;
        } catch {
          parsedOk = false;
        }
        const env = parsedOk ? Envelope.safeParse(json) : undefined;
        const envelope = env?.success ? env.data : undefined;
        const requestId = safeRequestId(envelope?.meta?.request_id, header(out.headers, 'x-request-id'));
        logger.debug(`sent ${op} → ${status}${envelope?.error?.code ? ` ${envelope.error.code}` : ''} in ${Date.now() - started} ms${requestId ? ` (${requestId})` : ''}`);

        if (status >= 200 && status < 300) {
          if (!parsedOk) throw malformed(op, 'a body that is not valid JSON', status);
          if (!envelope) throw malformed(op, 'JSON that is not a v3 envelope', status);
          if (envelope.success) {
            const data = schema.safeParse(envelope.data);
            if (!data.success) throw malformed(op, 'a record of an unexpected shape', status);
            return data.data;
          }
          throw toSentApiError({ status, envelope, requestId, operation: op, secrets: [apiKey] });
        }
        if (status >= 300 && status < 400) throw malformed(op, 'a redirect', status);

        retryAfterMs = parseRetryAfter(out.headers['retry-after'], Date.now());
        const ctx = {
          status,
          envelope,
          requestId,
          operation: op,
          secrets: [apiKey],
          retryAfterSeconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : undefined,
        };
        failure = status >= 500 ? toServerError(ctx, retry + 1) : toSentApiError(ctx);
      }
      const decision = decideRetry(method, retry, status, retryAfterMs, policy, random);
      if (!decision.retry) throw failure;
      logger.info(`sent ${op}: ${status ?? failure.message}; retry ${retry + 1} of ${policy.maxRetries} in ${decision.delayMs} ms`);
      try {
        await sleep(decision.delayMs, callOpts?.signal);
      } catch (e) {
        throw new SentUnreachableError(`The request to Sent (${op}) was cancelled.`, 'timeout', { cause: e });
      }
    }
  }

  const messagePath = (id: string, suffix = '') => {
    if (typeof id !== 'string' || !isMessageId(id))
      throw new InputError(`"${describeBadId(String(id))}" is not a Sent message ID.`, {
        hint: 'A message ID is a UUID (e.g. 8ba7b830-9dad-11d1-80b4-00c04fd430c8) or starts with msg_ (e.g. msg_test_…).',
      });
    return `/v3/messages/${encodeURIComponent(id)}${suffix}`;
  };

  /**
   * Every page of a v3 list: `page`/`page_size` until `has_more` is false (or the page is empty),
   * at most MAX_LIST_PAGES pages. Each page is one GET through `call`, so it gets the same error
   * mapping and retries; items that are not records are skipped, not fatal.
   */
  async function listAll<S extends z.ZodType>(path: string, key: string, schema: S, callOpts: CallOptions | undefined): Promise<Listed<z.output<S>>> {
    const items: z.output<S>[] = [];
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const data = await call('GET', `${path}?page=${page}&page_size=${LIST_PAGE_SIZE}`, PageData, callOpts);
      const read = readPage(data, key);
      if (!read) throw malformed(`GET ${path}`, 'a list of an unexpected shape', 200);
      for (const raw of read.items) {
        const r = schema.safeParse(raw);
        if (r.success) items.push(r.data);
      }
      if (!read.hasMore || read.items.length === 0) return { items, complete: true };
    }
    logger.warn(`sent GET ${path}: more than ${MAX_LIST_PAGES} pages of ${LIST_PAGE_SIZE}; read the first ${items.length} items only`);
    return { items, complete: false };
  }

  return {
    baseUrl,
    keyFingerprint: fingerprint(apiKey),
    async getMessage(id, o) {
      return call('GET', messagePath(id), MessageRecord, o);
    },
    async getActivities(id, o): Promise<ActivityRecord[]> {
      const data = await call('GET', messagePath(id, '/activities'), ActivitiesData, o);
      return data.activities;
    },
    async getMe(o) {
      return call('GET', '/v3/me', MeRecord, o);
    },
    async getTemplate(id, o) {
      if (typeof id !== 'string' || !TEMPLATE_ID_RE.test(id))
        throw new InputError(`"${describeBadId(String(id))}" is not a template ID.`, { hint: 'Template IDs look like tmpl_… or a UUID.' });
      return call('GET', `/v3/templates/${encodeURIComponent(id)}`, TemplateRecord, o);
    },
    async sendSandbox(body, o) {
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError('The message body must be a JSON object.');
      // sandbox is forced last so no caller field can turn it off.
      const text = JSON.stringify({ ...body, sandbox: true });
      if (Buffer.byteLength(text) > MAX_REQUEST_BYTES) throw new InputError(`The message body is larger than ${MAX_REQUEST_BYTES / 1024} kB.`);
      return call('POST', '/v3/messages', SendResult, o, text);
    },
    async listTemplates(o) {
      return listAll('/v3/templates', 'templates', TemplateListItem, o);
    },
    async listWebhooks(o) {
      const l = await listAll('/v3/webhooks', 'webhooks', WebhookRecord, o);
      // The signing secret is a credential: it never leaves the client.
      return { ...l, items: l.items.map(({ signing_secret: _secret, ...w }) => w) };
    },
    async listProfiles(o) {
      return listAll('/v3/profiles', 'profiles', ProfileRecord, o);
    },
    async listCampaigns(profileId, o) {
      if (typeof profileId !== 'string' || !TEMPLATE_ID_RE.test(profileId))
        throw new InputError(`"${describeBadId(String(profileId))}" is not a profile ID.`, { hint: 'Profile IDs are UUIDs.' });
      return listAll(`/v3/profiles/${encodeURIComponent(profileId)}/campaigns`, 'campaigns', CampaignRecord, o);
    },
    async close() {
      await ownAgent?.close();
    },
  };
}
