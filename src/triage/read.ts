/**
 * Opens a help-desk export and streams its tickets. What it reads, with no renaming:
 * - JSON lines: one ticket object a line (Zendesk's full JSON export, `{"id","text"}`); a line
 *   holding a page (`{"tickets":[…]}`) gives each of its tickets;
 * - one JSON document: `{"tickets":[…]}` (Zendesk API), `{"conversations"|"results"|"issues":[…]}`
 *   or a top-level array;
 * - CSV with `,` `;` or tab (sniffed; Excel's `sep=` line honoured), BOM, CRLF, quoted
 *   multi-line fields, with the id, subject, body and comment columns found by name (columns.ts).
 * Anything that is not UTF-8 text is refused before a single row is read.
 */
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import { InputError } from '../../tools/errors.js';
import { chooseColumns, ColumnNotFound, listHeaders, type ColumnChoice } from './columns.js';
import { csvRecordToRow, jsonTicketToRow, type ReadOptions, type TriageRow } from './tickets.js';
import { terminalSafe } from './safe.js';

export type { ReadOptions, TriageRow } from './tickets.js';

const HEAD_BYTES = 64 * 1024;
/** Past this a single JSON document is not parsed whole; JSON lines have no limit. */
const MAX_JSON_DOCUMENT = 256 * 1024 * 1024;
const CONTAINERS = ['tickets', 'conversations', 'results', 'issues'];

export interface OpenedExport {
  format: 'jsonl' | 'json' | 'csv';
  /** The input's delimiter (CSV); `--csv` output uses the same one. */
  delimiter: string;
  /** The input's own columns, for `--csv`: the CSV header, or id/subject/url for JSON. */
  columns: string[];
  /** What was detected, for one line on stderr. */
  detected: string;
  rows: AsyncIterable<TriageRow>;
}

interface Head {
  text: string;
  size: number;
  complete: boolean;
}

async function readHead(path: string): Promise<Head> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable');
    throw new InputError(`Cannot read ${terminalSafe(path)}: ${why}.`);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new InputError(`Cannot read ${terminalSafe(path)}: it is a directory.`);
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    return { text: textOf(head, path, bytesRead < st.size), size: st.size, complete: bytesRead >= st.size };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`Cannot read ${terminalSafe(path)}: ${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : 'read error'}.`);
  } finally {
    await fh.close();
  }
}

/** The head as text, or one line saying why the file is not a UTF-8 text export. */
function textOf(b: Buffer, path: string, truncated: boolean): string {
  const name = terminalSafe(path);
  if (b.length === 0) throw new InputError(`${name} is empty.`);
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))
    throw new InputError(`${name} is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8") and run again.`);
  if (b.includes(0)) throw new InputError(`${name} is not a text file (binary data); give a CSV or JSON export.`);
  let end = b.length;
  if (truncated) {
    // Do not judge a character cut by the end of the head.
    let i = end - 1;
    while (i > end - 4 && i > 0 && (b[i]! & 0xc0) === 0x80) i--;
    if (b[i]! >= 0xc0) end = i;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, end));
  } catch {
    throw new InputError(`${name} is not UTF-8 text; export it again as UTF-8 (in Excel: "CSV UTF-8") and run again.`);
  }
  // eslint-disable-next-line no-control-regex
  const controls = (text.match(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g) ?? []).length;
  if (controls > Math.max(8, text.length / 100)) throw new InputError(`${name} is not a text file (binary data); give a CSV or JSON export.`);
  return text.replace(/^\uFEFF/, '');
}

/** Opens the export: format, columns and a stream of rows. Throws InputError (exit 2) before any row. */
export async function openExport(path: string, opts: ReadOptions = {}): Promise<OpenedExport> {
  const head = await readHead(path);
  const start = head.text.trimStart();
  const csvByName = /\.(csv|tsv|txt)$/i.test(path);
  if (!csvByName && (start.startsWith('{') || start.startsWith('['))) return openJson(path, head, opts);
  return openCsv(path, head, opts);
}

// ---------------------------------------------------------------------------------------------
// JSON

const JSON_COLUMNS = ['id', 'subject', 'url'];

function containerOf(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  for (const k of CONTAINERS) if (Array.isArray(o[k])) return o[k] as unknown[];
  const emb = o._embedded as Record<string, unknown> | undefined;
  if (emb && typeof emb === 'object') for (const k of CONTAINERS) if (Array.isArray(emb[k])) return emb[k] as unknown[];
  return undefined;
}

async function openJson(path: string, head: Head, opts: ReadOptions): Promise<OpenedExport> {
  const nl = head.text.indexOf('\n');
  const firstLine = nl >= 0 ? head.text.slice(0, nl) : head.complete ? head.text : undefined;
  let lineParses = false;
  if (firstLine !== undefined) {
    try {
      JSON.parse(firstLine);
      lineParses = true;
    } catch {
      lineParses = false;
    }
  }
  if ((!lineParses || head.text.trimStart().startsWith('[')) && head.size <= MAX_JSON_DOCUMENT) {
    let doc: unknown;
    let parsed = false;
    try {
      doc = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
      parsed = true;
    } catch {
      // not one document: read it line by line, bad lines become error rows
    }
    if (parsed) {
      const list = containerOf(doc) ?? [doc];
      return { format: 'json', delimiter: ',', columns: JSON_COLUMNS, detected: `JSON document, ${list.length} ticket(s)`, rows: jsonList(list, opts) };
    }
  }
  return { format: 'jsonl', delimiter: ',', columns: JSON_COLUMNS, detected: 'JSON lines, one ticket a line', rows: readJsonl(path, opts) };
}

async function* jsonList(list: unknown[], opts: ReadOptions): AsyncGenerator<TriageRow> {
  let n = 0;
  for (const t of list) yield jsonTicketToRow(++n, t, opts);
}

/** JSON lines, streamed. A BOM before the first line is not part of it. */
export async function* readJsonl(path: string, opts: ReadOptions = {}): AsyncGenerator<TriageRow> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      yield { row: n, id: `line ${n}`, error: 'not valid JSON', cells: [`line ${n}`, '', ''] };
      continue;
    }
    // A page of tickets (`{"tickets":[…]}`), not a ticket that happens to hold a list.
    const page = Array.isArray(obj) || (obj && typeof obj === 'object' && !('id' in obj)) ? containerOf(obj) : undefined;
    if (page) for (const t of page) yield jsonTicketToRow(n, t, opts, 'line');
    else yield jsonTicketToRow(n, obj, opts, 'row');
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The delimiter of the first line (outside quotes): the most frequent of `,` `;` tab; `,` on a tie. */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

const describeDelimiter = (d: string) => (d === '\t' ? 'tab' : `"${d}"`);

async function openCsv(path: string, head: Head, opts: ReadOptions): Promise<OpenedExport> {
  const sep = /^sep=(.)\r?\n/i.exec(head.text);
  const delimiter = sep ? sep[1]! : sniffDelimiter(head.text);
  const parser = createReadStream(path).pipe(
    parseCsv({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, from_line: sep ? 2 : 1 }),
  );
  const it: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  let headerRec: IteratorResult<string[]>;
  try {
    headerRec = await it.next();
  } catch (e) {
    throw new InputError(`${terminalSafe(path)} could not be read as CSV: ${terminalSafe((e as Error).message.split('\n')[0] ?? '')}`);
  }
  if (headerRec.done) throw new InputError(`${terminalSafe(path)} has no header row.`);
  const headers = headerRec.value.map((h) => h.replace(/^\uFEFF/, '').trim());
  let cols: ColumnChoice;
  try {
    cols = chooseColumns(headers, opts);
  } catch (e) {
    if (e instanceof ColumnNotFound)
      throw new InputError(`No column "${terminalSafe(e.column)}" in ${terminalSafe(path)}; its columns are ${terminalSafe(listHeaders(headers))}.`);
    throw e;
  }
  if (!cols.subject && !cols.body.length && !cols.comments.length) {
    const guess = headers.find((h) => h.trim()) ?? 'Description';
    throw new InputError(
      `No text column found in ${terminalSafe(path)} (delimiter ${describeDelimiter(delimiter)}); its columns are ${terminalSafe(listHeaders(headers))}.`,
      { hint: `Name the column(s) holding the ticket text: --text-column "${terminalSafe(guess)}" (repeat the flag to join several; --id-column names the id).` },
    );
  }
  const name = (i: number | undefined) => (i === undefined ? undefined : `"${headers[i]}"`);
  const detected =
    `CSV (${describeDelimiter(delimiter)}): id ${name(cols.id) ?? '(none: row numbers)'}; text ` +
    [name(cols.subject), ...cols.body.map(name), ...(cols.comments.length ? [`${cols.comments.length} comment column(s)`] : [])].filter(Boolean).join(' + ') +
    (cols.url !== undefined ? `; link ${name(cols.url)}` : '');
  return { format: 'csv', delimiter, columns: headers, detected: terminalSafe(detected), rows: csvRows(it, cols, headers.length) };
}

async function* csvRows(it: AsyncIterator<string[]>, cols: ColumnChoice, width: number): AsyncGenerator<TriageRow> {
  let n = 0;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield csvRecordToRow(++n, r.value, cols, width);
    }
  } catch (e) {
    yield { row: n + 1, id: `record ${n + 1}`, error: `CSV could not be read past this point: ${(e as Error).message.split('\n')[0]}`, cells: [] };
  }
}
