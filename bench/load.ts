/**
 * Sustained load on one `serve` process over loopback, for a bounded time per phase: /mcp alone
 * (tools/call diagnose, stateless POSTs), /slack/events alone (signed mentions, timed to the
 * reply at the fake Slack), then both at once. Closed loops with a fixed number of workers:
 * throughput is what the server keeps up with, p99 the latency each worker saw.
 */
import { Pool } from 'undici';
import type { Budget } from './budget.js';
import { budget } from './budget.js';
import type { FakeSlack } from './fake-slack.js';
import type { IdPool } from './sim-ids.js';
import { memoryOf, progress, sampleRss } from './proc.js';
import type { ServeChild } from './serve.js';
import { eventSender } from './slack-events.js';
import { LOOKED_UP, slackText } from './slack.js';
import { now, summarise, type Latency } from './stats.js';
import { loadQuestions } from './triage.js';

export const MCP_WORKERS = 8;
export const SLACK_WORKERS = 8;
const WARMUP_MS = 1_000;
/** Upper bound of requests in one phase, whatever the time left. */
const MAX_OPS = 50_000;

export interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  perSecond: number;
  latency: Latency;
  firstError?: string;
}

export interface LoadRun {
  mcp: LoadResult;
  slack: LoadResult;
  mixed: { mcp: LoadResult; slack: LoadResult };
  /** Peak VmRSS seen while each phase ran, and serve's lifetime high-water mark at the end (MB). */
  phasePeakMb: { mcp: number; slack: number; mixed: number };
  hwmMb: number;
}

async function closedLoop(workers: number, b: Budget, op: () => Promise<number>): Promise<LoadResult> {
  const samples: number[] = [];
  let errors = 0;
  let started = 0;
  let firstError: string | undefined;
  const t0 = now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!b.over() && started < MAX_OPS) {
        started++;
        try {
          samples.push(await op());
        } catch (e) {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
        }
      }
    }),
  );
  const seconds = (now() - t0) / 1000;
  return { ok: samples.length, errors, seconds, perSecond: samples.length / seconds, latency: summarise(samples), firstError };
}

function mcpCaller(url: string): { op: () => Promise<number>; close: () => Promise<void> } {
  const origin = new URL(url).origin;
  const pool = new Pool(origin, { connections: 32 });
  const texts = loadQuestions();
  let n = 0;
  return {
    async op() {
      const i = n++;
      const body = JSON.stringify({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name: 'diagnose', arguments: { text: texts[i % texts.length], lookups: false } } });
      const t0 = now();
      const res = await pool.request({
        path: '/mcp',
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      const text = await res.body.text();
      const ms = now() - t0;
      if (res.statusCode !== 200 || !text.includes('"result"') || text.includes('"isError":true')) throw new Error(`/mcp answered ${res.statusCode}: ${text.slice(0, 200)}`);
      return ms;
    },
    close: () => pool.close(),
  };
}

export async function loadPhases(serve: ServeChild, slack: FakeSlack, ids: IdPool, phaseMs: number): Promise<LoadRun> {
  const mcp = mcpCaller(serve.url);
  const sender = eventSender(serve.url, slack);
  const slackOp = async () => {
    const id = ids.next();
    const { ms, reply } = await sender.mention(slackText(id));
    if (!reply.includes(LOOKED_UP(id))) throw new Error(`the reply about ${id} does not show its looked-up status: ${JSON.stringify(reply.slice(0, 200))}`);
    return ms;
  };
  const phase = async <T>(name: string, run: (b: Budget) => Promise<T>): Promise<[T, number]> => {
    progress(`  load: ${name} for ${(phaseMs / 1000).toFixed(1)} s…`);
    const rss = sampleRss(serve.child.pid);
    const out = await run(budget(phaseMs));
    return [out, rss.stop()];
  };
  try {
    // Warm-up (JIT on both sides, connection pools), not measured.
    await Promise.all([closedLoop(MCP_WORKERS / 2, budget(WARMUP_MS), mcp.op), closedLoop(SLACK_WORKERS / 2, budget(WARMUP_MS), slackOp)]);
    const [m, mPeak] = await phase('/mcp', (b) => closedLoop(MCP_WORKERS, b, mcp.op));
    const [s, sPeak] = await phase('/slack/events', (b) => closedLoop(SLACK_WORKERS, b, slackOp));
    const [mixed, xPeak] = await phase('/mcp + /slack/events', async (b) => {
      const [mm, ss] = await Promise.all([closedLoop(MCP_WORKERS / 2, b, mcp.op), closedLoop(SLACK_WORKERS / 2, b, slackOp)]);
      return { mcp: mm, slack: ss };
    });
    return { mcp: m, slack: s, mixed, phasePeakMb: { mcp: mPeak, slack: sPeak, mixed: xPeak }, hwmMb: memoryOf(serve.child.pid)?.hwmMb ?? NaN };
  } finally {
    await mcp.close();
    await sender.close();
  }
}
