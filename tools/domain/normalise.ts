/**
 * One Sent message record (either dialect: the guide's `msg_…` records with `channel_attempted` /
 * `fallback_reason` / template variables, or the SDK's UUID records with `events[]` /
 * `message_body`) plus its activities → one normalised, shareable view, and the findings that
 * explain it in plain words. Pure: no I/O, the clock and coverage data come in as arguments.
 * Used by lookup_message, diagnose and the renderers.
 */
import { z } from 'zod';
import type { CountryFacts, CoverageTable } from '../context.js';
import { recordId, type ActivityRecord, type MessageRecord } from './records.js';
import { maskPhone, maskPhonesInText } from './redact.js';
import { uniq } from './util.js';

export const SCENARIO_IDS = [
  'whatsapp-api-payload',
  'whatsapp-131049',
  'sms-country-delivery',
  'wrong-sender-number',
  'sms-only-mode',
  'failover-not-triggering',
  'auth-invalid-api-key',
  'sandbox-mode',
  'escalate-to-support',
  'whatsapp-template-issues',
  'sender-id-issues',
  'compliance-10dlc',
  'login-otp',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Stable codes: the knowledge base lists them as `signals`, so renaming one breaks triage. */
export const FINDING_CODES = [
  'accepted_not_delivered',
  'stuck_sent_filtering_country',
  'template_params_invalid',
  'meta_131049',
  'fallback_template_not_approved',
  'fallback_channel_not_connected',
  'fallback_recipient_not_capable',
  'recipient_not_on_whatsapp',
  'blocked_template_not_approved',
  'shared_short_code_sender',
  'sandbox_message',
  'route_denied',
  'consent_blocked',
  'insufficient_balance',
  'message_not_found',
  'delivered',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const Finding = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  scenario: z.enum(SCENARIO_IDS).optional(),
});
export type Finding = z.infer<typeof Finding>;

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
  findings: z.array(Finding),
});
export type NormalisedMessage = z.infer<typeof NormalisedMessage>;

export interface NormaliseOptions {
  /** ms since epoch: "stuck for N hours" is measured against this. */
  now: number;
  coverage?: Pick<CoverageTable, 'get'>;
}

// ---------------------------------------------------------------------------------------------
// Codes

const SENT_CODE_RE = /\b(AUTH|BUSINESS|RESOURCE|VALIDATION|CONFLICT|SERVICE|INTERNAL|LIMIT|CHANNEL|DELIVERY)_(\d{3})\b/g;
const ERR_CODE_RE = /\bERR_[A-Z0-9][A-Z0-9_]{1,60}\b/g;
const NAMED_CODE_RE = /\b(TEMPLATE_NOT_APPROVED|INSUFFICIENT_BALANCE)\b/g;
/** Meta's WhatsApp error codes (131xxx–133xxx), not glued to other digits or a phone number. */
const META_CODE_RE = /(?<![\d+])\b(13[0-3]\d{3})\b(?!\d)/g;

/** Every Sent, send-time and Meta code in a text, in order of first appearance. */
export function findCodes(text: string): string[] {
  const found: Array<[number, string]> = [];
  for (const re of [SENT_CODE_RE, ERR_CODE_RE, NAMED_CODE_RE, META_CODE_RE])
    for (const m of text.matchAll(re)) found.push([m.index ?? 0, m[0]]);
  return uniq(found.sort((a, b) => a[0] - b[0]).map(([, c]) => c));
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

export function normaliseMessage(record: MessageRecord, activities: readonly ActivityRecord[], opts: NormaliseOptions): NormalisedMessage {
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
    ...(record.events ?? []).map((e) => e.description),
    ...activities.map((a) => a.description),
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
    findings: [],
  };
  const attempted = short(record.channel_attempted);
  const fallbackReason = short(record.fallback_reason);
  const region = short(record.region_code);
  const profile = short(record.sender_profile_id);
  if (attempted) n.channel_attempted = attempted.toLowerCase();
  if (fallbackReason) n.fallback_reason = fallbackReason.toLowerCase();
  if (region) n.region_code = region.toUpperCase();
  if (profile) n.sender_profile_id = profile;
  if (hasTemplate) n.template = Object.fromEntries(Object.entries(template).filter(([, v]) => v)) as NormalisedMessage['template'];
  if (variables) n.variables = variables;
  if (body) n.body = body;
  n.findings = messageFindings(n, codeText, opts);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Findings

/** Sent's own docs name these for carrier filtering (guide: Algeria; OTP troubleshooting page: UAE, Turkey, Ghana). */
const GUIDE_FILTERING: Record<string, string> = {
  DZ: 'the Sent guide names Algeria for aggressive carrier content filtering',
  AE: "Sent's OTP troubleshooting page names the UAE for carrier filtering",
  TR: "Sent's OTP troubleshooting page names Turkey for carrier filtering",
  GH: "Sent's OTP troubleshooting page names Ghana for carrier filtering",
};
const FILTER_WORDS = /filter|block|reject|swap|replac|overwrit|rewrit|drop|register/i;
/** SENT with no receipt for this long counts as stuck (the product's own threshold). */
export const STUCK_SENT_MS = 60 * 60 * 1000;
/** QUEUED/ROUTED this long is past the 2–3 minutes the docs call normal (product's own threshold). */
export const STUCK_QUEUED_MS = 10 * 60 * 1000;

function filteringNote(iso2: string | undefined, coverage?: Pick<CoverageTable, 'get'>): { country: string; note: string } | null {
  if (!iso2) return null;
  const facts: CountryFacts | undefined = coverage?.get(iso2);
  const country = facts?.country ?? iso2;
  const notes: string[] = [];
  if (GUIDE_FILTERING[iso2]) notes.push(GUIDE_FILTERING[iso2]);
  if (facts) {
    if (facts.alphanumericSupported === 'no') notes.push('alphanumeric sender IDs are not supported');
    else if (facts.alphanumericSupported === 'registration' || facts.alphanumericRegistrationRequired === 'yes')
      notes.push('alphanumeric sender IDs must be pre-registered');
    if (facts.numericLongcodeSupported === 'no') notes.push('numeric long-code senders are not supported or best-effort only');
    if (facts.contentRegistrationRequired === 'yes') notes.push('message content or campaigns must be registered');
    if (facts.knownFiltering && FILTER_WORDS.test(facts.knownFiltering)) notes.push(`coverage notes: ${facts.knownFiltering.slice(0, 240)}`);
  }
  return notes.length ? { country, note: notes.join('; ') } : null;
}

const lastAt = (tl: TimelineEntry[], status: string) => [...tl].reverse().find((e) => e.status === status && e.at)?.at ?? null;
const hoursSince = (iso: string, now: number) => Math.round((now - Date.parse(iso)) / 3_600_000);

const NOT_ON_WHATSAPP_RE = /not (?:a |an )?(?:registered )?(?:on |with )?whatsapp(?: user| account|[- ]capable)?|(?:no|without) whatsapp account|not registered on (?:this channel|whatsapp)/i;
const SHORT_CODE_RE = /^\d{5,6}$/;

/** The rules: record → findings, most specific first, each tied to a knowledge scenario. */
export function messageFindings(n: NormalisedMessage, codeText: string, opts: NormaliseOptions): Finding[] {
  const out: Finding[] = [];
  const add = (f: Finding) => {
    if (!out.some((o) => o.code === f.code)) out.push(f);
  };
  const codes = new Set(n.error_codes);
  const has = (c: string) => codes.has(c);
  const ch = n.channel;
  const isWhatsApp = ch === 'whatsapp';
  const failed = ['FAILED', 'FILTERED'].includes(n.status);
  const blocked = n.status === 'BLOCKED';
  const delivered = n.status === 'DELIVERED' || n.status === 'READ';

  if (n.sandbox)
    add({
      code: 'sandbox_message',
      severity: 'info',
      scenario: 'sandbox-mode',
      message:
        'Sandbox message: nothing was sent to the recipient\'s phone and no credit was used. Its status is simulated; ' +
        'use GET /v3/messages/{id} to check the template variables that were submitted.',
    });

  if (has('ERR_TEMPLATE_PARAMS_INVALID'))
    add({
      code: 'template_params_invalid',
      severity: 'error',
      scenario: 'whatsapp-api-payload',
      message:
        'The template variables did not match the template (ERR_TEMPLATE_PARAMS_INVALID): send exactly the variables the approved ' +
        'template declares, with the right types, in template.parameters.',
    });

  if (has('131049') || has('ERR_ECOSYSTEM_ENGAGEMENT'))
    add({
      code: 'meta_131049',
      severity: 'error',
      scenario: 'whatsapp-131049',
      message:
        'Meta refused delivery (131049 / ERR_ECOSYSTEM_ENGAGEMENT). This is a Meta restriction, not Sent\'s: outside the 24-hour ' +
        'window use an approved template, and send less often to people who rarely engage. Sent cannot override it.',
    });

  if (has('131026') || NOT_ON_WHATSAPP_RE.test(codeText))
    add({
      code: 'recipient_not_on_whatsapp',
      severity: 'error',
      scenario: 'whatsapp-api-payload',
      message:
        'The recipient\'s number is not WhatsApp-capable, so the message could not be delivered on WhatsApp even though the API ' +
        'accepted it. Use SMS for this number, or confirm it is a mobile number registered with WhatsApp.',
    });

  const fallback = n.fallback_reason;
  const bypass =
    n.channel_attempted === 'sms'
      ? ' channel_attempted is "sms": WhatsApp was never tried, which points to a configuration issue on the WhatsApp side.'
      : '';
  if (fallback === 'template_not_approved')
    add({
      code: 'fallback_template_not_approved',
      severity: 'warning',
      scenario: 'failover-not-triggering',
      message:
        `Sent skipped WhatsApp and fell back to SMS because the template is not approved for WhatsApp (fallback_reason: template_not_approved). ` +
        `Check its status in Dashboard → Templates.${bypass}`,
    });
  else if (fallback === 'channel_not_connected')
    add({
      code: 'fallback_channel_not_connected',
      severity: 'warning',
      scenario: 'failover-not-triggering',
      message:
        `Sent fell back to SMS because the WhatsApp Business Account is not connected (fallback_reason: channel_not_connected). ` +
        `Check Dashboard → Channels → WhatsApp.${bypass}`,
    });
  else if (fallback === 'recipient_not_capable')
    add({
      code: 'fallback_recipient_not_capable',
      severity: 'info',
      scenario: 'failover-not-triggering',
      message:
        `Sent fell back to SMS because the recipient's number was not detected as WhatsApp-capable (fallback_reason: recipient_not_capable); ` +
        `landlines cannot receive WhatsApp.${bypass}`,
    });

  if (has('BUSINESS_005') || has('TEMPLATE_NOT_APPROVED'))
    add({
      code: 'blocked_template_not_approved',
      severity: 'error',
      scenario: 'whatsapp-template-issues',
      message:
        `${blocked ? 'Sent blocked this message before any delivery attempt' : 'Sent refused this message'} because the WhatsApp template is not ` +
        'approved (BUSINESS_005: template pending or rejected). Nothing was sent. Wait for approval or fix the template in Dashboard → Templates, then send again.',
    });

  if (has('ERR_ROUTE_DENIED'))
    add({
      code: 'route_denied',
      severity: 'error',
      scenario: 'sender-id-issues',
      message:
        `No active route for this channel and country (ERR_ROUTE_DENIED${n.region_code ? `, ${n.region_code}` : ''}). ` +
        'Your account may hold no sender for that destination; ask Sent support which sender type works there.',
    });

  if (has('ERR_CONSENT_BLOCKED') || has('BUSINESS_004'))
    add({
      code: 'consent_blocked',
      severity: 'error',
      scenario: 'compliance-10dlc',
      message:
        'The contact has opted out or is on a suppression list (ERR_CONSENT_BLOCKED / BUSINESS_004): Sent did not contact the carrier ' +
        'and did not charge. Do not retry; the contact must opt in again.',
    });

  if (has('BUSINESS_003') || has('INSUFFICIENT_BALANCE'))
    add({
      code: 'insufficient_balance',
      severity: 'error',
      scenario: 'escalate-to-support',
      message: 'The account balance was insufficient (BUSINESS_003), so the message was not sent. Top up the balance and send again.',
    });

  const shortFrom = n.timeline.find((e) => e.from && SHORT_CODE_RE.test(e.from))?.from;
  // Short codes carry SMS only, so a record without a channel (a pasted activity) counts too.
  if ((ch === 'sms' || !ch) && shortFrom && !n.sender_profile_id)
    add({
      code: 'shared_short_code_sender',
      severity: 'warning',
      scenario: 'wrong-sender-number',
      message:
        `Sent from the short code ${shortFrom}, not from a dedicated number, and the record shows no sender_profile_id. Without ` +
        'sender_profile_id Sent uses its default routing, which may pick a shared short code. Add sender_profile_id (sp_…) to each ' +
        'request or set a default Sender Profile in Dashboard → Settings → Messaging Defaults.',
    });

  if (n.status === 'SENT') {
    const sentAt = lastAt(n.timeline, 'SENT');
    if (sentAt && opts.now - Date.parse(sentAt) >= STUCK_SENT_MS) {
      const hours = hoursSince(sentAt, opts.now);
      const filter = ch === 'whatsapp' ? null : filteringNote(n.region_code, opts.coverage);
      if (filter)
        add({
          code: 'stuck_sent_filtering_country',
          severity: 'warning',
          scenario: 'sms-country-delivery',
          message:
            `Stuck at SENT for ${hours} hours with no delivery receipt, to ${filter.country} (${n.region_code}), a country known for ` +
            `carrier filtering (${filter.note}). Carriers there may drop messages silently without reporting a failure to Sent. ` +
            'Try a different sender ID type and ask Sent support for country-specific routing.',
        });
      else
        add({
          code: 'accepted_not_delivered',
          severity: 'warning',
          scenario: isWhatsApp ? 'whatsapp-api-payload' : 'sms-country-delivery',
          message:
            `Accepted and handed to the ${ch ?? 'provider'} network, but no delivery receipt after ${hours} hours (status SENT). ` +
            'SENT means handed over, not delivered.',
        });
    }
  }

  if (['QUEUED', 'ROUTED', 'PROCESSED', 'ACCEPTED'].includes(n.status)) {
    const firstAt = n.timeline.find((e) => e.at)?.at;
    if (firstAt && opts.now - Date.parse(firstAt) >= STUCK_QUEUED_MS)
      add({
        code: 'accepted_not_delivered',
        severity: 'warning',
        scenario: 'escalate-to-support',
        message:
          `Still ${n.status} ${Math.floor((opts.now - Date.parse(firstAt)) / 60_000)} minutes after it was accepted. A few minutes is ` +
          'normal; longer usually means KYC approval, balance or an incident: check the Sent status page and contact support.',
      });
  }

  if (failed || blocked) {
    const last = [...n.timeline].reverse().find((e) => e.status === n.status);
    add({
      code: 'accepted_not_delivered',
      severity: 'error',
      scenario: isWhatsApp ? 'whatsapp-api-payload' : 'sms-country-delivery',
      message:
        `The API accepted this message, but it was not delivered: status ${n.status}${last?.at ? ` at ${last.at}` : ''}` +
        `${last?.description ? ` (${last.description})` : ''}. A 2xx response only means the request was valid and queued.`,
    });
  }

  if (delivered)
    add({
      code: 'delivered',
      severity: 'info',
      message:
        `${n.status === 'READ' ? 'Delivered and read' : 'Delivered'} via ${ch ?? 'unknown channel'}${n.sandbox ? ' (simulated: sandbox)' : ''}. ` +
        'If the recipient says nothing arrived, check the number, the device and its spam or filtered folders.',
    });

  return out;
}

/** What to say when Sent does not know the ID (RESOURCE_003). */
export function notFoundFinding(id: string): Finding {
  const sandboxHint = /^msg_test_/.test(id)
    ? ' This is a sandbox-style ID: it exists only for the account (and environment) that made the sandbox send.'
    : '';
  return {
    code: 'message_not_found',
    severity: 'warning',
    scenario: 'auth-invalid-api-key',
    message:
      'Sent has no message with this ID for this API key (RESOURCE_003). Check the ID for typos, that the key belongs to the same ' +
      `account, sender profile and environment (live vs test) that sent it, and that the send did not fail before an ID was issued.${sandboxHint}`,
  };
}
