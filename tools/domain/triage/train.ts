/**
 * Trains the triage text model: multinomial logistic regression (softmax) with L2 regularisation,
 * fitted by plain SGD over the examples in a seeded shuffled order, then one calibration temperature
 * fitted on k-fold out-of-fold logits. Same examples and options → byte-identical model JSON.
 *
 * SGD minimises  mean_i −log softmax(W·x_i + b)[y_i] + (λ/2)·‖W‖²  (the bias is not regularised).
 * The L2 shrinkage of every weight on every step is exact but cheap: W is kept as `s · V`, each step
 * multiplies the scalar `s` by (1 − ηλ) and only the rows of the example's features are touched
 * (Bottou's / scikit-learn's trick). The returned weights are the average of ten snapshots taken at
 * equal steps through the last {@link TrainOptions.averageEpochs} epoch(s) (averaged SGD), which
 * smooths out where the last few examples of the shuffle happened to leave the weights.
 *
 * Each example also trains through its variants (augment.ts), and questions labelled UNCLEAR train
 * towards equal odds over the scenarios ({@link softTarget}) and, with `calibrateUnclear`, count in the
 * temperature's fit the same way.
 */
import type { Scenario } from '../../context.js';
import { OFF_TOPIC, UNCLEAR } from '../scenarios.js';
import { variants } from './augment.js';
import { DIM, featurise, IDF_STEP, inverseDocumentFrequency, type TermWeights } from './features.js';
import { encodeBuckets, FEATURES_VERSION_INFO, MODEL_FORMAT, packBytes, type ModelJSON } from './model.js';

export interface TrainingExample {
  text: string;
  /** A model label, or {@link UNCLEAR}: a question that points to no scenario (see softTarget). */
  label: string;
  /** How much the example counts in the loss (default 1); see scripts/train.ts, weightedExamples. */
  weight?: number;
}

export interface TrainOptions {
  /** L2 strength λ. */
  l2?: number;
  epochs?: number;
  /** Initial learning rate; η_t = η₀ / (1 + t/N) over t examples seen, N examples per epoch. */
  eta0?: number;
  seed?: number;
  /** Folds for the calibration temperature; 0 or 1 skips calibration (temperature 1). */
  calibrationFolds?: number;
  /** Weight each example's loss by N / (labels · n_label), so small classes (off-topic) count as much as large ones. */
  balanced?: boolean;
  /** Average the weights over this many final epochs (ten snapshots per epoch); 0 returns the last iterate. */
  averageEpochs?: number;
  /** Also train on label-preserving variants of each example (augment.ts); never on those of calibration examples. */
  augment?: boolean;
  /**
   * Buckets whose int8 weights are all at most this in size are left out of the model file. 1 drops
   * the ~28 % of buckets that only ever move a logit by one step of 127 (3,110 → 2,246 KiB with the
   * training data of December 2026; the text model alone scores 96.4 % either way); 0 keeps every
   * bucket with a weight.
   */
  prune?: number;
  /**
   * Fit the calibration temperature on the vague (UNCLEAR) questions too, against the soft target:
   * confidence is then calibrated for the questions a support desk gets, vague ones included. The
   * text model alone over knowledge/training: the held-out vague set left open (no scenario ≥ 0.45)
   * 51 → 57 of 80, temperature 0.49 → 0.59, calibration error on answerable questions 0.009 → 0.024;
   * top-1 unchanged (a temperature never changes the order).
   */
  calibrateUnclear?: boolean;
  /**
   * Weight features by their inverse document frequency over the examples (not their variants),
   * stored in the model (features.ts, FEATURES_VERSION 3); off stores an idf of 1 everywhere, which
   * is version 2's features. See features.ts for what it changed.
   */
  idf?: boolean;
}

/**
 * Chosen by leave-one-set-out cross-validation over knowledge/training (test/eval/model-cv.ts; 13 held-out
 * sets + 2 off-topic sets, 1,522 labelled examples + 150 from the entries), grid l2 ∈ {1e-6…3e-4},
 * epochs ∈ {5, 8, 10, 20}, eta0 ∈ {0.5…8}, balanced on/off. Pooled top-1 without calibration:
 * - eta0: 0.5 → 86.2 %, 2 → 89.6 %, 4 → 90.0 %, 8 → 88.8 % (10 epochs, balanced): a larger first step
 *   fits the many rare n-gram weights that a small one leaves near zero.
 * - epochs: 5 / 8 / 10 → 90.1 / 90.0 / 90.0 % at eta0 4: no gain past 5, and 5 keeps training fast
 *   (the whole fit, calibration folds included, runs ~14 times in the cross-validation).
 * - l2: 1e-5 → 90.0 %, 1e-4 → 89.3 %, 3e-4 → ~86 % (less accurate and less confident before calibration);
 *   below 1e-5 no change (1e-6: 88.7 % at eta0 1). With 5 epochs the step schedule regularises as much as λ.
 * - balanced: off-topic recall 27 % / 49 % (sets a / b) unweighted → 47 % / 66 % weighted at equal
 *   pooled accuracy (89.2 → 89.6 % at eta0 2): off-topic has ~40 % of the examples of a scenario.
 * - calibrationFolds: 5 folds × 80 % of the data is close to the final fit and keeps training < 8 s.
 *
 * Later, leave-one-set-out through the whole engine (test/eval/harness.ts, `npm run eval`), with the
 * per-block feature normalisation of features.ts (FEATURES_VERSION 2):
 * - averageEpochs: 0 → 1 at 5 epochs: pooled 95.1 % → 95.1 % (1,448 → 1,447 of 1,522), off-topic questions
 *   answered at ≥ 0.5 4 → 3, blind12 / blind13 87.3 / 84.5 → 87.3 / 87.3 %, ECE 0.044 → 0.045,
 *   13 in-domain answers wrong at ≥ 0.8 either way. Against FEATURES_VERSION 1 without averaging: 94.6 %,
 *   ECE 0.042, 13 wrong at ≥ 0.8, 3 off-topic answered, blind12 / blind13 86.4 / 85.5 %.
 *   (Averaging alone, version 1 features: 94.6 %.) Differences of a few questions are within the noise
 *   of neighbouring settings (94.5–95.1 %).
 * - With the tf-idf features (FEATURES_VERSION 3) over 2,042 questions: l2 1e-5 / eta0 4 → 97.3 % pooled,
 *   7 wrong at ≥ 0.8, vague-a left open 78.8 %; l2 3e-5 → 96.9 %, 9, 67.5 %; eta0 2 → 97.2 %, 8, 75.0 %.
 */
export const DEFAULTS: Required<TrainOptions> = {
  l2: 1e-5,
  epochs: 5,
  eta0: 4,
  seed: 0x5e47,
  calibrationFolds: 5,
  balanced: true,
  averageEpochs: 1,
  augment: true,
  prune: 1,
  calibrateUnclear: true,
  idf: true,
};

/** mulberry32: a small seeded PRNG, so shuffles are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(n: number, rnd: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/** One example as compact column numbers (into the training vocabulary) and values. */
interface Row {
  cols: Int32Array;
  vals: Float64Array;
  /** The label's index, or -1 for an {@link UNCLEAR} question (trained towards the soft target). */
  y: number;
  /** The example's weight. */
  w: number;
  /** The index of the example the row comes from: its own for an example, the original's for a variant. */
  origin: number;
}

interface Dataset {
  rows: Row[];
  /** Column → hash bucket. */
  buckets: Int32Array;
  labels: string[];
  /** The target of UNCLEAR rows: equal probability on every scenario label, none on off-topic. */
  soft: Float64Array;
  idf: TermWeights | undefined;
}

/**
 * A question too vague to point to a scenario is trained towards equal probabilities over the
 * scenarios rather than towards one label: without it, a text such as "it is broken" got whatever
 * label its few words happened to lean to, at up to 0.8 (the idea of Hendrycks et al.'s "outlier
 * exposure", 2019, with the scenarios as the classes the question could still be about). The vague
 * questions weigh together as much as one label; weighing them 3, 6 or 10 times that left the held-out
 * vague set open for 53, 47 and 34 of 80 against 51 (text model alone), as the calibration temperature,
 * fitted on answerable questions only, sharpens what the extra weight flattens.
 */
function softTarget(labels: readonly string[]): Float64Array {
  const scenarios = labels.filter((l) => l !== OFF_TOPIC).length;
  return Float64Array.from(labels, (l) => (l === OFF_TOPIC ? 0 : 1 / scenarios));
}

/** The examples, then (when augmenting) their variants, each with the weight and label of its example. */
function buildDataset(examples: readonly TrainingExample[], labels: string[], o: Required<TrainOptions>): Dataset {
  const texts = examples.map((e, i) => ({ text: e.text, origin: i }));
  if (o.augment) {
    const rnd = mulberry32(o.seed ^ 0x2545f491);
    examples.forEach((e, i) => {
      for (const text of variants(e.text, rnd)) texts.push({ text, origin: i });
    });
  }
  const idf = o.idf ? inverseDocumentFrequency(examples.map((e) => featurise(e.text))) : undefined;
  const vecs = texts.map((t) => featurise(t.text, idf));
  // Columns in order of falling document frequency: the weight rows most examples touch sit together in memory.
  const df = new Map<number, number>();
  for (const v of vecs) for (const b of v.index) df.set(b, (df.get(b) ?? 0) + 1);
  const buckets = Int32Array.from(df.keys()).sort((a, b) => df.get(b)! - df.get(a)! || a - b);
  const colOf = new Map<number, number>();
  buckets.forEach((b, i) => colOf.set(b, i));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const rows = vecs.map((v, i) => {
    const e = examples[texts[i]!.origin]!;
    const y = e.label === UNCLEAR ? -1 : labelIndex.get(e.label)!;
    return { cols: Int32Array.from(v.index, (b) => colOf.get(b)!), vals: v.value, y, w: e.weight ?? 1, origin: texts[i]!.origin };
  });
  return { rows, buckets, labels, soft: softTarget(labels), idf };
}

/** Weights W = s·V (columns × classes, row-major) and biases. */
interface Fitted {
  W: Float64Array;
  b: Float64Array;
}

function logits(f: Fitted, C: number, row: { cols: ArrayLike<number>; vals: ArrayLike<number> }, z: Float64Array): void {
  z.set(f.b);
  for (let j = 0; j < row.cols.length; j++) {
    const base = row.cols[j]! * C;
    const x = row.vals[j]!;
    for (let c = 0; c < C; c++) z[c]! += f.W[base + c]! * x;
  }
}

/**
 * Each row's weight in the loss: its own weight times, when balanced, N / (labels · n_label) with the
 * label counts weighted the same way (so small classes such as off-topic count as much as large
 * ones); with weights other than 1 the result is scaled to a mean of 1, so the learning rate means
 * the same.
 */
function sampleWeights(rows: readonly Row[], C: number, balanced: boolean): Float64Array {
  const w = Float64Array.from(rows, (r) => r.w);
  if (balanced) {
    // UNCLEAR rows (y = -1) are a group of their own, counted like one more label.
    const group = (r: Row) => (r.y < 0 ? C : r.y);
    const counts = new Float64Array(C + 1);
    let total = 0;
    for (const r of rows) {
      counts[group(r)]! += r.w;
      total += r.w;
    }
    const groups = counts.filter((n) => n > 0).length;
    for (let i = 0; i < rows.length; i++) {
      const n = counts[group(rows[i]!)]!;
      w[i]! *= n > 0 ? total / (groups * n) : 1;
    }
  }
  if (rows.some((r) => r.w !== 1)) {
    const mean = w.reduce((a, x) => a + x, 0) / rows.length;
    for (let i = 0; i < w.length; i++) w[i]! /= mean;
  }
  return w;
}

function fit(rows: readonly Row[], nCols: number, C: number, soft: Float64Array, o: Required<TrainOptions>): Fitted {
  const V = new Float64Array(nCols * C);
  const b = new Float64Array(C);
  const z = new Float64Array(C);
  const rnd = mulberry32(o.seed);
  const N = rows.length;
  const weight = sampleWeights(rows, C, o.balanced);
  // Averaged SGD: the sum of snapshots s·V (and b) taken every SNAP steps of the final epochs.
  const avgFrom = o.epochs - Math.min(o.averageEpochs, o.epochs);
  const A = avgFrom < o.epochs ? new Float64Array(nCols * C) : undefined;
  const Ab = new Float64Array(C);
  const SNAP = Math.max(1, Math.floor(N / 10));
  let snaps = 0;
  let s = 1;
  let t = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffle(N, rnd);
    for (let k = 0; k < N; k++) {
      const row = rows[order[k]!]!;
      const eta = o.eta0 / (1 + t / N);
      t++;
      // z = s·V·x + b
      z.set(b);
      for (let j = 0; j < row.cols.length; j++) {
        const base = row.cols[j]! * C;
        const x = row.vals[j]! * s;
        for (let c = 0; c < C; c++) z[c]! += V[base + c]! * x;
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      // z becomes the gradient of the loss w.r.t. the logits: p − target (one-hot y, or the soft target).
      const cw = weight[order[k]!]!;
      for (let c = 0; c < C; c++) z[c] = (z[c]! / sum) * cw;
      if (row.y >= 0) z[row.y]! -= cw;
      else for (let c = 0; c < C; c++) z[c]! -= cw * soft[c]!;
      s *= 1 - eta * o.l2;
      const step = eta / s;
      for (let j = 0; j < row.cols.length; j++) {
        const base = row.cols[j]! * C;
        const x = row.vals[j]! * step;
        for (let c = 0; c < C; c++) V[base + c]! -= z[c]! * x;
      }
      for (let c = 0; c < C; c++) b[c]! -= eta * z[c]!;
      if (s < 1e-6) {
        for (let i = 0; i < V.length; i++) V[i]! *= s;
        s = 1;
      }
      if (A && epoch >= avgFrom && (k + 1) % SNAP === 0) {
        for (let i = 0; i < V.length; i++) A[i]! += V[i]! * s;
        for (let c = 0; c < C; c++) Ab[c]! += b[c]!;
        snaps++;
      }
    }
  }
  if (A && snaps) {
    for (let i = 0; i < A.length; i++) A[i]! /= snaps;
    for (let c = 0; c < C; c++) Ab[c]! /= snaps;
    return { W: A, b: Ab };
  }
  for (let i = 0; i < V.length; i++) V[i]! *= s;
  return { W: V, b };
}

/** Mean negative log-likelihood of the labels under softmax(z / T). */
function nll(z: readonly Float64Array[], y: readonly number[], T: number, soft?: Float64Array): number {
  let total = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    let max = -Infinity;
    for (const v of zi) if (v / T > max) max = v / T;
    let sum = 0;
    for (const v of zi) sum += Math.exp(v / T - max);
    let target = 0;
    if (y[i]! >= 0) target = zi[y[i]!]!;
    else for (let c = 0; c < zi.length; c++) target += soft![c]! * zi[c]!;
    total += Math.log(sum) + max - target / T;
  }
  return total / z.length;
}

/** The temperature in [0.05, 20] minimising the NLL (golden-section search on ln T; the NLL is unimodal in it). */
export function fitTemperature(z: readonly Float64Array[], y: readonly number[], soft?: Float64Array): number {
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(z, y, Math.exp(a), soft);
  let fb = nll(z, y, Math.exp(b), soft);
  for (let i = 0; i < 60; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(z, y, Math.exp(a), soft);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(z, y, Math.exp(b), soft);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Out-of-fold logits: k stratified folds of the examples, each scored by a model trained on the other
 * k − 1 (with their variants; a held-out example's variants are held out with it).
 */
function outOfFoldLogits(data: Dataset, o: Required<TrainOptions>): { z: Float64Array[]; y: number[] } {
  const C = data.labels.length;
  const k = o.calibrationFolds;
  // Calibrated on the examples (UNCLEAR ones only with calibrateUnclear, else fold -1: they always train); variants only ever train.
  const examples = data.rows.flatMap((r, i) => (r.origin === i && (r.y >= 0 || o.calibrateUnclear) ? [i] : []));
  const foldOf = new Int32Array(data.rows.length).fill(-1);
  const rnd = mulberry32(o.seed ^ 0x9e3779b9);
  // Stratified: within each label, shuffled examples are dealt to folds in turn.
  for (let c = o.calibrateUnclear ? -1 : 0; c < C; c++) {
    const members = examples.filter((i) => data.rows[i]!.y === c);
    shuffle(members.length, rnd).forEach((m, n) => (foldOf[members[m]!] = n % k));
  }
  const z: Float64Array[] = [];
  const y: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = data.rows.filter((r) => foldOf[r.origin] !== f);
    const fitted = fit(train, data.buckets.length, C, data.soft, o);
    for (const i of examples) {
      if (foldOf[i] !== f) continue;
      const zi = new Float64Array(C);
      logits(fitted, C, data.rows[i]!, zi);
      z.push(zi);
      y.push(data.rows[i]!.y);
    }
  }
  return { z, y };
}

const round = (v: number, digits: number) => Number(v.toPrecision(digits));

/** Trains on the examples and returns the model file's content (see model.ts for the format). */
export function trainModel(examples: readonly TrainingExample[], opts: TrainOptions = {}): ModelJSON {
  const o: Required<TrainOptions> = { ...DEFAULTS, ...opts };
  const labels = [...new Set(examples.map((e) => e.label))].filter((l) => l !== UNCLEAR).sort();
  if (labels.length < 2) throw new Error(`training needs at least two labels, got ${labels.length}`);
  const data = buildDataset(examples, labels, o);
  const C = labels.length;
  const fitted = fit(data.rows, data.buckets.length, C, data.soft, o);

  let temperature = 1;
  if (o.calibrationFolds > 1) {
    const { z, y } = outOfFoldLogits(data, o);
    temperature = round(fitTemperature(z, y, data.soft), 6);
  }

  // int8 per class: q = round(w / scale), scale = max |w| / 127. Buckets whose weights all round to at
  // most `prune` in size are dropped.
  const scales = labels.map((_, c) => {
    let max = 0;
    for (let r = 0; r < data.buckets.length; r++) max = Math.max(max, Math.abs(fitted.W[r * C + c]!));
    return round(max / 127, 8);
  });
  const kept: number[] = [];
  const q = new Int8Array(data.buckets.length * C);
  let n = 0;
  const byBucket = Int32Array.from(data.buckets.keys()).sort((a, b) => data.buckets[a]! - data.buckets[b]!);
  for (const r of byBucket) {
    let any = false;
    for (let c = 0; c < C; c++) {
      const v = scales[c]! > 0 ? Math.round(fitted.W[r * C + c]! / scales[c]!) : 0;
      q[n * C + c] = v;
      if (Math.abs(v) > o.prune) any = true;
    }
    if (!any) continue;
    kept.push(data.buckets[r]!);
    n++;
  }
  const perLabel = Object.fromEntries([...labels, UNCLEAR].map((l) => [l, examples.filter((e) => e.label === l).length]).filter(([, n]) => n));
  return {
    format: MODEL_FORMAT,
    version: 2,
    features: FEATURES_VERSION_INFO,
    labels,
    temperature,
    bias: Array.from(fitted.b, (v) => round(v, 8)),
    scales,
    buckets: encodeBuckets(kept).toString('base64'),
    weights: packBytes(new Uint8Array(q.buffer, 0, n * C)),
    idf: packBytes(data.idf ?? new Uint8Array(DIM).fill(Math.round(1 / IDF_STEP))),
    training: { examples: examples.length, variants: data.rows.length - examples.length, perLabel, options: o, vocabulary: data.buckets.length, storedBuckets: kept.length },
  };
}

/**
 * Training examples from a knowledge entry, each labelled with the entry id: the title, the summary,
 * the keywords (one example), every symptom bullet and every cause (title + text).
 */
export function examplesFromScenario(s: Scenario): TrainingExample[] {
  const texts = [
    s.title,
    s.summary,
    s.keywords.join('; '),
    ...s.symptoms
      .split(/\n(?=\s*[-*+] )/)
      .map((b) => b.replace(/^\s*[-*+]\s+/, '').trim())
      .filter(Boolean),
    ...s.causes.map((c) => `${c.title}. ${c.text}`),
  ];
  return texts.filter((t) => t.trim()).map((text) => ({ text, label: s.id }));
}
