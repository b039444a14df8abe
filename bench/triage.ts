/**
 * Triage: diagnose without lookups, in process, next to a plain full-text search over the same
 * knowledge (the cost of being smart); and `sent-doctor triage` of 10,000 tickets as a child
 * process, next to the same start-up and JSONL loop doing only the search.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { buildContext } from '../src/context.js';
import { createLogger } from '../src/log.js';
import { callTool } from '../tools/define.js';
import { diagnose } from '../tools/diagnose.js';
import type { Budget } from './budget.js';
import { childEnv, CLI, fixture, ROOT } from './proc.js';
import type { Row } from './report.js';
import { median, medianOfRuns, now, runOf, type Run } from './stats.js';

export const TICKETS = 10_000;
const RUNS = 5;
const PASSES_PER_RUN = 2;

/** The eval questions: real phrasings of the problems the knowledge covers, of every kind (short, long, logs, payloads). */
export function loadQuestions(): string[] {
  return readFileSync(join(ROOT, 'knowledge/training/questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

export async function triageSuite(b: Budget): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const micro = await diagnoseMicro(b.part(0.3, 25_000));
  const adversarial = await adversarialInputs();
  const bulk = await bulkTriage(b);
  const d = medianOfRuns(micro.diagnose);
  const s = medianOfRuns(micro.search);
  const search = 'plain full-text search';
  const rows: Row[] = [
    { suite: 'Triage', figure: 'diagnose, no lookups: p50', unit: 'ms', value: d.p50, baseline: s.p50, baselineLabel: search },
    { suite: 'Triage', figure: 'diagnose, no lookups: p99', unit: 'ms', value: d.p99, baseline: s.p99, baselineLabel: search, target: { on: 'value', op: '<', limit: 5 } },
    { suite: 'Triage', figure: 'diagnose, no lookups: calls/s on one core', unit: '/s', value: d.perSecond, baseline: s.perSecond, baselineLabel: search },
    {
      suite: 'Triage',
      figure: `triage of ${TICKETS.toLocaleString('en')} tickets (CLI, no lookups)`,
      unit: 's',
      value: bulk.product,
      baseline: bulk.baseline,
      baselineLabel: 'same CLI loop, search only',
      target: { on: 'value', op: '<', limit: 20 },
      note: bulk.note,
    },
    {
      suite: 'Triage',
      figure: 'diagnose, worst adversarial input at the length cap',
      unit: 'ms',
      value: adversarial.worst,
      target: { on: 'value', op: '<', limit: 50 },
      note: `worst of ${adversarial.count} inputs (digit runs, NBSP digits, circled numerals NFKC expands, letter runs), best of 3 each`,
    },
  ];
  return { rows, details: { adversarial, diagnose: d, search: s, diagnoseRuns: micro.diagnose, searchRuns: micro.search, bulk } };
}

/** Inputs that once made diagnose slow (red-team defect 7): each at the length cap. */
async function adversarialInputs(): Promise<{ worst: number; count: number; each: Record<string, number> }> {
  const ctx = buildContext(loadConfig({}), { logger: createLogger({ level: 'error' }) });
  const cap = ctx.limits.maxTextLength;
  const inputs: Record<string, string> = {
    'nbsp digits': '1\u00a0'.repeat(cap / 2),
    'circled numerals': '①'.repeat(cap),
    'parenthesised numerals': '⑴'.repeat(cap),
    'plus signs': '+1 '.repeat(cap / 3),
    'calling codes': '+213 55'.repeat(cap / 7),
    'letter run': 'ab'.repeat(cap / 2),
  };
  await callTool(diagnose, { text: 'warm up: SMS to Algeria', lookups: false }, ctx);
  const each: Record<string, number> = {};
  for (const [name, text] of Object.entries(inputs)) {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = now();
      await callTool(diagnose, { text: text.slice(0, cap), lookups: false }, ctx);
      best = Math.min(best, now() - t0);
    }
    each[name] = Math.round(best * 10) / 10;
  }
  return { worst: Math.max(...Object.values(each)), count: Object.keys(inputs).length, each };
}

async function diagnoseMicro(b: Budget): Promise<{ diagnose: Run[]; search: Run[] }> {
  const ctx = buildContext(loadConfig({}), { logger: createLogger({ level: 'error' }) });
  const texts = loadQuestions();
  const runDiagnose = async (): Promise<Run> => {
    const samples: number[] = [];
    const start = now();
    for (let p = 0; p < PASSES_PER_RUN; p++)
      for (const text of texts) {
        const t0 = now();
        await callTool(diagnose, { text, lookups: false }, ctx);
        samples.push(now() - t0);
      }
    return runOf(samples, now() - start);
  };
  const runSearch = async (): Promise<Run> => {
    const samples: number[] = [];
    const start = now();
    for (let p = 0; p < PASSES_PER_RUN; p++)
      for (const text of texts) {
        const t0 = now();
        ctx.knowledge.search(text.slice(0, 4000), { limit: 5 });
        samples.push(now() - t0);
      }
    return runOf(samples, now() - start);
  };
  // Warm-up (JIT, lazily built tables), not measured.
  await runDiagnose();
  await runSearch();
  const out = { diagnose: [] as Run[], search: [] as Run[] };
  for (let i = 0; i < RUNS && (i < 1 || !b.over()); i++) {
    out.diagnose.push(await runDiagnose());
    out.search.push(await runSearch());
  }
  await ctx.store.close();
  return out;
}

/** 10,000 tickets made by sampling and joining 1–3 eval questions (seeded, so every run triages the same file). */
function writeTickets(dir: string): string {
  const texts = loadQuestions();
  let seed = 0x5e17d0c;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const lines: string[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const parts = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => texts[Math.floor(rnd() * texts.length)]!);
    lines.push(JSON.stringify({ id: `T${String(i + 1).padStart(5, '0')}`, text: parts.join('\n\n') }));
  }
  const file = join(dir, 'tickets.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Runs a CLI to completion; returns its wall time (s) and the rows it printed. */
function timeChild(script: string, args: string[], timeoutMs: number): Promise<{ seconds: number; rows: number; errors: number }> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const proc = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: childEnv({ LOG_LEVEL: 'warn' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let rest = '';
    let rows = 0;
    let errors = 0;
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => {
      const lines = (rest + d.toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const l of lines) {
        rows++;
        if (l.includes('"error":')) errors++;
      }
    });
    proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (now() - t0) / 1000;
      if (code !== 0) {
        const lines = stderr.trim().split('\n');
        const why = lines.find((l) => /\b\w*Error\b/.test(l)) ?? lines.at(-1) ?? '';
        return reject(new Error(`${args.join(' ')} exited ${code ?? signal} after ${seconds.toFixed(1)} s: ${why.slice(0, 300)}`));
      }
      resolve({ seconds, rows, errors });
    });
  });
}

async function bulkTriage(b: Budget): Promise<{ product: number | null; baseline: number | null; runs: number; note?: string; samples: unknown[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'sent-doctor-bench-'));
  try {
    const file = writeTickets(dir);
    const product: number[] = [];
    const baseline: number[] = [];
    const samples: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const pair = i === 0 ? Infinity : (product[0]! + baseline[0]!) * 1000;
      if (i > 0 && b.left() < pair * 1.2) break;
      const p = await timeChild(CLI, ['triage', file, '--json'], Math.max(30_000, b.left()));
      const s = await timeChild(fixture('search-tickets'), [file], 60_000);
      if (p.rows !== TICKETS) throw new Error(`triage printed ${p.rows} rows for ${TICKETS} tickets`);
      product.push(p.seconds);
      baseline.push(s.seconds);
      samples.push({ triage: p, search: s });
    }
    const rate = `${Math.round(TICKETS / median(product))} tickets/s`;
    const note = product.length < 3 ? `${rate}; median of ${product.length} run(s) (time budget)` : `${rate}; median of 3 runs`;
    return { product: median(product), baseline: median(baseline), runs: product.length, note, samples };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
