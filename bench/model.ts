/**
 * The triage text model: latency of `predict` over every labelled training text (knowledge/training),
 * next to featurising alone (the floor). Loading the model file is timed once.
 *
 *   npx tsx bench/model.ts        (or import `modelSuite` into a bench run)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTextModel } from '../src/knowledge/model.js';
import { KNOWLEDGE_DIR } from '../src/paths.js';
import { featurise } from '../tools/domain/triage/features.js';
import type { Row } from './report.js';
import { medianOfRuns, now, runOf, type Run } from './stats.js';

const RUNS = 5;

export function trainingTexts(dir = join(KNOWLEDGE_DIR, 'training')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
}

function timed(texts: readonly string[], fn: (t: string) => unknown): Run {
  const samples: number[] = [];
  const start = now();
  for (const t of texts) {
    const t0 = now();
    fn(t);
    samples.push(now() - t0);
  }
  return runOf(samples, now() - start);
}

export function modelSuite(): { rows: Row[]; details: Record<string, unknown> } {
  const t0 = now();
  const model = loadTextModel();
  const loadMs = now() - t0;
  const texts = trainingTexts();
  // Warm-up (JIT), not measured.
  timed(texts, (t) => model.predict(t));
  timed(texts, featurise);
  const predict: Run[] = [];
  const features: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    predict.push(timed(texts, (t) => model.predict(t)));
    features.push(timed(texts, featurise));
  }
  const p = medianOfRuns(predict);
  const f = medianOfRuns(features);
  const floor = 'featurise only';
  const rows: Row[] = [
    { suite: 'Text model', figure: 'load model file (first call)', unit: 'ms', value: loadMs },
    { suite: 'Text model', figure: 'predict: p50', unit: 'ms', value: p.p50, baseline: f.p50, baselineLabel: floor },
    { suite: 'Text model', figure: 'predict: p99', unit: 'ms', value: p.p99, baseline: f.p99, baselineLabel: floor, target: { on: 'value', op: '<', limit: 1 } },
    { suite: 'Text model', figure: 'predict: calls/s on one core', unit: '/s', value: p.perSecond, baseline: f.perSecond, baselineLabel: floor },
  ];
  return { rows, details: { texts: texts.length, predict: p, featurise: f } };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { rows, details } = modelSuite();
  for (const r of rows)
    process.stdout.write(`${r.figure.padEnd(32)} ${r.value?.toFixed(r.unit === '/s' ? 0 : 3).padStart(9)} ${r.unit}${r.baseline != null ? `   (${r.baselineLabel}: ${r.baseline.toFixed(r.unit === '/s' ? 0 : 3)})` : ''}\n`);
  process.stdout.write(`over ${String(details.texts)} texts, median of ${RUNS} runs\n`);
}
