/**
 * Lookups: the lookup_message tool against the simulator (the product's Sent client with its
 * circuit breaker, without the lookup cache so every call reaches the simulator) next to a bare
 * undici GET of the same /v3/messages/{id} URL. lookup_message makes two GETs in parallel (the
 * message and its activities), then reads and explains them.
 */
import { request } from 'undici';
import { loadConfig } from '../src/config.js';
import { buildContext, sentFactory } from '../src/context.js';
import { createLogger } from '../src/log.js';
import { SEED_MESSAGES, SIMULATOR_DEMO_KEY } from '../src/simulator/index.js';
import { callTool } from '../tools/define.js';
import { lookupMessage } from '../tools/lookup-message.js';
import type { Budget } from './budget.js';
import type { Row } from './report.js';
import { medianOfRuns, now, runOf, type Run } from './stats.js';

const RUNS = 5;
const CALLS = 100;
const WARMUP = 30;

export async function lookupsSuite(simUrl: string, b: Budget): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const config = loadConfig({ SENT_BASE_URL: simUrl, SENT_DM_API_KEY: SIMULATOR_DEMO_KEY, SENT_MAX_RETRIES: '0' });
  const logger = createLogger({ level: 'error', secrets: [SIMULATOR_DEMO_KEY] });
  const sent = sentFactory(config, logger)(SIMULATOR_DEMO_KEY);
  const ctx = buildContext(config, { logger, sent });
  const ids = SEED_MESSAGES.map((m) => m.id);

  const tool = async (n: number, bb: Budget): Promise<Run> => {
    const samples: number[] = [];
    const start = now();
    for (let i = 0; i < n && !bb.over(); i++) {
      const t0 = now();
      const r = await callTool(lookupMessage, { message_id: ids[i % ids.length]! }, ctx);
      samples.push(now() - t0);
      if (!r.found) throw new Error(`lookup_message did not find seeded message ${r.message_id}`);
    }
    return runOf(samples, now() - start);
  };
  const bare = async (n: number, bb: Budget): Promise<Run> => {
    const samples: number[] = [];
    const start = now();
    for (let i = 0; i < n && !bb.over(); i++) {
      const t0 = now();
      const res = await request(`${simUrl}/v3/messages/${encodeURIComponent(ids[i % ids.length]!)}`, { headers: { 'x-api-key': SIMULATOR_DEMO_KEY } });
      await res.body.text();
      samples.push(now() - t0);
      if (res.statusCode !== 200) throw new Error(`GET /v3/messages answered ${res.statusCode}`);
    }
    return runOf(samples, now() - start);
  };

  await tool(WARMUP, b);
  await bare(WARMUP, b);
  const t: Run[] = [];
  const g: Run[] = [];
  for (let r = 0; r < RUNS && (r < 1 || !b.over()); r++) {
    t.push(await tool(CALLS, b));
    g.push(await bare(CALLS, b));
  }
  await (sent as { close?: () => Promise<void> }).close?.().catch(() => undefined);
  await ctx.store.close();
  const tf = medianOfRuns(t);
  const gf = medianOfRuns(g);
  const label = 'bare undici GET';
  const rows: Row[] = [
    { suite: 'Lookups', figure: 'lookup_message vs simulator: p50', unit: 'ms', value: tf.p50, baseline: gf.p50, baselineLabel: label },
    {
      suite: 'Lookups',
      figure: 'lookup_message vs simulator: p99',
      unit: 'ms',
      value: tf.p99,
      baseline: gf.p99,
      baselineLabel: label,
      note: 'lookup_message = GET message + GET activities in parallel, parsed and explained; no cache',
    },
  ];
  return { rows, details: { tool: tf, bare: gf, toolRuns: t, bareRuns: g } };
}
