/**
 * Leave-one-set-out evaluation of the triage text model: for every labelled set in the folder
 * (blind*, holdout, questions, off-topic*), train on all the other sets plus the examples derived from
 * the knowledge entries, and score the set left out.
 *
 *   npx tsx test/eval/model-cv.ts [dir]
 *
 * Reports top-1 accuracy per set and pooled, and the expected calibration error: 10 equal-width bins
 * over the top-1 probability, pooled over all folds, Σ_bins (n_bin / n) · |accuracy − mean confidence|.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryExamples, readTrainingSets, TRAINING_DIR, weightedExamples } from '../../scripts/train.js';
import { modelFromJSON } from '../../tools/domain/triage/model.js';
import { trainModel, type TrainOptions } from '../../tools/domain/triage/train.js';
import { OFF_TOPIC, UNCLEAR } from '../../tools/domain/scenarios.js';
import { CONCLUSIVE_AT } from '../../tools/diagnose/present.js';

export interface FoldResult {
  file: string;
  /** Questions with an answer, and how many the model put first. */
  n: number;
  correct: number;
  top1: number;
  /** Questions too vague for a scenario (expect "unclear"), and how many no scenario reached CONCLUSIVE_AT on. */
  vague: number;
  vagueOpen: number;
  trainSeconds: number;
}

export interface Scored {
  id: string;
  file: string;
  label: string;
  predicted: string;
  p: number;
  text: string;
}

export interface CvResult {
  folds: FoldResult[];
  pooled: { n: number; correct: number; top1: number };
  ece: number;
  /** Per bin: count, accuracy and mean confidence (empty bins have n 0). */
  bins: { from: number; n: number; accuracy: number; confidence: number }[];
  scored: Scored[];
}

const HELD_OUT = /^(blind|holdout|questions|off-topic|vague)/;

/** Expected calibration error over 10 equal-width bins of the top-1 probability. */
export function expectedCalibrationError(items: readonly { p: number; correct: boolean }[]): { ece: number; bins: CvResult['bins'] } {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, n: 0, hits: 0, conf: 0 }));
  for (const it of items) {
    const b = bins[Math.min(9, Math.floor(it.p * 10))]!;
    b.n++;
    b.conf += it.p;
    if (it.correct) b.hits++;
  }
  const total = items.length || 1;
  const ece = bins.reduce((acc, b) => acc + (b.n ? (b.n / total) * Math.abs(b.hits / b.n - b.conf / b.n) : 0), 0);
  return { ece, bins: bins.map((b) => ({ from: b.from, n: b.n, accuracy: b.n ? b.hits / b.n : 0, confidence: b.n ? b.conf / b.n : 0 })) };
}

export function leaveOneSetOut(dir: string = TRAINING_DIR, opts: TrainOptions = {}): CvResult {
  const sets = readTrainingSets(dir);
  const entries = entryExamples();
  const folds: FoldResult[] = [];
  const scored: Scored[] = [];
  for (const held of sets.filter((s) => HELD_OUT.test(s.name))) {
    const train = weightedExamples(sets.filter((s) => s !== held), entries);
    const t0 = performance.now();
    const model = modelFromJSON(trainModel(train, opts));
    const trainSeconds = (performance.now() - t0) / 1000;
    let correct = 0;
    let vague = 0;
    let vagueOpen = 0;
    for (const e of held.examples) {
      if (e.label === UNCLEAR) {
        vague++;
        const top = model.predict(e.text).find((p) => p.label !== OFF_TOPIC)!;
        if (top.p < CONCLUSIVE_AT) vagueOpen++;
        continue;
      }
      const top = model.predict(e.text)[0]!;
      if (top.label === e.label) correct++;
      scored.push({ id: e.id, file: held.name, label: e.label, predicted: top.label, p: top.p, text: e.text });
    }
    const n = held.examples.length - vague;
    folds.push({ file: held.name, n, correct, top1: correct / (n || 1), vague, vagueOpen, trainSeconds });
  }
  const n = scored.length;
  const correct = scored.filter((s) => s.label === s.predicted).length;
  const { ece, bins } = expectedCalibrationError(scored.map((s) => ({ p: s.p, correct: s.label === s.predicted })));
  return { folds, pooled: { n, correct, top1: correct / (n || 1) }, ece, bins, scored };
}

function main(): void {
  const dir = resolve(process.argv[2] ?? TRAINING_DIR);
  const r = leaveOneSetOut(dir);
  const out = process.stdout;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(6);
  out.write(`${'held-out set'.padEnd(20)} ${'n'.padStart(4)} ${'top-1'.padStart(6)}  train s\n`);
  for (const f of r.folds) {
    if (f.vague) out.write(`${f.file.padEnd(20)} ${String(f.vague).padStart(4)} too vague: no scenario at >= ${CONCLUSIVE_AT} for ${pct(f.vagueOpen / f.vague)}  ${f.trainSeconds.toFixed(2)}\n`);
    if (f.n) out.write(`${f.file.padEnd(20)} ${String(f.n).padStart(4)} ${pct(f.top1)}  ${f.trainSeconds.toFixed(2)}\n`);
  }
  out.write(`${'pooled'.padEnd(20)} ${String(r.pooled.n).padStart(4)} ${pct(r.pooled.top1)}\n`);
  out.write(`ECE (10 bins, top-1 probability): ${r.ece.toFixed(3)}\n`);
  for (const b of r.bins) if (b.n) out.write(`  [${b.from.toFixed(1)}, ${(b.from + 0.1).toFixed(1)})  n ${String(b.n).padStart(4)}  accuracy ${pct(b.accuracy)}  confidence ${pct(b.confidence)}\n`);
  if (process.argv.includes('--misses'))
    for (const s of r.scored.filter((x) => x.label !== x.predicted))
      out.write(`MISS ${s.file}/${s.id} expect ${s.label} got ${s.predicted} (${s.p.toFixed(2)}): ${s.text.replace(/\s+/g, ' ').slice(0, 140)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
