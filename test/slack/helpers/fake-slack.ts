/**
 * A local fake of the Slack Web API (and of response_url hooks) on 127.0.0.1: records every call
 * with its parsed body and answers `{ ok: true, … }`. Methods it does not know are recorded as
 * unexpected, so a test can fail on them; single methods can be told to fail with a Slack error.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQs } from 'node:querystring';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `response_url` for a hook. */
  method: string;
  body: Record<string, any>;
  /** For response_url calls: the hook path. */
  path: string;
  auth?: string;
}

export const KNOWN_METHODS = new Set([
  'auth.test',
  'chat.postMessage',
  'chat.postEphemeral',
  'chat.update',
  'reactions.add',
  'reactions.remove',
  'views.open',
  'views.update',
  'views.publish',
  'views.push',
  'assistant.threads.setStatus',
  'assistant.threads.setSuggestedPrompts',
  'assistant.threads.setTitle',
  'apps.connections.open',
]);

export const BOT = { userId: 'U0BOTSDOC', botId: 'B0BOTSDOC', teamId: 'T0TEAM001' } as const;

export interface FakeSlack {
  url: string;
  /** For clientOptions.slackApiUrl. */
  apiUrl: string;
  calls: RecordedCall[];
  unexpected: RecordedCall[];
  of(method: string): RecordedCall[];
  /** Answer `{ ok: false, error }` for a method from now on. */
  failWith(method: string, error: string): void;
  /** Resolves when `n` calls of `method` have been recorded. */
  waitFor(method: string, n?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, type: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (type?.includes('application/json')) return JSON.parse(raw);
  const qs = parseQs(raw) as Record<string, any>;
  // The WebClient form-encodes arrays and objects as JSON strings.
  for (const [k, v] of Object.entries(qs)) {
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        qs[k] = JSON.parse(v);
      } catch {
        /* keep the string */
      }
    }
  }
  return qs;
}

export async function startFakeSlack(o: { socketUrl?: string } = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const unexpected: RecordedCall[] = [];
  const failures = new Map<string, string>();
  const waiters: Array<() => void> = [];
  let ts = 1_780_000_000;
  let viewN = 0;

  const server = createServer(async (req, res) => {
    const raw = await readAll(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const body = parseBody(raw, req.headers['content-type']);
    const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    const send = (o: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
    if (path.startsWith('/hooks/')) {
      calls.push({ method: 'response_url', body, path, auth });
      waiters.forEach((w) => w());
      res.writeHead(200).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const call = { method, body, path, auth };
    calls.push(call);
    waiters.forEach((w) => w());
    if (!KNOWN_METHODS.has(method)) {
      unexpected.push(call);
      return send({ ok: false, error: 'unknown_method' });
    }
    const fail = failures.get(method);
    if (fail) return send({ ok: false, error: fail });
    switch (method) {
      case 'auth.test':
        return send({ ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'sent-doctor', team_id: BOT.teamId, user_id: BOT.userId, bot_id: BOT.botId });
      case 'chat.postMessage':
        return send({ ok: true, channel: body.channel, ts: `${++ts}.000100`, message: { text: body.text } });
      case 'apps.connections.open':
        return o.socketUrl ? send({ ok: true, url: o.socketUrl }) : send({ ok: false, error: 'not_allowed_token_type' });
      case 'chat.postEphemeral':
        return send({ ok: true, message_ts: `${++ts}.000100` });
      case 'views.open':
      case 'views.update':
      case 'views.publish':
      case 'views.push':
        return send({ ok: true, view: { id: body.view_id ?? `V0VIEW${++viewN}`, ...(typeof body.view === 'object' ? body.view : {}) } });
      default:
        return send({ ok: true });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const of = (m: string) => calls.filter((c) => c.method === m);
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    unexpected,
    of,
    failWith: (m, e) => void failures.set(m, e),
    waitFor: (method, n = 1, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (of(method).length >= n) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve(of(method));
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out waiting for ${n} × ${method}; saw ${calls.map((c) => c.method).join(', ') || 'nothing'}`));
        }, timeoutMs);
        if (!check()) waiters.push(check);
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
