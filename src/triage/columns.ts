/**
 * Which columns (CSV) or fields (JSON) of a help-desk export hold the ticket's id, its text and
 * its link. Names are compared after `normaliseName`: case, spaces, `_`, `-` and `.` do not matter
 * ("Ticket ID", "ticket_id" and "ticketId" are the same name).
 */

/** `Ticket ID`, `ticket_id`, `ticketId` → `ticket id`. */
export function normaliseName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, ' ')
    .replace(/^"+|"+$/g, '')
    .trim();
}

/** The id column, best first: the number support staff see in their help desk. */
export const ID_NAMES = [
  'ticket id', // Zendesk (some exports), Freshdesk, HubSpot
  'issue key', // Jira Service Management (SUP-123)
  'conversation id', // Intercom, Help Scout, Front
  'id', // Zendesk
  'ticket number',
  'ticket no',
  'ticket #',
  'conversation number',
  'number', // Help Scout
  'case number',
  'case id',
  'key',
  'issue id', // Jira
  'record id', // HubSpot
  'conversation api id', // Front
] as const;

/** The one subject-like column: put first in the text. */
export const SUBJECT_NAMES = [
  'subject', // Zendesk, Freshdesk, Help Scout, Front
  'title',
  'summary', // Jira
  'ticket name', // HubSpot
  'ticket subject',
  'conversation title', // Intercom
  'conversation subject',
  'issue summary',
  'topic',
] as const;

/** Body columns, all joined in this order after the subject. */
export const BODY_NAMES = [
  'text',
  'description', // Zendesk, Freshdesk, Jira
  'ticket description', // HubSpot
  'description text',
  'body', // Front
  'message body',
  'plain body',
  'first message', // Intercom
  'initial message',
  'first message body',
  'customer message',
  'message',
  'messages',
  'conversation', // Intercom (transcript)
  'conversation body',
  'content',
  'details',
  'question',
  'problem',
  'issue description',
  'request',
] as const;

/** Used only when no body column above is present: a preview is better than the subject alone. */
export const FALLBACK_BODY_NAMES = ['preview', 'extract', 'excerpt', 'snippet', 'last message', 'transcript'] as const;

/** Customer comments (JSON arrays, or Jira's repeated `Comment` columns). */
export const COMMENT_NAMES = ['comments', 'comment', 'threads', 'conversation parts'] as const;

/** The ticket's link back to the help desk (http(s) only). */
export const URL_NAMES = ['url', 'html url', 'ticket url', 'conversation url', 'link', 'ticket link', 'permalink', 'web url', 'issue url', 'agent url'] as const;

/** Who opened the ticket, to tell customer comments from agent replies. */
export const REQUESTER_NAMES = ['requester id', 'reporter id', 'customer id', 'contact id', 'author id', 'user id'] as const;

export interface ColumnChoice {
  id?: number;
  subject?: number;
  body: number[];
  comments: number[];
  url?: number;
  requester?: number;
}

/** Index of the first header matching any of `names`, in the order of `names`. */
function first(norm: readonly string[], names: readonly string[], taken: ReadonlySet<number>): number | undefined {
  for (const n of names) {
    const i = norm.findIndex((h, j) => h === n && !taken.has(j));
    if (i >= 0) return i;
  }
  return undefined;
}

/**
 * Detects the columns of a CSV header. `idColumn` / `textColumns` (names as the user typed them,
 * case-insensitive) replace detection; a name not in the header throws with the headers found.
 */
export function chooseColumns(headers: readonly string[], override: { idColumn?: string; textColumns?: readonly string[] } = {}): ColumnChoice {
  const norm = headers.map(normaliseName);
  const find = (name: string): number => {
    const exact = headers.findIndex((h) => h.trim() === name.trim());
    const i = exact >= 0 ? exact : norm.indexOf(normaliseName(name));
    if (i < 0) throw new ColumnNotFound(name, headers);
    return i;
  };
  const id = override.idColumn ? find(override.idColumn) : first(norm, ID_NAMES, new Set());
  const url = first(norm, URL_NAMES, new Set(id === undefined ? [] : [id]));
  const requester = first(norm, REQUESTER_NAMES, new Set());
  if (override.textColumns?.length) {
    return { id, body: override.textColumns.map(find), comments: [], url, requester };
  }
  const taken = new Set<number>(id === undefined ? [] : [id]);
  const subject = first(norm, SUBJECT_NAMES, taken);
  if (subject !== undefined) taken.add(subject);
  let body = BODY_NAMES.flatMap((n) => norm.flatMap((h, i) => (h === n && !taken.has(i) ? [i] : [])));
  if (!body.length) body = FALLBACK_BODY_NAMES.flatMap((n) => norm.flatMap((h, i) => (h === n && !taken.has(i) ? [i] : [])));
  const comments = norm.flatMap((h, i) => ((COMMENT_NAMES as readonly string[]).includes(h) && !taken.has(i) ? [i] : []));
  return { id, subject, body, comments, url, requester };
}

export class ColumnNotFound extends Error {
  constructor(
    readonly column: string,
    readonly headers: readonly string[],
  ) {
    super(`No column named "${column}"`);
  }
}

/** `"Ticket ID", "Subject", …` for error messages: at most 30 headers, each cut short. */
export function listHeaders(headers: readonly string[]): string {
  const shown = headers.slice(0, 30).map((h) => `"${h.replace(/[\p{C}]/gu, ' ').trim().slice(0, 40)}"`);
  return shown.join(', ') + (headers.length > 30 ? `, …and ${headers.length - 30} more` : '');
}
