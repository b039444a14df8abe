/**
 * Runs the whole triage engine (diagnose: lookups against the simulator, evidence, the text
 * model) over labelled sets. `leaveOneSetOut` is the honest figure: for each blind set, the text
 * model is trained on every other set (plus the knowledge entries) and the set left out is
 * scored through the full pipeline.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { diagnose } from '../../tools/diagnose.js';
import type { KnowledgeBase } from '../../tools/context.js';
import type { TextModel } from '../../tools/domain/triage/model.js';
import { modelFromJSON } from '../../tools/domain/triage/model.js';
import { trainModel } from '../../tools/domain/triage/train.js';
import { entryExamples, readTrainingSets, TRAINING_DIR, weightedExamples } from '../../scripts/train.js';
import { KNOWLEDGE_DIR } from '../../src/paths.js';
import { expectedCalibrationError } from './model-cv.js';
import { cachedFold, foldKey, storeFold } from './fold-cache.js';
import { createSimulator, SIMULATOR_DEMO_KEY } from '../../src/simulator/index.js';
import { createSentClient } from '../../src/sent/client.js';
import { makeTestContext } from '../helpers/context.js';
import { UNCLEAR } from '../../tools/domain/scenarios.js';

export interface Labelled {
  id: string;
  text: string;
  expect: string[];
  kind?: string;
}

export interface EvalMiss {
  id: string;
  expect: string[];
  got: { id: string; confidence: number }[];
  text: string;
}

export interface EvalReport {
  total: number;
  top1: number;
  top3: number;
  misses: EvalMiss[];
  /** Wrong top answers given with confidence >= 0.8 (a scenario; for vague questions, any answer). */
  confidentWrong: EvalMiss[];
  /**
   * Answerable questions (a scenario expected) answered "not a delivery problem" with the model's
   * off-topic share >= 0.8: a confident mistake too, counted on its own (it sends someone with a
   * failure away instead of naming the wrong fix).
   */
  confidentlyDismissed: EvalMiss[];
  /** Off-topic questions (expect "off-topic") answered with a scenario at confidence >= 0.5. */
  offTopicAnswered: number;
  /** Top answer and its confidence, for calibration (questions with an answer only). */
  scored: { p: number; correct: boolean }[];
  /**
   * Questions too vague for any scenario (expect "unclear"), and how many of them diagnose left open
   * (not conclusive, not off-topic). They count in total and top1 as right when left open, and are
   * not in `scored`.
   */
  vague: number;
  vagueOpen: number;
}

export function readLabelled(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

/** The answer's label: a scenario, or "off-topic" when diagnose says it is not a delivery problem. */
function answerOf(d: Awaited<ReturnType<typeof diagnose.run>>): { label?: string; p: number; ranked: string[] } {
  const ranked = d.scenarios.map((s) => s.id);
  if (d.off_topic) return { label: 'off-topic', p: d.off_topic_p, ranked: ['off-topic', ...ranked] };
  return { label: ranked[0], p: d.scenarios[0]?.confidence ?? 0, ranked };
}

export async function evaluate(items: Labelled[], opts: { model?: TextModel } = {}): Promise<EvalReport> {
  const sim = createSimulator();
  const srv = await sim.listen(0, '127.0.0.1');
  const base = makeTestContext();
  const knowledge: KnowledgeBase = opts.model ? { ...base.knowledge, model: () => opts.model! } : base.knowledge;
  const sent = createSentClient({ apiKey: SIMULATOR_DEMO_KEY, baseUrl: srv.url, timeoutMs: 5000, connectTimeoutMs: 1000, maxRetries: 0, logger: base.logger });
  const ctx = { ...base, knowledge, sent };
  const report: EvalReport = { total: items.length, top1: 0, top3: 0, misses: [], confidentWrong: [], confidentlyDismissed: [], offTopicAnswered: 0, scored: [], vague: 0, vagueOpen: 0 };
  try {
    for (const q of items) {
      const d = await diagnose.run({ text: q.text, lookups: true }, ctx);
      const a = answerOf(d);
      const miss: EvalMiss = { id: q.id, expect: q.expect, got: d.scenarios.map((s) => ({ id: s.id, confidence: s.confidence })), text: q.text };
      if (d.off_topic) miss.got.unshift({ id: 'off-topic', confidence: a.p });
      if (q.expect.includes(UNCLEAR)) {
        report.vague++;
        if (!d.conclusive && !d.off_topic) {
          report.vagueOpen++;
          report.top1++;
          report.top3++;
        } else {
          report.misses.push(miss);
          if (a.p >= 0.8) report.confidentWrong.push(miss);
        }
        continue;
      }
      const right = !!a.label && q.expect.includes(a.label);
      report.scored.push({ p: a.p, correct: right });
      if (right) report.top1++;
      else {
        report.misses.push(miss);
        if (a.p >= 0.8) (a.label === 'off-topic' ? report.confidentlyDismissed : report.confidentWrong).push(miss);
      }
      if (q.expect.includes('off-topic') && !d.off_topic && (d.scenarios[0]?.confidence ?? 0) >= 0.5) report.offTopicAnswered++;
      if (a.ranked.slice(0, 3).some((i) => q.expect.includes(i))) report.top3++;
    }
  } finally {
    await srv.close();
  }
  return report;
}

export interface LosoResult {
  sets: { file: string; report: EvalReport }[];
  pooled: { total: number; top1: number };
  ece: number;
  bins: { from: number; n: number; accuracy: number; confidence: number }[];
}

/**
 * Sets kept aside (knowledge/held-out/): written blind to the engine like the others, scored once
 * before any change made for them, and never trained on, so they are scored with the committed
 * model rather than by leave-one-set-out. A set lands here when training on it was measured and
 * made the leave-one-set-out figures worse (README, step 16).
 */
export const HELD_OUT_DIR = join(KNOWLEDGE_DIR, 'held-out');

export function heldOutFiles(): string[] {
  return readdirSync(HELD_OUT_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
}

/** The sets that were written blind to the engine (all but the training-only ones). */
export const BLIND_SET = /^(blind|holdout|questions|off-topic|vague)/;

/** Folds at once: one child process each, up to the machine's cores (folds are independent, their results identical either way). */
const FOLD_PROCESSES = Math.max(1, Math.min(Number(process.env.EVAL_PROCESSES) || availableParallelism(), 4));

/** The folds of the named blind sets, in this process: train the text model without the set, then score it. */
export async function runFolds(names: readonly string[]): Promise<LosoResult['sets']> {
  const sets = readTrainingSets(TRAINING_DIR);
  const entries = entryExamples();
  const out: LosoResult['sets'] = [];
  for (const name of names) {
    const held = sets.find((s) => s.name === name);
    if (!held) throw new Error(`no training set named ${name}`);
    const train = weightedExamples(sets.filter((s) => s !== held), entries);
    const key = foldKey(train);
    let json = cachedFold(key);
    if (!json) storeFold(key, (json = trainModel(train)));
    const model = modelFromJSON(json);
    out.push({ file: held.name, report: await evaluate(readLabelled(`${TRAINING_DIR}/${held.name}`), { model }) });
  }
  return out;
}

/** Some folds in a child process (test/eval/fold.ts), its report read from stdout. */
function runFoldsApart(names: readonly string[]): Promise<LosoResult['sets']> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./fold.ts', import.meta.url)), ...names], { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`eval folds ${names.join(', ')} exited with ${code}`));
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as LosoResult['sets']);
    });
  });
}

/** Leave-one-set-out over the full pipeline, each blind set a fold; the folds run in parallel child processes. */
export async function leaveOneSetOut(only?: (file: string) => boolean): Promise<LosoResult> {
  const names = readTrainingSets(TRAINING_DIR)
    .map((s) => s.name)
    .filter((n) => BLIND_SET.test(n) && (!only || only(n)));
  const groups = Array.from({ length: Math.min(FOLD_PROCESSES, names.length) }, (_, g) => names.filter((_, i) => i % FOLD_PROCESSES === g));
  const done = groups.length > 1 ? (await Promise.all(groups.map(runFoldsApart))).flat() : await runFolds(names);
  const out = names.map((n) => done.find((s) => s.file === n)!);
  // Pooled over questions with an answer: the vague ones are reported on their own.
  const total = out.reduce((a, s) => a + s.report.total - s.report.vague, 0);
  const top1 = out.reduce((a, s) => a + s.report.top1 - s.report.vagueOpen, 0);
  const { ece, bins } = expectedCalibrationError(out.flatMap((s) => s.report.scored));
  return { sets: out, pooled: { total, top1 }, ece, bins };
}
