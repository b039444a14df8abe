/**
 * One help-desk ticket → one row to triage: its own id, its link, and one text made of the
 * subject, the description and the customer's comments (the customer's first message first,
 * agent replies left out).
 */
import { COMMENT_NAMES, ID_NAMES, REQUESTER_NAMES, SUBJECT_NAMES, BODY_NAMES, FALLBACK_BODY_NAMES, URL_NAMES, normaliseName, type ColumnChoice } from './columns.js';
import { cleanId, stripControls } from './safe.js';

export interface TriageRow {
  /** 1-based line (JSON lines) or data record (CSV) number. */
  row: number;
  /** The help desk's own id (cleaned: no controls, no key), or `row N` / `line N` when it has none. */
  id: string;
  text?: string;
  error?: string;
  /** Link back to the ticket in the help desk (http(s) only). */
  url?: string;
  subject?: string;
  /** The input's own cells, in the order of the export's columns (for `--csv`). */
  cells?: string[];
}

export interface ReadOptions {
  idColumn?: string;
  textColumns?: readonly string[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Joins text parts, dropping empty ones and any already contained in an earlier part. */
export function joinParts(parts: readonly (string | undefined)[]): string {
  const kept: string[] = [];
  for (const p of parts) {
    const t = p ? stripControls(p).trim() : '';
    if (!t) continue;
    const q = squash(t);
    if (kept.some((k) => squash(k).includes(q))) continue;
    kept.push(t);
  }
  return kept.join('\n\n');
}

/** http(s) links only; a Zendesk API url (`/api/v2/tickets/123.json`) becomes the agent's page. */
export function ticketUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (!/^https?:\/\/[^\s"'<>]+$/i.test(s) || s.length > 2000) return undefined;
  const zd = /^(https:\/\/[^/]+)\/api\/v2\/tickets\/(\d+)\.json$/i.exec(s);
  return zd ? `${zd[1]}/agent/tickets/${zd[2]}` : s;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
function htmlToText(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/div|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '');
}

const scalar = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;

/** A JSON object's fields by normalised name (Jira's nested `fields` too), first spelling wins. */
function fieldsOf(o: Record<string, unknown>): Map<string, unknown> {
  const m = new Map<string, unknown>();
  const add = (obj: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(obj)) {
      const n = normaliseName(k);
      if (!m.has(n)) m.set(n, v);
    }
  };
  add(o);
  if (o.fields && typeof o.fields === 'object' && !Array.isArray(o.fields)) add(o.fields as Record<string, unknown>);
  return m;
}

function firstOf(f: Map<string, unknown>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = scalar(f.get(n));
    if (v !== undefined && v.trim()) return v;
  }
  return undefined;
}

/** A value named by the user (`--text-column`): strings as they are, arrays of strings joined. */
function valueText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : commentBody(x) ?? '')).join('\n\n');
  return undefined;
}

function commentBody(c: unknown): string | undefined {
  if (typeof c === 'string') return c;
  if (!c || typeof c !== 'object') return undefined;
  const o = c as Record<string, unknown>;
  for (const k of ['plain_body', 'body', 'text', 'value', 'content']) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return k === 'body' && /<\/?[a-z][^>]*>/i.test(v) ? htmlToText(v) : v;
  }
  if (typeof o.html_body === 'string') return htmlToText(o.html_body);
  return undefined;
}

const authorOf = (c: Record<string, unknown>): string | undefined => {
  const a = c.author_id ?? c.authorId ?? c.user_id ?? (c.author as { id?: unknown } | undefined)?.id ?? (c.createdBy as { id?: unknown } | undefined)?.id;
  return scalar(a);
};
const authorKind = (c: Record<string, unknown>): string | undefined => {
  const t = (c.author as { type?: unknown } | undefined)?.type ?? (c.createdBy as { type?: unknown } | undefined)?.type ?? c.author_type;
  return typeof t === 'string' ? t.toLowerCase() : undefined;
};
const CUSTOMER_KINDS = new Set(['user', 'lead', 'contact', 'customer', 'end-user', 'end_user', 'requester']);

/**
 * The customer's comments, oldest first. With a requester id, only that person's comments; with
 * author kinds (Intercom, Help Scout), only customers'; with neither, the first comment alone
 * (the opening message), since agent replies would only add noise. Private notes never count.
 */
function customerComments(list: unknown, requester: string | undefined): string[] {
  let arr: unknown[] = [];
  if (Array.isArray(list)) arr = list;
  else if (list && typeof list === 'object') {
    const inner = Object.values(list as Record<string, unknown>).find(Array.isArray);
    if (inner) arr = inner as unknown[];
  }
  const items = arr
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => typeof c === 'string' || (c && typeof c === 'object' && (c as Record<string, unknown>).public !== false));
  const at = (c: unknown) => (c && typeof c === 'object' ? Date.parse(String((c as Record<string, unknown>).created_at ?? (c as Record<string, unknown>).createdAt ?? '')) : NaN);
  items.sort((a, b) => {
    const ta = at(a.c);
    const tb = at(b.c);
    return Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb ? ta - tb : a.i - b.i;
  });
  const withAuthor = items.filter(({ c }) => typeof c === 'object' && c !== null && (authorOf(c as Record<string, unknown>) !== undefined || authorKind(c as Record<string, unknown>) !== undefined));
  let chosen: typeof items;
  if (requester && withAuthor.length) chosen = items.filter(({ c }) => typeof c === 'object' && c !== null && authorOf(c as Record<string, unknown>) === requester);
  else if (withAuthor.some(({ c }) => authorKind(c as Record<string, unknown>) !== undefined))
    chosen = items.filter(({ c }) => CUSTOMER_KINDS.has(authorKind(c as Record<string, unknown>) ?? ''));
  else chosen = items.slice(0, 1);
  return chosen.flatMap(({ c }) => commentBody(c) ?? []);
}

export const NO_TEXT = 'missing "text" (no subject, description, body or customer comment)';

/** A JSON ticket: Zendesk (full export or API), `{"id","text"}`, or any object with the usual field names. */
export function jsonTicketToRow(n: number, obj: unknown, opts: ReadOptions, unit = 'row'): TriageRow {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return { row: n, id: `${unit} ${n}`, error: 'not an object with id and text' };
  const o = obj as Record<string, unknown>;
  const f = fieldsOf(o);
  const rawId = opts.idColumn ? scalar(f.get(normaliseName(opts.idColumn))) : firstOf(f, ID_NAMES);
  const id = rawId !== undefined && rawId.trim() ? cleanId(rawId) || `${unit} ${n}` : `${unit} ${n}`;
  const url = ticketUrl(firstOf(f, URL_NAMES));
  let subject: string | undefined;
  let text: string;
  if (opts.textColumns?.length) {
    text = joinParts(opts.textColumns.map((c) => valueText(f.get(normaliseName(c)))));
  } else {
    subject = firstOf(f, SUBJECT_NAMES);
    let bodies = BODY_NAMES.map((k) => scalar(f.get(k)));
    if (!bodies.some(Boolean)) bodies = FALLBACK_BODY_NAMES.map((k) => scalar(f.get(k)));
    const requester = firstOf(f, ['requester id', 'submitter id', ...REQUESTER_NAMES]);
    const comments = COMMENT_NAMES.flatMap((k) => (f.has(k) ? customerComments(f.get(k), requester) : []));
    text = joinParts([subject, ...bodies, ...comments]);
  }
  const base = { row: n, id, ...(url ? { url } : {}), ...(subject ? { subject: stripControls(subject).trim() } : {}) };
  const cells = [rawId ?? '', subject ?? '', url ?? ''];
  if (!text) return { ...base, cells, error: opts.textColumns?.length ? `no text in ${opts.textColumns.map((c) => `"${c}"`).join(', ')}` : NO_TEXT };
  return { ...base, cells, text };
}

/** Jira's comment cells: `date;author account id;body`. */
const JIRA_COMMENT = /^([^;\n]{4,40});([^;\n]{3,128});([\s\S]*)$/;

/** A CSV record with the chosen columns. */
export function csvRecordToRow(n: number, cells: readonly string[], cols: ColumnChoice, width: number): TriageRow {
  const cell = (i: number | undefined) => (i === undefined ? undefined : cells[i]);
  const rawId = cell(cols.id);
  const id = rawId && rawId.trim() ? cleanId(rawId) || `row ${n}` : `row ${n}`;
  const url = ticketUrl(cell(cols.url));
  const subject = cell(cols.subject);
  const requester = cell(cols.requester)?.trim();
  const comments = cols.comments.flatMap((i) => {
    const c = cells[i];
    if (!c || !c.trim()) return [];
    const jira = JIRA_COMMENT.exec(c);
    if (!jira) return [c];
    return requester && jira[2]!.trim() === requester ? [jira[3]!] : [];
  });
  const text = joinParts([subject, ...cols.body.map(cell), ...comments]);
  const own = Array.from({ length: width }, (_, i) => cells[i] ?? '');
  const base = { row: n, id, cells: own, ...(url ? { url } : {}), ...(subject?.trim() ? { subject: stripControls(subject).trim() } : {}) };
  return text ? { ...base, text } : { ...base, error: 'the text columns are empty in this row' };
}
