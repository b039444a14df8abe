/**
 * Bulk triage of a help-desk export (read.ts opens it): one result per input row, in order; bad
 * rows become error rows. Each row goes through the same `diagnose` as every other surface.
 */
import type { ToolContext } from '../../tools/context.js';
import { callTool } from '../../tools/define.js';
import { diagnose, type Diagnosis } from '../../tools/diagnose.js';
import { isDoctorError } from '../../tools/errors.js';
import type { TriageRow } from './tickets.js';

export { openExport, readJsonl, sniffDelimiter, type OpenedExport } from './read.js';
export type { TriageRow, ReadOptions } from './tickets.js';

export interface TriageResult {
  row: number;
  /** The help desk's own id. */
  id: string;
  url?: string;
  scenarios?: { id: string; title: string; confidence: number }[];
  conclusive?: boolean;
  /** Not a delivery problem (billing, account…): the cause says where to go. */
  off_topic?: boolean;
  /** One line: what was found on a message, or the most likely scenario. */
  cause?: string;
  question?: string;
  /** The ticket text was longer than diagnose accepts; its start (the customer's first message) was used. */
  truncated?: boolean;
  /** With --explain: the deciding rule, the evidence votes and the model's top features. */
  explain?: Diagnosis['explain'];
  error?: string;
}

/** The one-line cause: a looked-up message's verdict, else the first line of the summary that says what was found. */
export function causeOf(d: Diagnosis): string {
  const verdict = d.messages.find((m) => m.verdict)?.verdict;
  if (verdict) return verdict.cause;
  const lines = d.summary.split('\n').filter((l) => l.trim());
  const found = lines.find((l) => !/^Message \S+ was /.test(l) && !/^…and \d+ more/.test(l));
  return (found ?? lines[0] ?? '').trim();
}

export async function triageRow(row: TriageRow, ctx: ToolContext, lookups: boolean, explain = false): Promise<TriageResult> {
  const base = { row: row.row, id: row.id, ...(row.url ? { url: row.url } : {}) };
  if (row.error || row.text === undefined) return { ...base, error: row.error ?? 'missing text' };
  const max = ctx.limits.maxTextLength;
  const truncated = row.text.length > max;
  const text = truncated ? row.text.slice(0, max) : row.text;
  try {
    // Through the registry's one entry, like every other surface: the input is parsed by the tool's own schema.
    const d = await callTool(diagnose, { text, lookups, explain }, ctx);
    return {
      ...base,
      scenarios: d.scenarios.map((s) => ({ id: s.id, title: s.title, confidence: s.confidence })),
      conclusive: d.conclusive,
      ...(d.off_topic ? { off_topic: true } : {}),
      cause: causeOf(d),
      ...(d.question ? { question: d.question } : {}),
      ...(truncated ? { truncated: true } : {}),
      ...(d.explain ? { explain: d.explain } : {}),
    };
  } catch (e) {
    return { ...base, error: isDoctorError(e) ? e.message : 'internal error while diagnosing this row' };
  }
}

/** The label a row is counted under: its top scenario, `off-topic`, or undefined for an error row. */
export function bucketOf(r: TriageResult): string | undefined {
  if (r.error) return undefined;
  if (r.off_topic) return 'off-topic';
  return r.scenarios?.[0]?.id ?? '(none)';
}

/** Running counts for the summary line. */
export class Tally {
  total = 0;
  errors = 0;
  readonly counts = new Map<string, number>();
  readonly notConclusive: string[] = [];

  add(r: TriageResult): void {
    this.total++;
    const b = bucketOf(r);
    if (b === undefined) {
      this.errors++;
      return;
    }
    this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
    if (!r.conclusive) this.notConclusive.push(r.id);
  }

  byCount(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  /** One line: rows, counts by scenario, and the not-conclusive queue by id. */
  line(maxIds = 20): string {
    const by = this.byCount().map(([id, n]) => `${n} ${id}`).join(', ');
    const q = this.notConclusive;
    const ids = q.slice(0, maxIds).join(', ') + (q.length > maxIds ? `, …and ${q.length - maxIds} more` : '');
    return (
      `${this.total} rows, ${this.total - this.errors} triaged, ${this.errors} skipped.` +
      (by ? ` By scenario: ${by}.` : '') +
      ` Not conclusive (${q.length})${q.length ? `: ${ids}` : ''}.`
    );
  }
}
