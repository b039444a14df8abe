/**
 * `npm run bench`: every suite in turn, each within its own time budget, then the table on stdout
 * and everything measured in bench/results.json. All traffic stays on 127.0.0.1: the product's
 * simulator stands in for Sent, a fake Web API for Slack.
 *
 *   node dist/bench/run.js [--only triage,mcp,slack,lookups,load]
 *
 * Exit code 0 when every suite ran (a missed target shows as FAIL in the table), 1 when a suite
 * could not run.
 */
import { modelSuite } from './model.js';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { budget, type Budget } from './budget.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { loadPhases, MCP_WORKERS, SLACK_WORKERS, type LoadRun } from './load.js';
import { lookupsSuite } from './lookups.js';
import { mcpSuite } from './mcp.js';
import { cpuBusy, CLI, fixture, progress, ROOT, startSimulatorChild, type Child } from './proc.js';
import { DEFAULT_BENCH_REDIS_URL, openBenchRedis } from './redis.js';
import { renderTable, score, type Row } from './report.js';
import { bareNodeMemory, demoServeMemory, startServeChild, type ServeChild } from './serve.js';
import { contextRows, measureContext } from './context.js';
import { createIdPool, type IdPool } from './sim-ids.js';
import { slackSuite } from './slack.js';
import { now } from './stats.js';
import { triageSuite } from './triage.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from './slack-events.js';
import { SIMULATOR_DEMO_KEY } from '../src/simulator/index.js';
import { fingerprint } from '../tools/domain/redact.js';

/** The whole run; `npm run build` before it takes ~30 s of the 5 minutes. */
const TOTAL_MS = 260_000;
const BUDGET_MS = { triage: 115_000, mcp: 45_000, slack: 25_000, lookups: 10_000 };
const PHASE_MS = 5_000;
const SIM_IDS = 5_000;

const SUITES = ['triage', 'mcp', 'slack', 'lookups', 'load'] as const;
type Suite = (typeof SUITES)[number];

function selected(): Set<Suite> {
  const i = process.argv.indexOf('--only');
  if (i < 0) return new Set(SUITES);
  const names = (process.argv[i + 1] ?? '').split(',').map((s) => s.trim());
  const bad = names.filter((n) => !SUITES.includes(n as Suite));
  if (bad.length || !names.length) {
    process.stderr.write(`--only takes a comma-separated list of: ${SUITES.join(', ')}\n`);
    process.exit(2);
  }
  return new Set(names as Suite[]);
}

const T0 = now();

/** Error text from a child could carry a secret the bench handed it; the output never does. */
function clean(t: string): string {
  return [SIMULATOR_DEMO_KEY, BENCH_SIGNING_SECRET, BENCH_BOT_TOKEN].reduce((acc, k) => acc.split(k).join(fingerprint(k)), t);
}

async function main(): Promise<number> {
  for (const f of [CLI, fixture('minimal-mcp-server')])
    if (!existsSync(f)) {
      process.stderr.write(`${f} is missing: run \`npm run bench\` (it builds first) or \`npm run build\`.\n`);
      return 2;
    }
  const only = selected();
  const loadAtStart = loadavg()[0]!;
  // Measured before the bench starts anything: at the end the load is the bench's own.
  const busyBefore = await cpuBusy();
  const total = budget(TOTAL_MS);
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const failures: string[] = [];
  const seconds: Record<string, number> = {};

  const suite = async (name: string, fn: () => Promise<void>) => {
    const t = now();
    progress(`${name}…`);
    try {
      await fn();
    } catch (e) {
      const msg = clean(e instanceof Error ? e.message : String(e));
      failures.push(`${name}: ${msg}`);
      rows.push({ suite: name, figure: `${name} could not run`, unit: '', value: null, note: msg.split('\n')[0]!.slice(0, 300) });
      progress(`${name} failed: ${msg}`);
    }
    seconds[name] = (now() - t) / 1000;
  };
  const slice = (ms: number): Budget => budget(Math.min(ms, total.left()));

  if (only.has('triage'))
    await suite('Triage', async () => {
      const r = await triageSuite(slice(BUDGET_MS.triage));
      rows.push(...r.rows);
      details.triage = r.details;
      const m = modelSuite();
      rows.push(...m.rows);
      details.model = m.details;
    });

  const needsServe = only.has('mcp') || only.has('slack') || only.has('load');
  const needsSim = needsServe || only.has('lookups');
  let sim: { child: Child; url: string } | undefined;
  let slack: FakeSlack | undefined;
  let serve: ServeChild | undefined;
  const cleanup: Array<() => Promise<unknown>> = [];
  let ids: IdPool | undefined;
  try {
    if (needsSim)
      await suite('Start-up', async () => {
        sim = await startSimulatorChild();
        cleanup.push(() => sim!.child.stop());
        if (!needsServe) return;
        slack = await startFakeSlack();
        cleanup.push(() => slack!.close());
        ids = await createIdPool(sim.url, SIM_IDS);
        serve = await startServeChild(sim.url, slack);
        cleanup.push(() => serve!.child.stop());
        details.serveStartMs = serve.startMs;
      });

    if (only.has('mcp') && serve)
      await suite('MCP', async () => {
        const r = await mcpSuite(serve!.url, slice(BUDGET_MS.mcp));
        rows.push(...r.rows);
        details.mcp = r.details;
      });
    if (only.has('mcp'))
      await suite('Context', async () => {
        const c = await measureContext();
        rows.push(...contextRows(c));
        details.context = c;
      });
    if (only.has('mcp') || only.has('load'))
      await suite('Memory (demo serve)', async () => {
        const bare = await bareNodeMemory();
        const demo = await demoServeMemory();
        details.demoServe = { demo, bareNode: bare };
        rows.push({
          suite: 'Memory',
          figure: 'serve in demo mode (no key, no Slack): RSS once settled',
          unit: 'MB',
          value: demo.rssMb,
          baseline: bare?.rssMb ?? null,
          baselineLabel: 'bare Node + node:http',
          target: { on: 'value', op: '<=', limit: 100 },
          note: `peak ${demo.hwmMb.toFixed(0)} MB (bare Node ${bare?.hwmMb.toFixed(0) ?? '—'} MB); 3 s after start`,
        });
      });
    if (only.has('slack') && serve && slack && ids)
      await suite('Slack', async () => {
        const r = await slackSuite(serve!.url, slack!, ids!, slice(BUDGET_MS.slack));
        rows.push(...r.rows);
        details.slack = r.details;
      });
    if (only.has('lookups') && sim)
      await suite('Lookups', async () => {
        const r = await lookupsSuite(sim!.url, slice(BUDGET_MS.lookups));
        rows.push(...r.rows);
        details.lookups = r.details;
      });

    if (only.has('load') && serve && slack && ids && sim) {
      const phaseMs = () => Math.max(2_000, Math.min(PHASE_MS, (total.left() - 10_000) / 8));
      const phases: Record<string, number> = {};
      let memLoad: LoadRun | undefined;
      let redisLoad: LoadRun | undefined;
      let redisServe: ServeChild | undefined;
      let redisNote: string | undefined;
      let bare: { rssMb: number; hwmMb: number } | undefined;
      await suite('Load (memory store)', async () => {
        bare = await bareNodeMemory();
        phases.memory = phaseMs();
        memLoad = await loadPhases(serve!, slack!, ids!, phases.memory);
      });
      await serve!.child.stop();
      await suite('Load (Redis store)', async () => {
        const url = process.env.BENCH_REDIS_URL || DEFAULT_BENCH_REDIS_URL;
        const r = await openBenchRedis(url);
        if ('skipped' in r) {
          redisNote = r.skipped;
          return;
        }
        try {
          redisServe = await startServeChild(sim!.url, slack!, r.redis.url);
          try {
            phases.redis = phaseMs();
            redisLoad = await loadPhases(redisServe, slack!, ids!, phases.redis);
          } finally {
            await redisServe.child.stop();
          }
        } finally {
          redisNote = await r.redis.cleanup().catch((e) => `cleanup failed: ${e instanceof Error ? e.message : e}`);
        }
      });
      details.load = { phaseMs: phases, memory: memLoad, redis: redisLoad, redisNote, bareNode: bare, idle: { memory: serve!.idle, redis: redisServe?.idle }, simIdsReused: ids!.reused() };
      rows.push(...memoryRows(serve!, redisServe, memLoad, redisLoad, bare, redisNote));
      rows.push(...loadRows(memLoad, redisLoad, redisNote));
    }
    if (slack) details.fakeSlackCalls = slack.counts();
  } finally {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  }

  const scored = rows.map(score);
  const totalSeconds = (now() - T0) / 1000;
  const loadAtEnd = loadavg()[0]!;
  process.stdout.write(`\n${renderTable(scored)}\n\nBench time: ${totalSeconds.toFixed(0)} s (${cpus().length} CPUs, Node ${process.version}).\n`);
  // Other work on the machine skews every figure; say so rather than let it pass for the product's cost.
  const busy = busyBefore !== undefined && busyBefore > 0.2;
  process.stdout.write(
    `CPU busy with other work in the second before the bench: ${busyBefore === undefined ? 'unknown' : `${Math.round(busyBefore * 100)}%`}` +
      ` (load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end, the bench's own included)` +
      `${busy ? '. The machine was busy, so the figures are noisier than usual; run again when it is idle' : ''}.\n`,
  );
  if (process.env.BENCH_SERVE_NODE_OPTIONS) process.stdout.write(`serve ran with NODE_OPTIONS=${process.env.BENCH_SERVE_NODE_OPTIONS}\n`);
  if (failures.length) process.stdout.write(`\nSuites that could not run:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
  const out = join(ROOT, 'bench/results.json');
  writeFileSync(
    out,
    clean(JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        serveNodeOptions: process.env.BENCH_SERVE_NODE_OPTIONS || null,
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMb: Math.round(totalmem() / 1048576), node: process.version, platform: process.platform, loadAverage1m: { start: loadAtStart, end: loadAtEnd }, cpuBusyBefore: busyBefore ?? null },
        totalSeconds,
        suiteSeconds: seconds,
        rows: scored,
        failures,
        details,
      },
      null,
      2,
    )) + '\n',
  );
  process.stdout.write(`Results written to ${out.replace(`${ROOT}/`, '')}\n`);
  return failures.length ? 1 : 0;
}

function memoryRows(mem: ServeChild, redisServe: ServeChild | undefined, memLoad?: LoadRun, redisLoad?: LoadRun, bare?: { hwmMb: number }, redisNote?: string): Row[] {
  const target = { on: 'value' as const, op: '<' as const, limit: 150 };
  return [
    {
      suite: 'Memory',
      figure: 'serve idle: peak RSS',
      unit: 'MB',
      value: mem.idle.hwmMb,
      baseline: bare?.hwmMb ?? null,
      baselineLabel: 'bare Node + node:http',
      note: `peak includes start-up; resident ${mem.idle.rssMb.toFixed(0)} MB once settled`,
    },
    {
      suite: 'Memory',
      figure: 'serve under Slack + MCP load: peak RSS, memory store',
      unit: 'MB',
      value: memLoad?.hwmMb ?? null,
      baseline: mem.idle.hwmMb,
      baselineLabel: 'serve idle',
      target,
    },
    {
      suite: 'Memory',
      figure: 'serve under Slack + MCP load: peak RSS, Redis store',
      unit: 'MB',
      value: redisLoad?.hwmMb ?? null,
      baseline: redisServe?.idle.hwmMb ?? null,
      baselineLabel: 'serve idle (Redis)',
      target: redisLoad ? target : undefined,
      note: redisLoad ? undefined : redisNote,
    },
  ];
}

function loadRows(mem?: LoadRun, redis?: LoadRun, redisNote?: string): Row[] {
  const rows: Row[] = [];
  const errs = (r?: LoadRun, k?: 'mcp' | 'slack') => (r && k && r[k].errors ? `${r[k].errors} errors (first: ${r[k].firstError})` : undefined);
  for (const [k, label] of [
    ['mcp', `/mcp tools/call diagnose, ${MCP_WORKERS} workers`],
    ['slack', `/slack/events mention → reply, ${SLACK_WORKERS} workers`],
  ] as const) {
    rows.push(
      { suite: 'Load', figure: `${label}: req/s, memory store`, unit: '/s', value: mem?.[k].perSecond ?? null, note: errs(mem, k) },
      { suite: 'Load', figure: `${label}: p99, memory store`, unit: 'ms', value: mem?.[k].latency.p99 ?? null },
      {
        suite: 'Load',
        figure: `${label}: req/s, Redis store`,
        unit: '/s',
        value: redis?.[k].perSecond ?? null,
        baseline: mem?.[k].perSecond ?? null,
        baselineLabel: 'memory store',
        note: redis ? errs(redis, k) : redisNote,
      },
      { suite: 'Load', figure: `${label}: p99, Redis store`, unit: 'ms', value: redis?.[k].latency.p99 ?? null, baseline: mem?.[k].latency.p99 ?? null, baselineLabel: 'memory store' },
    );
  }
  return rows;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench failed: ${clean(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
    process.exit(1);
  },
);
