/**
 * Entity extraction from free text (Slack messages, tickets, logs): message IDs, error codes,
 * the guide's field values, JSON payloads and curl commands, key-like strings (kept only
 * in memory, surfaced as fingerprints), phone numbers, countries and channels.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { MESSAGE_ID_IN_TEXT } from './message-id.js';
import { findKeyLikeStrings, fingerprint, maskPhone } from './redact.js';
import { findCountriesInText } from './countries.js';
import { normaliseAliases } from './aliases.js';
import { isAscii, uniq } from './util.js';
import { canonicalCodes, findCodes } from './records/codes.js';

export interface ExtractedField {
  name: string;
  value: string;
}

export interface Entities {
  messageIds: string[];
  errorCodes: string[];
  httpStatuses: number[];
  fields: ExtractedField[];
  /** Raw payload texts (JSON or a curl command) to validate. */
  payloads: string[];
  /** Message records and activity entries pasted as JSON (read like a lookup result). */
  records: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  /** Raw key-like strings: never output them; use keyFingerprints. */
  keys: string[];
  keyFingerprints: string[];
  phones: { masked: string; iso2?: string }[];
  countries: { iso2: string; name: string; via: string }[];
  channels: string[];
}

const HTTP_RE = /(?<![\d+\-.])\b(20[0-4]|40[0-9]|42[29]|50[0-4])s?\b(?!\s*(?:messages?|sms|texts?|k\b|\/|per|users?|numbers?|recipients?|ms\b|%))/gi;
const FIELD_RE =
  /\b(fallback_reason|channel_attempted|message_status|reason_code|region_code|channel|status)\b["']?\s*(?:[:=]|\bis\b|\bwas\b|\bshows?\b|\bsays?\b|\bset to\b)\s*["']?\[?\s*["']?([A-Za-z_]{2,40})/gi;
const CHANNELS = (['whatsapp', 'sms', 'rcs'] as const).map((c) => [c, new RegExp(`\\b${c}\\b`)] as const);
const MSG_PREFIX = /msg_/i;
const PHONE_CANDIDATE_RE = /\+\s?\d[\d\s().\-]{4,22}\d/g;
const MAX_PHONE_CANDIDATES = 50;
const FALLBACK_VALUES = ['template_not_approved', 'channel_not_connected', 'recipient_not_capable'];
const MAX_PAYLOADS = 5;
const MAX_PAYLOAD_CHARS = 256 * 1024;

/** The end index (exclusive) of the balanced {...} starting at `start`, or -1. */
function balancedEnd(text: string, start: number, budget: { left: number }): number {
  let depth = 0;
  let inStr = false;
  let quote = '';
  for (let i = start; i < text.length && i - start < MAX_PAYLOAD_CHARS; i++) {
    if (--budget.left < 0) return -1;
    const c = text[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === quote) inStr = false;
    } else if (c === '"') {
      inStr = true;
      quote = c;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const PAYLOAD_KEYS = /"(?:to|template|channel|text|phoneNumber|templateId|sender_profile_id|fallback|sandbox)"\s*:/;
const RECORD_KEYS = ['events', 'phone', 'region_code', 'channel_attempted', 'fallback_reason', 'message_body', 'template_id', 'message_id', 'id', 'created_at'];

type JsonKind = 'envelope' | 'webhook' | 'template' | 'record' | 'activity' | 'payload' | 'other';

const TEMPLATE_STATUSES = new Set(['APPROVED', 'PENDING', 'REJECTED']);
/** A template's status (a `templates` webhook, or a template record): not a message. */
function templateStatus(o: Record<string, unknown>): string | undefined {
  const inner = o.field === 'templates' && o.payload && typeof o.payload === 'object' ? (o.payload as Record<string, unknown>) : o;
  const st = typeof inner.status === 'string' ? inner.status.toUpperCase() : undefined;
  const isTemplate = o.field === 'templates' || (('template_id' in inner || 'template_name' in inner) && !('message_id' in inner || 'events' in inner || 'phone' in inner));
  return st && TEMPLATE_STATUSES.has(st) && isTemplate ? st.toLowerCase() : undefined;
}

/** A message webhook (`{field, event, payload: {message_status, reason_code…}}`) read as a message record. */
function webhookRecord(o: Record<string, unknown>): Record<string, unknown> | undefined {
  const p = o.payload;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return undefined;
  const q = p as Record<string, unknown>;
  if (typeof q.message_status !== 'string') return undefined;
  return { ...q, status: q.message_status, id: q.message_id, ...(q.reason ? { reason: q.reason } : {}) };
}

/** What a pasted JSON object is: a send payload, a message record, an activity, an error envelope. */
function classify(obj: unknown): JsonKind {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return 'other';
  const o = obj as Record<string, unknown>;
  if ('success' in o && ('error' in o || 'data' in o)) return 'envelope';
  if (webhookRecord(o)) return 'webhook';
  if (templateStatus(o)) return 'template';
  if (typeof o.status === 'string' && RECORD_KEYS.some((k) => k in o)) return 'record';
  if (typeof o.status === 'string' && ('description' in o || 'timestamp' in o || 'from' in o)) return 'activity';
  if (Array.isArray(o.activities)) return 'activity';
  return 'other';
}

/** A send body names its recipients or its content; a bare `channel` is not enough. */
function isSendBody(o: unknown): boolean {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return false;
  return ['to', 'template', 'text', 'phoneNumber', 'templateId', 'contactId'].some((k) => k in (o as object));
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface Pasted {
  /** Template statuses pasted (a templates webhook or record): read as the field `template_status`. */
  templateStatuses: string[];
  payloads: string[];
  records: Record<string, unknown>[];
  activities: Record<string, unknown>[];
}

function findPasted(text: string): Pasted {
  const found: Array<{ at: number; text: string }> = [];
  const records: Record<string, unknown>[] = [];
  const activities: Record<string, unknown>[] = [];
  const templateStatuses: string[] = [];
  const taken: Array<[number, number]> = [];
  // Bounds the total scanning work, so adversarial brace soup stays linear.
  const budget = { left: 2_000_000 };
  const curl = /\bcurl\b[\s\S]*?(?:\n\s*\n|$)/gi;
  for (const m of text.matchAll(curl)) {
    if (/\s(?:-d|--data(?:-raw|-binary)?|--json)\b/.test(m[0])) {
      found.push({ at: m.index!, text: m[0].slice(0, MAX_PAYLOAD_CHARS) });
      taken.push([m.index!, m.index! + m[0].length]);
    }
  }
  for (let i = text.indexOf('{'); i >= 0 && found.length + records.length < MAX_PAYLOADS * 2; i = text.indexOf('{', i + 1)) {
    if (taken.some(([a, b]) => i >= a && i < b)) continue;
    const end = balancedEnd(text, i, budget);
    if (budget.left < 0) break;
    if (end < 0) continue;
    const candidate = text.slice(i, end);
    const parsed = tryJson(candidate);
    const kind = classify(parsed);
    if (kind === 'envelope') {
      // A response: its codes are read from the text; what is inside is not a payload.
      const data = (parsed as { data?: unknown }).data;
      if (classify(data) === 'record') records.push(data as Record<string, unknown>);
      taken.push([i, end]);
      i = end - 1;
    } else if (kind === 'template') {
      templateStatuses.push(templateStatus(parsed as Record<string, unknown>)!);
      taken.push([i, end]);
      i = end - 1;
    } else if (kind === 'webhook') {
      records.push(webhookRecord(parsed as Record<string, unknown>)!);
      taken.push([i, end]);
      i = end - 1;
    } else if (kind === 'record' || kind === 'activity') {
      (kind === 'record' ? records : activities).push(parsed as Record<string, unknown>);
      taken.push([i, end]);
      i = end - 1;
    } else if (PAYLOAD_KEYS.test(candidate) && (parsed === undefined || isSendBody(parsed))) {
      found.push({ at: i, text: candidate });
      taken.push([i, end]);
      i = end - 1;
    }
  }
  return {
    templateStatuses,
    payloads: found
      .sort((a, b) => a.at - b.at)
      .slice(0, MAX_PAYLOADS)
      .map((f) => f.text),
    records: records.slice(0, MAX_PAYLOADS),
    activities: activities.slice(0, 50),
  };
}

export function normaliseText(text: string): string {
  // ASCII is its own NFKC and holds none of the characters replaced below.
  if (isAscii(text)) return text;
  return (
    text
      .normalize('NFKC')
      // zero-width and bidi controls: invisible, but they break matching
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
  );
}

export function extractEntities(raw: string): Entities {
  return extractFromNormalised(normaliseText(raw));
}

/** For callers that already hold the normalised text (diagnose reads it for cues and search too). */
export function extractFromNormalised(text: string): Entities {
  // A message ID is a UUID (it has a '-') or starts with msg_: a text with neither is not scanned for one.
  const mayHaveIds = text.includes('-') || MSG_PREFIX.test(text);
  const ids = mayHaveIds ? uniq([...text.matchAll(MESSAGE_ID_IN_TEXT)].map((m) => m[0])) : [];
  // A UUID in an "api key" context is a key, not a message.
  const keys = findKeyLikeStrings(text);
  // An "ID" that is or holds a key (`msg_xsk_live_…`, pasted without a space) is not looked up or echoed.
  const messageIds = ids.filter((id) => !keys.some((k) => id.includes(k)));
  const stripped = mayHaveIds ? text.replace(MESSAGE_ID_IN_TEXT, ' ') : text;
  // Codes by the one definition (records/codes.ts), read as people type them, outside message IDs.
  const errorCodes = findCodes(canonicalCodes(stripped));
  const httpStatuses = uniq([...stripped.matchAll(HTTP_RE)].map((m) => Number(m[1])));

  const fields: ExtractedField[] = [];
  for (const m of text.matchAll(FIELD_RE)) fields.push({ name: m[1]!.toLowerCase(), value: m[2]!.toLowerCase() });
  const lower = text.toLowerCase();
  for (const v of FALLBACK_VALUES) if (lower.includes(v) && !fields.some((f) => f.value === v)) fields.push({ name: 'fallback_reason', value: v });

  const phones: Entities['phones'] = [];
  try {
    // Only international-format candidates are parsed (what libphonenumber finds without a default
    // country), and at most MAX_PHONE_CANDIDATES: digit-heavy input stays linear and fast.
    let n = 0;
    for (const m of text.slice(0, 50_000).matchAll(PHONE_CANDIDATE_RE)) {
      if (++n > MAX_PHONE_CANDIDATES) break;
      for (const p of findPhoneNumbersInText(m[0])) phones.push({ masked: maskPhone(p.number.number), iso2: p.number.country });
    }
  } catch {
    // libphonenumber can reject odd input; phones are optional evidence.
  }

  const countries = new Map<string, { iso2: string; name: string; via: string }>();
  for (const c of findCountriesInText(text.slice(0, 50_000))) if (!countries.has(c.iso2)) countries.set(c.iso2, { iso2: c.iso2, name: c.name, via: c.via });
  for (const f of fields) if (f.name === 'region_code') countries.set(f.value.toUpperCase(), { iso2: f.value.toUpperCase(), name: f.value, via: 'field' });

  const expanded = normaliseAliases(text).toLowerCase();
  const channels = CHANNELS.filter(([, re]) => re.test(expanded)).map(([c]) => c);

  return {
    messageIds,
    errorCodes,
    httpStatuses,
    ...withTemplateFields(fields, findPasted(text)),
    keys,
    keyFingerprints: keys.map(fingerprint),
    phones,
    countries: [...countries.values()],
    channels,
  };
}

/** A pasted template status is a field like any other (`template_status: rejected`), so the entries' signals can name it. */
function withTemplateFields(fields: ExtractedField[], p: Pasted): { fields: ExtractedField[] } & Omit<Pasted, 'templateStatuses'> {
  const { templateStatuses, ...rest } = p;
  return { fields: uniqFields([...fields, ...templateStatuses.map((value) => ({ name: 'template_status', value }))]), ...rest };
}

function uniqFields(fields: ExtractedField[]): ExtractedField[] {
  const seen = new Set<string>();
  return fields.filter((f) => {
    const k = `${f.name}=${f.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
