/** The rows of the bench table, how they print, and what goes into bench/results.json. */

export interface Target {
  /** What the target is about: the value itself or the ratio to the baseline. */
  on: 'value' | 'ratio';
  op: '<' | '<=';
  limit: number;
}

export interface Row {
  suite: string;
  figure: string;
  unit: string;
  value: number | null;
  baseline?: number | null;
  /** What the baseline is, e.g. "plain full-text search". */
  baselineLabel?: string;
  target?: Target;
  note?: string;
}

export interface ScoredRow extends Row {
  /** value / baseline (for throughput a ratio under 1 means slower than the baseline). */
  ratio: number | null;
  pass: boolean | null;
}

export function score(r: Row): ScoredRow {
  const ratio = r.value !== null && r.baseline !== undefined && r.baseline !== null && r.baseline !== 0 ? r.value / r.baseline : null;
  let pass: boolean | null = null;
  if (r.target) {
    const x = r.target.on === 'value' ? r.value : ratio;
    pass = x === null || !Number.isFinite(x) ? false : r.target.op === '<' ? x < r.target.limit : x <= r.target.limit;
  }
  return { ...r, ratio, pass };
}

function fmt(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`.trim();
}

function targetText(t: Target | undefined, unit: string): string {
  if (!t) return '';
  return t.on === 'ratio' ? `ratio ${t.op} ${t.limit}×` : `${t.op} ${t.limit} ${unit}`;
}

export function renderTable(rows: ScoredRow[]): string {
  const head = ['Figure', 'Value', 'Baseline', 'Ratio', 'Target', 'Result'];
  const body = rows.map((r) => [
    r.figure,
    fmt(r.value, r.unit),
    r.baseline === undefined ? '' : `${fmt(r.baseline, r.unit)}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`,
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    targetText(r.target, r.unit),
    r.pass === null ? '' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('-|-')];
  let suite = '';
  rows.forEach((r, i) => {
    if (r.suite !== suite) {
      suite = r.suite;
      out.push(`[${suite}]`);
    }
    out.push(line(body[i]!));
  });
  const notes = rows.filter((r) => r.note).map((r) => `  * ${r.figure}: ${r.note}`);
  return [...out, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}
