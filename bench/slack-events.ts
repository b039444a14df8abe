/**
 * Signed Slack Events API deliveries (app_mention) for the benchmarks, and the loop that sends one
 * and waits for the reply at the fake Slack. Each delivery has its own event_id and thread, with
 * a run token in both, so that dedupe and thread memory (which outlive a run in Redis) never see
 * a delivery twice.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { BENCH_BOT, type FakeSlack } from './fake-slack.js';
import { now } from './stats.js';

/** A test secret for the bench only; never a real app's. */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
export const BENCH_BOT_TOKEN = 'xoxb-0000000000-0000000000000-benchNotARealToken00';

export interface EventSender {
  /** Sends one mention with `text` and resolves with the ms from send to the reply's arrival, and the reply's text. */
  mention(text: string, timeoutMs?: number): Promise<{ ms: number; reply: string }>;
  close(): Promise<void>;
}

export function eventSender(baseUrl: string, slack: FakeSlack): EventSender {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections: 32, pipelining: 1 });
  const run = randomBytes(4).toString('hex');
  const channel = `C0B${run.toUpperCase()}`;
  const base = Math.floor(Date.now() / 1000);
  let n = 0;

  return {
    async mention(text, timeoutMs = 10_000) {
      const i = ++n;
      const ts = `${base + Math.floor(i / 100_000)}.${String(i % 100_000).padStart(6, '0')}`;
      const body = JSON.stringify({
        token: 'bench',
        team_id: BENCH_BOT.teamId,
        api_app_id: 'A0BENCH001',
        type: 'event_callback',
        event_id: `Ev${run}${i}`,
        event_time: base,
        authorizations: [{ enterprise_id: null, team_id: BENCH_BOT.teamId, user_id: BENCH_BOT.userId, is_bot: true, is_enterprise_install: false }],
        event: { type: 'app_mention', user: `U0USER${i % 50}`, ts, event_ts: ts, channel, team: BENCH_BOT.teamId, text: `<@${BENCH_BOT.userId}> ${text}` },
      });
      const stamp = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', BENCH_SIGNING_SECRET).update(`v0:${stamp}:${body}`).digest('hex')}`;
      const t0 = now();
      const reply = slack.replyIn(channel, ts, timeoutMs);
      const res = await pool.request({
        path: '/slack/events',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': stamp, 'x-slack-signature': signature },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await res.body.dump();
      if (res.statusCode !== 200) {
        reply.catch(() => undefined);
        throw new Error(`/slack/events answered ${res.statusCode}`);
      }
      const r = await reply;
      return { ms: r.at - t0, reply: r.text };
    },
    close: () => pool.close(),
  };
}
