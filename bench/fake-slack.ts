/**
 * A fake Slack Web API on 127.0.0.1 for the Slack benchmarks: answers every method `{ ok: true }`
 * (auth.test with the bench bot's IDs), and notes when the first chat.postMessage of each thread
 * arrives, so that "event in → reply out" is timed where Slack would see the reply.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQs } from 'node:querystring';
import { now } from './stats.js';

export const BENCH_BOT = { userId: 'U0BENCHBOT', botId: 'B0BENCHBOT', teamId: 'T0BENCH01' } as const;

export interface Reply {
  at: number;
  /** The message's text and its blocks (as JSON), for checks on what was answered. */
  text: string;
}

export interface FakeSlack {
  url: string;
  /** For SLACK_API_URL. */
  apiUrl: string;
  /** Resolves with the arrival time (performance.now()) and text of the first chat.postMessage in this thread. */
  replyIn(channel: string, threadTs: string, timeoutMs: number): Promise<Reply>;
  counts(): Record<string, number>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const counts: Record<string, number> = {};
  const arrived = new Map<string, Reply>();
  const waiting = new Map<string, (r: Reply) => void>();
  let ts = 1_790_000_000;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = now();
      const method = (req.url ?? '/').split('?')[0]!.replace(/^\/api\//, '');
      counts[method] = (counts[method] ?? 0) + 1;
      const send = (o: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (method === 'auth.test')
        return send({ ok: true, url: 'https://bench.slack.invalid/', team: 'Bench', user: 'sent-doctor', team_id: BENCH_BOT.teamId, user_id: BENCH_BOT.userId, bot_id: BENCH_BOT.botId });
      if (method === 'chat.postMessage') {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = (req.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : parseQs(raw);
        const thread = typeof body.thread_ts === 'string' ? `${String(body.channel)}:${body.thread_ts}` : undefined;
        if (thread && !arrived.has(thread)) {
          const blocks = typeof body.blocks === 'string' ? body.blocks : JSON.stringify(body.blocks ?? []);
          const reply = { at, text: `${String(body.text ?? '')}\n${blocks}` };
          arrived.set(thread, reply);
          waiting.get(thread)?.(reply);
          waiting.delete(thread);
        }
        return send({ ok: true, channel: body.channel, ts: `${++ts}.000100` });
      }
      return send({ ok: true });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // Keeps the arrival (a second post in the thread is not a first reply) but not the body.
  const take = (thread: string, r: Reply): Reply => {
    arrived.set(thread, { at: r.at, text: '' });
    return r;
  };

  return {
    url,
    apiUrl: `${url}/api/`,
    counts: () => ({ ...counts }),
    replyIn: (channel, threadTs, timeoutMs) =>
      new Promise((resolve, reject) => {
        const thread = `${channel}:${threadTs}`;
        const done = arrived.get(thread);
        if (done !== undefined) return resolve(take(thread, done));
        const timer = setTimeout(() => {
          waiting.delete(thread);
          reject(new Error(`no chat.postMessage in thread ${thread} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(thread, (r) => {
          clearTimeout(timer);
          resolve(take(thread, r));
        });
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
