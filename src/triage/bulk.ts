/**
 * Bulk triage of a help-desk export: JSONL (`{"id","text"}` a line) or CSV with `id,text`
 * columns, streamed row by row. One result per input row, in order; bad rows become error rows.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import type { ToolContext } from '../../tools/context.js';
import { diagnose, type Diagnosis } from '../../tools/diagnose.js';
import { isDoctorError } from '../../tools/errors.js';

export interface TriageRow {
  /** 1-based line (JSONL) or record (CSV) number. */
  row: number;
  id: string;
  text?: string;
  error?: string;
}

export interface TriageResult {
  row: number;
  id: string;
  scenarios?: { id: string; title: string; confidence: number }[];
  conclusive?: boolean;
  question?: string;
  /** With --explain: the deciding rule, the evidence votes and the model's top features. */
  explain?: Diagnosis['explain'];
  error?: string;
}

export function detectFormat(path: string, firstLine: string): 'jsonl' | 'csv' {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.jsonl?$/i.test(path) || firstLine.trimStart().startsWith('{')) return 'jsonl';
  return 'csv';
}

export async function* readJsonl(path: string): AsyncGenerator<TriageRow> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      yield { row: n, id: `line ${n}`, error: 'not valid JSON' };
      continue;
    }
    yield toRow(n, obj);
  }
}

export async function* readCsv(path: string): AsyncGenerator<TriageRow> {
  const parser = createReadStream(path).pipe(
    parseCsv({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }),
  );
  let n = 0;
  try {
    for await (const rec of parser) yield toRow(++n, rec);
  } catch (e) {
    yield { row: n + 1, id: `record ${n + 1}`, error: `CSV could not be read past this point: ${(e as Error).message.split('\n')[0]}` };
  }
}

function toRow(n: number, obj: unknown): TriageRow {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { row: n, id: `row ${n}`, error: 'not an object with id and text' };
  const o = obj as Record<string, unknown>;
  const id = o.id === undefined || o.id === null || o.id === '' ? `row ${n}` : String(o.id).slice(0, 200);
  if (typeof o.text !== 'string' || !o.text.trim()) return { row: n, id, error: 'missing "text"' };
  return { row: n, id, text: o.text };
}

export async function triageRow(row: TriageRow, ctx: ToolContext, lookups: boolean, explain = false): Promise<TriageResult> {
  if (row.error || row.text === undefined) return { row: row.row, id: row.id, error: row.error ?? 'missing text' };
  try {
    const d = await diagnose.run({ text: row.text, lookups, explain }, ctx);
    return {
      row: row.row,
      id: row.id,
      scenarios: d.scenarios.map((s) => ({ id: s.id, title: s.title, confidence: s.confidence })),
      conclusive: d.conclusive,
      ...(d.question ? { question: d.question } : {}),
      ...(d.explain ? { explain: d.explain } : {}),
    };
  } catch (e) {
    return { row: row.row, id: row.id, error: isDoctorError(e) ? e.message : 'internal error while diagnosing this row' };
  }
}
