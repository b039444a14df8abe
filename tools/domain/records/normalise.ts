/**
 * One Sent message record (either dialect: the guide's `msg_…` records with `channel_attempted` /
 * `fallback_reason` / template variables, or the SDK's UUID records with `events[]` /
 * `message_body`) plus its activities → one normalised, shareable view (phones masked, text
 * bounded). Pure: no I/O. What the record means is decided next, in verdicts.ts.
 */
import { z } from 'zod';
import { recordId, type ActivityRecord, type MessageRecord } from './schema.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { maskPhone, maskPhonesInText } from '../redact.js';
import { findCodes } from './codes.js';

export const TimelineEntry = z.object({
  /** ISO 8601; null when the record gave no usable timestamp. */
  at: z.string().nullable(),
  status: z.string(),
  description: z.string().optional(),
  source: z.enum(['event', 'activity']),
  from: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const NormalisedMessage = z.object({
  message_id: z.string(),
  status: z.string(),
  channel: z.string().nullable(),
  channel_attempted: z.string().optional(),
  fallback_reason: z.string().optional(),
  recipient: z.string().nullable().describe('Masked: calling code and last two digits'),
  region_code: z.string().optional(),
  sandbox: z.boolean(),
  sender_profile_id: z.string().optional(),
  timeline: z.array(TimelineEntry).describe('Oldest first; events and activities merged'),
  error_codes: z.array(z.string()),
  template: z.object({ id: z.string().optional(), name: z.string().optional(), category: z.string().optional() }).optional(),
  variables: z.record(z.string(), z.string()).optional().describe('Template variables as submitted; OTP-like values masked unless sandbox'),
  body: z.string().optional().describe('Rendered body when no variables are recorded; OTP-like values masked unless sandbox'),
  price: z.number().nullable(),
  /** Webhook-style stable reason (e.g. DELIVERY_007, BUSINESS_029) and its sentence, when the record carries them. */
  reason_code: z.string().optional(),
  reason: z.string().optional(),
  /** SCHEDULED / CANCELLED messages: when it is (or was) due to go out. */
  scheduled_at: z.string().optional(),
  created_at: z.string().optional(),
  /** The number or sender ID the message left from (activities' `from`; numbers masked, short codes and names as they are). */
  sender: z
    .object({ shown: z.string(), kind: z.enum(['short_code', 'number', 'name']), account_number: z.boolean().optional().describe('Whether it is one of the numbers GET /v3/me lists') })
    .optional(),
});
export type NormalisedMessage = z.infer<typeof NormalisedMessage>;

export interface NormaliseOptions {
  /** The account's own sender numbers (GET /v3/me channels), E.164, to tell whether the sender used is one of them. */
  accountNumbers?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const MAX_TEXT = 500;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** Upstream free text made safe to show: no control characters, bounded, phones masked. */
function cleanText(s: string | null | undefined): string | undefined {
  if (s == null) return undefined;
  const t = s.replace(CONTROL_RE, ' ').trim();
  if (!t) return undefined;
  // Mask before cutting, so a cut never leaves part of a number unmasked.
  const masked = maskPhonesInText(t.slice(0, MAX_TEXT * 2));
  return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT - 1)}…` : masked;
}

/** Identifiers and enum-like values from upstream: cleaned and cut short. */
const short = (s: string | null | undefined): string | undefined => cleanText(s)?.slice(0, 100);

function toIso(ts: string | null | undefined): string | null {
  if (!ts) return null;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function toNumber(v: number | string | null | undefined): number | null {
  if (v == null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function firstChannel(c: MessageRecord['channel']): string | null {
  const v = short(Array.isArray(c) ? c[0] : c);
  return v ? v.toLowerCase() : null;
}

/** Lifecycle order, to keep same-second entries in a sensible order. */
const RANK: Record<string, number> = {
  SCHEDULED: 0, QUEUED: 1, PROCESSED: 2, ACCEPTED: 2, ROUTED: 3, SENT: 4, DELIVERED: 5, READ: 6,
  FAILED: 7, BLOCKED: 7, FILTERED: 7, CANCELLED: 7, RECEIVED: 7,
};

const OTP_VALUE_RE = /^\d{4,8}$/;
const OTP_IN_TEXT_RE = /(?<![\d+•])\b\d{4,8}\b(?!\d)/g;
const OTP_WORDS_RE = /\b(?:code|otp|pin|passcode|password|verif\w*|one[- ]time)\b/i;
const mask = (s: string) => '•'.repeat(s.length);

// ---------------------------------------------------------------------------------------------
// Timeline

/** Events (oldest first) and activities (newest first) → one oldest-first list without duplicates. */
export function mergeTimeline(events: MessageRecord['events'], activities: readonly ActivityRecord[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const byKey = new Map<string, TimelineEntry>();
  const add = (status: string, ts: string | null | undefined, description: string | null | undefined, source: 'event' | 'activity', from?: string | null) => {
    const at = toIso(ts);
    const st = status.trim().toUpperCase().slice(0, 40);
    const desc = cleanText(description);
    const key = `${st}|${at ?? `#${entries.length}`}`;
    const same = byKey.get(key);
    if (same) {
      // The same step seen in both lists: keep one entry, fill what the other lacked.
      if (!same.description && desc) same.description = desc;
      else if (desc && same.description && desc !== same.description) same.description = `${same.description} / ${desc}`;
      if (!same.from && from) same.from = cleanText(from);
      return;
    }
    const e: TimelineEntry = { at, status: st, source };
    if (desc) e.description = desc;
    // Short codes and sender names stay readable (they are the evidence); numbers are masked like any phone.
    const f = cleanText(from);
    if (f) e.from = f;
    entries.push(e);
    byKey.set(key, e);
  };
  for (const ev of events ?? []) add(ev.status, ev.timestamp, ev.description, 'event');
  for (const a of activities) add(a.status, a.timestamp, a.description, 'activity', a.from);
  const order = new Map(entries.map((e, i) => [e, i]));
  return entries.sort((a, b) => {
    if (a.at && b.at && a.at !== b.at) return a.at < b.at ? -1 : 1;
    if (a.at && !b.at) return -1;
    if (!a.at && b.at) return 1;
    const r = (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9);
    return r !== 0 ? r : order.get(a)! - order.get(b)!;
  });
}

// ---------------------------------------------------------------------------------------------
// Normalise

export function normaliseMessage(record: MessageRecord, activities: readonly ActivityRecord[], opts: NormaliseOptions = {}): NormalisedMessage {
  const id = recordId(record) ?? '(unknown)';
  const timeline = mergeTimeline(record.events, activities);
  const status = (record.status || timeline.at(-1)?.status || 'UNKNOWN').toUpperCase();
  const sandbox = record.sandbox === true || /^msg_test_/.test(id);
  const phone = record.phone ?? (Array.isArray(record.to) ? record.to[0] : record.to) ?? null;

  const tmplObj = typeof record.template === 'object' && record.template ? record.template : undefined;
  const tmplFlat = typeof record.template === 'string' ? record.template : undefined;
  const template = {
    id: short(record.template_id ?? tmplObj?.id ?? tmplFlat),
    name: short(record.template_name ?? tmplObj?.name),
    category: short(record.template_category),
  };
  const hasTemplate = !!(template.id || template.name || template.category);

  const rawVars = record.template_variables ?? record.variables ?? tmplObj?.parameters ?? undefined;
  let variables: Record<string, string> | undefined;
  if (rawVars && Object.keys(rawVars).length) {
    variables = {};
    for (const [k, v] of Object.entries(rawVars).slice(0, 50)) {
      const s = cleanText(typeof v === 'string' ? v : JSON.stringify(v)) ?? '';
      variables[k.slice(0, 64)] = !sandbox && OTP_VALUE_RE.test(s) ? mask(s) : s;
    }
  }
  let body: string | undefined;
  if (!variables) {
    const content = cleanText(record.message_body?.content ?? record.text);
    // Codes in a body are masked only where the body reads like a one-time code, so order numbers stay readable.
    const otpLike = template.category?.toUpperCase() === 'AUTHENTICATION' || OTP_WORDS_RE.test(content ?? '');
    if (content) body = sandbox || !otpLike ? content : content.replace(OTP_IN_TEXT_RE, mask);
  }

  // Codes from every field that can carry one; never from bodies or variables (an OTP is not a Meta code).
  const codeText = [
    record.reason_code,
    record.error_code,
    typeof record.error === 'string' ? record.error : record.error?.code,
    typeof record.error === 'object' ? record.error?.message : undefined,
    record.reason,
    // Newest first, so the code of the step that ended the message comes first.
    ...[...timeline].reverse().map((e) => e.description),
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n');
  const error_codes = findCodes(codeText);

  const n: NormalisedMessage = {
    message_id: id,
    status,
    channel: firstChannel(record.channel),
    recipient: phone ? maskPhone(phone) : null,
    sandbox,
    timeline,
    error_codes,
    // Activities come newest first: the latest priced step wins.
    price: toNumber(record.price) ?? toNumber(activities.find((a) => toNumber(a.price) !== null)?.price),
  };
  const attempted = short(record.channel_attempted);
  const fallbackReason = short(record.fallback_reason);
  const region = short(record.region_code) ?? (phone ? regionOfPhone(phone) : undefined);
  const profile = short(record.sender_profile_id);
  if (attempted) n.channel_attempted = attempted.toLowerCase();
  if (fallbackReason) n.fallback_reason = fallbackReason.toLowerCase();
  if (region) n.region_code = region.toUpperCase();
  if (profile) n.sender_profile_id = profile;
  if (hasTemplate) n.template = Object.fromEntries(Object.entries(template).filter(([, v]) => v)) as NormalisedMessage['template'];
  if (variables) n.variables = variables;
  if (body) n.body = body;
  const reasonCode = short(record.reason_code ?? record.error_code ?? (typeof record.error === 'object' ? record.error?.code : undefined));
  const reason = cleanText(record.reason ?? (typeof record.error === 'object' ? record.error?.message : record.error));
  if (reasonCode) n.reason_code = reasonCode.toUpperCase();
  if (reason) n.reason = reason;
  const scheduled = toIso(typeof record.scheduled_at === 'string' ? record.scheduled_at : [...activities].find((a) => typeof a.scheduled_at === 'string')?.scheduled_at as string | undefined);
  if (scheduled) n.scheduled_at = scheduled;
  const created = toIso(record.created_at);
  if (created) n.created_at = created;
  const sender = senderOf(record, activities, opts.accountNumbers);
  if (sender) n.sender = sender;
  return n;
}

function regionOfPhone(phone: string): string | undefined {
  try {
    return parsePhoneNumberFromString(phone)?.country;
  } catch {
    return undefined;
  }
}

const SHORT_CODE_RE = /^\d{5,6}$/;
const digits = (s: string) => s.replace(/[^\d]/g, '');

/** The sender the message left from: the newest outbound activity's `from`, or the record's own `from`. */
function senderOf(record: MessageRecord, activities: readonly ActivityRecord[], accountNumbers?: readonly string[]): NormalisedMessage['sender'] {
  const raw = activities.find((a) => a.from && a.status.toUpperCase() !== 'RECEIVED')?.from ?? record.from;
  const from = raw?.replace(CONTROL_RE, '').trim().slice(0, 40);
  if (!from) return undefined;
  if (SHORT_CODE_RE.test(from)) return { shown: from, kind: 'short_code', ...(accountNumbers?.length ? { account_number: accountNumbers.some((a) => digits(a) === from) } : {}) };
  if (/^\+?[\d\s().-]{7,}$/.test(from)) {
    const account = accountNumbers?.length ? accountNumbers.some((a) => digits(a) === digits(from)) : undefined;
    return { shown: maskPhone(from), kind: 'number', ...(account === undefined ? {} : { account_number: account }) };
  }
  return { shown: cleanText(from) ?? '', kind: 'name' };
}

