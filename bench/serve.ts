/**
 * `sent-doctor serve` as the benchmarks run it: on 127.0.0.1, the simulator as the Sent API (its
 * public demo key), Slack in HTTP mode against the fake Slack with the bench's test secrets, rate
 * limits raised out of the way (the load would otherwise be answered "slow down"), and
 * optionally Redis. The idle memory is read once it has settled.
 */
import { SIMULATOR_DEMO_KEY } from '../src/simulator/index.js';
import type { FakeSlack } from './fake-slack.js';
import { childEnv, CLI, fixture, memoryOf, sleep, startNode, type Child } from './proc.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './slack-events.js';
import { now } from './stats.js';

export interface ServeChild {
  child: Child;
  url: string;
  startMs: number;
  /** After start-up and a short settle, before any traffic. */
  idle: { rssMb: number; hwmMb: number };
}

const SETTLE_MS = 1_500;

export async function startServeChild(simUrl: string, slack: FakeSlack, redisUrl?: string): Promise<ServeChild> {
  const t0 = now();
  const { child, match } = await startNode(
    CLI,
    ['serve'],
    childEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      SENT_BASE_URL: simUrl,
      SENT_DM_API_KEY: SIMULATOR_DEMO_KEY,
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      RATE_LIMIT_USER_PER_MIN: '100000',
      RATE_LIMIT_GLOBAL_PER_MIN: '1000000',
      REDIS_URL: redisUrl,
      // To try V8 heap settings on serve's memory (e.g. "--max-semi-space-size=4"), not set by default.
      NODE_OPTIONS: process.env.BENCH_SERVE_NODE_OPTIONS || undefined,
    }),
    /sent-doctor listening on (http:\/\/\S+)/,
    20_000,
  );
  const startMs = now() - t0;
  await sleep(SETTLE_MS);
  const idle = memoryOf(child.pid);
  if (!idle) {
    await child.stop();
    throw new Error('cannot read /proc/<pid>/status for serve (Linux only)');
  }
  return { child, url: match[1]!, startMs, idle };
}

/** Node with an idle node:http server and nothing else: what any server pays before its own code. */
export async function bareNodeMemory(): Promise<{ rssMb: number; hwmMb: number } | undefined> {
  const { child } = await startNode(fixture('bare-node'), [], childEnv(), /listening on/);
  try {
    await sleep(SETTLE_MS);
    return memoryOf(child.pid);
  } finally {
    await child.stop();
  }
}

/**
 * `serve` in demo mode, as `npm start` runs it on a laptop: no key, no Slack, the built-in
 * simulator. Resident memory once settled (after the knowledge base's background load), and the
 * peak. Measured next to bareNodeMemory().
 */
export async function demoServeMemory(settleMs = 3_000): Promise<{ rssMb: number; hwmMb: number }> {
  const { child } = await startNode(CLI, ['serve'], childEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', NODE_OPTIONS: process.env.BENCH_SERVE_NODE_OPTIONS || undefined }), /sent-doctor listening on (http:\/\/\S+)/, 20_000);
  try {
    await sleep(settleMs);
    const m = memoryOf(child.pid);
    if (!m) throw new Error('cannot read /proc/<pid>/status for serve (Linux only)');
    return m;
  } finally {
    await child.stop();
  }
}
