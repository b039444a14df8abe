/** Percentiles and the "median of several runs" every figure in the table is made of. */

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an unsorted sample (ms). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function summarise(samples: readonly number[]): Latency {
  const sum = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.length ? sum / samples.length : NaN,
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** One run of a latency benchmark: its samples and how many calls per second it managed. */
export interface Run {
  latency: Latency;
  perSecond: number;
}

export function runOf(samples: readonly number[], wallMs: number): Run {
  return { latency: summarise(samples), perSecond: wallMs > 0 ? (samples.length / wallMs) * 1000 : NaN };
}

/** The figure reported for several runs: the median of each statistic across the runs. */
export interface Figure {
  runs: number;
  samplesPerRun: number;
  p50: number;
  p99: number;
  perSecond: number;
}

export function medianOfRuns(runs: readonly Run[]): Figure {
  return {
    runs: runs.length,
    samplesPerRun: median(runs.map((r) => r.latency.n)),
    p50: median(runs.map((r) => r.latency.p50)),
    p99: median(runs.map((r) => r.latency.p99)),
    perSecond: median(runs.map((r) => r.perSecond)),
  };
}

export const now = (): number => performance.now();
