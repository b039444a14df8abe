/**
 * The record → verdict table. A looked-up (or pasted) message decides its own answer: the
 * first row whose `when` holds names the kind of outcome, the one concrete cause found, and the
 * scenarios the record is consistent with. Rows are data, in order, most specific first; every
 * row has a test (test/domain/records/verdicts.test.ts). Codes are read through the catalog
 * (knowledge/codes.yml), the same mapping the knowledge entries' `codes` follow.
 */
import { z } from 'zod';
import type { CoverageTable } from '../../context.js';
import { SCENARIO_IDS, type ScenarioId } from '../scenarios.js';
import { codeLabel, type CodeInfo } from './codes.js';
import type { NormalisedMessage, TimelineEntry } from './normalise.js';
import { filteringNote } from './filtering.js';

export const VERDICT_KINDS = ['failure', 'not_a_failure', 'in_progress', 'blocked', 'filtered', 'sandbox', 'not_found'] as const;
export type VerdictKind = (typeof VERDICT_KINDS)[number];

export const Verdict = z.object({
  message_id: z.string(),
  kind: z.enum(VERDICT_KINDS),
  status: z.string(),
  rule: z.string().describe('The verdict-table row that decided'),
  cause: z.string().describe('What the record shows, in one line'),
  code: z.string().optional(),
  scenarios: z.array(z.enum(SCENARIO_IDS)).describe('Scenarios the record is consistent with, primary first'),
  /** True when the record itself points at the scenarios (a code, a field, a sender); false when they are only left open. */
  evidenced: z.boolean(),
  next: z.array(z.string()),
});
export type Verdict = z.infer<typeof Verdict>;

/** SENT with no receipt for this long counts as stuck (the product's own threshold). */
export const STUCK_SENT_MS = 60 * 60 * 1000;
/** QUEUED/ROUTED this long is past the 2–3 minutes Sent's docs call normal (the product's own threshold). */
export const STUCK_QUEUED_MS = 10 * 60 * 1000;

export interface VerdictOptions {
  now: number;
  /** Looks a code up in the catalog (knowledge/codes.yml). */
  code: (code: string) => CodeInfo | undefined;
  coverage?: Pick<CoverageTable, 'get'>;
}

/** What the rows read: the normalised record plus a few derived facts. */
export interface Facts {
  n: NormalisedMessage;
  status: string;
  channel: string | null;
  /** Catalog entries of the codes found, the code of the step that ended the message first. */
  codes: CodeInfo[];
  /** Descriptions and reason, lower-case, for the few typed phrases Sent's records use. */
  text: string;
  /** ms since the last SENT step (status SENT only). */
  sentFor: number | null;
  /** ms since the first step (QUEUED/ROUTED/PROCESSED/ACCEPTED only). */
  waitingFor: number | null;
  /** The step that ended the message (its last entry with the current status). */
  last: TimelineEntry | undefined;
  /** Sent re-queued the message after a failure (the real API's reroute on the same ID). */
  rerouted: boolean;
  opts: VerdictOptions;
}

interface Row {
  id: string;
  when: (f: Facts) => boolean;
  kind: (f: Facts) => VerdictKind;
  scenarios: (f: Facts) => ScenarioId[];
  /** Whether the scenarios are shown by the record (false: only left open by it). */
  evidenced: boolean;
  cause: (f: Facts) => string;
  next?: (f: Facts) => string[];
  code?: (f: Facts) => string | undefined;
}

const IN_PROGRESS = new Set(['QUEUED', 'ROUTED', 'PROCESSED', 'ACCEPTED']);
const DONE_OK = new Set(['DELIVERED', 'READ']);
const ENDED_BADLY = new Set(['FAILED', 'BLOCKED', 'FILTERED']);

const at = (f: Facts) => (f.last?.at ? ` at ${f.last.at}` : '');
const hours = (ms: number) => Math.max(1, Math.round(ms / 3_600_000));
const minutes = (ms: number) => Math.max(1, Math.floor(ms / 60_000));
const via = (f: Facts) => (f.channel ? ` via ${f.channel}` : '');
const said = (f: Facts) => (f.last?.description ? ` ("${f.last.description}")` : '');
const kindOfEnd = (f: Facts): VerdictKind => (f.status === 'BLOCKED' ? 'blocked' : f.status === 'FILTERED' ? 'filtered' : 'failure');
const templateName = (f: Facts) => (f.n.template?.name ? ` \`${f.n.template.name}\`` : f.n.template?.id ? ` \`${f.n.template.id}\`` : '');
const isSms = (f: Facts) => f.channel === 'sms' || !f.channel;
const US = (f: Facts) => f.n.region_code === 'US';
const firstCode = (f: Facts) => f.codes.find((c) => c.scenarios.length);

const FALLBACK_REASONS: Record<string, string> = {
  template_not_approved: 'the template is not approved for WhatsApp',
  channel_not_connected: 'the WhatsApp Business Account is not connected',
  recipient_not_capable: "the recipient's number was not detected as WhatsApp-capable",
};

/** Typed phrases that Sent's and the carriers' descriptions use when no code is given. */
export const DESCRIPTION_FACTS: { id: string; re: RegExp; scenarios: ScenarioId[]; says: string }[] = [
  { id: 'not_on_whatsapp', re: /not (?:a |an )?(?:registered )?(?:on |with )?whatsapp|not registered on (?:this channel|whatsapp)|not whatsapp[- ]capable/, scenarios: ['whatsapp-api-payload', 'failover-not-triggering'], says: 'the recipient is not on WhatsApp' },
  { id: 'opted_out', re: /opted[- ]out|opt[- ]out|unsubscribed|suppression list|replied stop|\bstop keyword/, scenarios: ['compliance-10dlc'], says: 'the contact opted out' },
  { id: 'ten_dlc', re: /10dlc|\btcr\b|campaign (?:not registered|unregistered|rejected|expired)|unregistered (?:campaign|brand)/, scenarios: ['compliance-10dlc'], says: 'a US 10DLC registration problem' },
  { id: 'conversation_window', re: /24[- ]hour|re-?engagement|no open conversation|conversation window|customer service window/, scenarios: ['whatsapp-131049'], says: 'no open WhatsApp conversation (the 24-hour window)' },
  { id: 'balance', re: /insufficient (?:balance|funds|credit)|low balance|balance too low/, scenarios: ['escalate-to-support'], says: 'the account balance was too low' },
  { id: 'template_not_approved', re: /template (?:is )?(?:not approved|pending|rejected|paused|disabled)/, scenarios: ['whatsapp-template-issues'], says: 'the template is not approved' },
  { id: 'no_route', re: /no (?:active )?route|route denied|not an active sender|sender (?:is )?not (?:active|usable)/, scenarios: ['sender-id-issues'], says: 'no usable route or sender' },
];
const descriptionFact = (f: Facts) => DESCRIPTION_FACTS.find((d) => d.re.test(f.text));

const NOT_FOUND_NEXT = (id: string, key: string, baseUrl: string) => [
  `Check the ID for typos: copy it from the send response or Dashboard → Activities.`,
  `Check that the key (${key}) belongs to the account that sent it; another account's or profile's key cannot see it (sent-doctor advice).`,
  `Check SENT_BASE_URL (${baseUrl}): the simulator and api.sent.dm hold different messages.`,
  ...(/^msg_test_/.test(id) ? ['It looks like a sandbox ID: look it up with the key of the account that made the sandbox send (sent-doctor advice).'] : []),
];

export const ROWS: Row[] = [
  {
    id: 'sandbox',
    when: (f) => f.n.sandbox,
    kind: () => 'sandbox',
    scenarios: () => ['sandbox-mode'],
    evidenced: true,
    cause: (f) => {
      const vars = f.n.variables ? Object.entries(f.n.variables).map(([k, v]) => `${k}=${v}`).join(', ') : undefined;
      const shown = vars ? ` The variables submitted: ${vars}.` : f.n.body ? ` The body submitted: "${f.n.body.slice(0, 160)}".` : '';
      return `Sandbox message (status ${f.status}): nothing was sent to the recipient's device and no credit was used.${shown}`;
    },
    next: () => ['GET /v3/messages/{id} shows what was submitted; send without "sandbox": true to test what a real handset receives.'],
  },
  {
    id: 'fallback_reason',
    when: (f) => !!f.n.fallback_reason || f.n.channel_attempted === 'sms',
    kind: (f) => (DONE_OK.has(f.status) ? 'not_a_failure' : IN_PROGRESS.has(f.status) ? 'in_progress' : 'failure'),
    scenarios: () => ['failover-not-triggering'],
    evidenced: true,
    cause: (f) => {
      const reason = f.n.fallback_reason;
      const why = reason ? `fallback_reason \`${reason}\`${FALLBACK_REASONS[reason] ? `: ${FALLBACK_REASONS[reason]}` : ''}` : 'no fallback_reason';
      const first = f.n.channel_attempted ? `channel_attempted \`${f.n.channel_attempted}\`` : 'channel_attempted not shown';
      return `WhatsApp was skipped and the message went out${via(f)} (status ${f.status}): ${first}, ${why}.`;
    },
    next: (f) => (f.n.channel_attempted === 'sms' ? ['channel_attempted is sms: WhatsApp was never tried, which points to the WhatsApp side of the configuration.'] : []),
  },
  {
    id: 'scheduled',
    when: (f) => f.status === 'SCHEDULED',
    kind: () => 'in_progress',
    scenarios: () => [],
    evidenced: false,
    cause: (f) =>
      `Scheduled, not failed: it is held until ${f.n.scheduled_at ?? 'its scheduled time'}` +
      `${f.n.timeline.filter((e) => e.status === 'SCHEDULED').length > 1 ? ' (moved once already, as quiet hours do)' : ''}; it goes out then.`,
    next: () => ['Balance, template approval and quiet hours are checked again when it is released; a scheduled message can be cancelled until then.'],
  },
  {
    id: 'cancelled',
    when: (f) => f.status === 'CANCELLED',
    kind: () => 'in_progress',
    scenarios: () => [],
    evidenced: false,
    cause: (f) => `Cancelled before it was released${at(f)}: it was never sent, and cancelling is final.`,
  },
  {
    id: 'received',
    when: (f) => f.status === 'RECEIVED',
    kind: () => 'not_a_failure',
    scenarios: () => [],
    evidenced: false,
    cause: (f) => `An inbound message from the contact${via(f)}${at(f)}, not an outbound send.`,
  },
  {
    id: 'waiting_long',
    when: (f) => IN_PROGRESS.has(f.status) && (f.waitingFor ?? 0) >= STUCK_QUEUED_MS,
    kind: () => 'in_progress',
    scenarios: () => ['escalate-to-support', 'compliance-10dlc'],
    evidenced: false,
    cause: (f) => `Still ${f.status} ${minutes(f.waitingFor ?? 0)} minutes after it was accepted; Sent's docs call 2–3 minutes normal.`,
    next: () => ['Check that the account is approved (KYC) and has balance, and look at the Sent status page for an incident.'],
  },
  {
    id: 'waiting',
    when: (f) => IN_PROGRESS.has(f.status),
    kind: () => 'in_progress',
    scenarios: () => [],
    evidenced: false,
    cause: (f) => `Accepted and still on its way (status ${f.status}${at(f)}): not delivered yet, and not failed.`,
    next: () => ['A few minutes in QUEUED is normal; look again shortly.'],
  },
  {
    id: 'sender_short_code',
    when: (f) => DONE_OK.has(f.status) && isSms(f) && f.n.sender?.kind === 'short_code' && f.n.sender.account_number !== true && !f.n.sender_profile_id,
    kind: () => 'not_a_failure',
    scenarios: () => ['wrong-sender-number'],
    evidenced: true,
    cause: (f) => `Delivered${at(f)}, but from the short code ${f.n.sender?.shown}, not from one of the account's numbers; the record shows no sender profile.`,
  },
  {
    id: 'sender_not_account_number',
    when: (f) => DONE_OK.has(f.status) && f.n.sender?.kind === 'number' && f.n.sender.account_number === false,
    kind: () => 'not_a_failure',
    scenarios: () => ['wrong-sender-number'],
    // /v3/me lists one number per channel; a profile's own number is not in it, so a mismatch is a lead, not proof.
    evidenced: false,
    cause: (f) => `Delivered${at(f)}, from ${f.n.sender?.shown}, which is not the number GET /v3/me lists for this account (a sender profile may have its own).`,
  },
  {
    id: 'delivered',
    when: (f) => DONE_OK.has(f.status),
    kind: () => 'not_a_failure',
    // Left open, never decided: a delivered SMS may still be the wrong channel or number; a delivered WhatsApp the wrong channel.
    scenarios: (f) => (f.channel === 'whatsapp' ? ['sms-only-mode'] : ['failover-not-triggering', 'wrong-sender-number']),
    evidenced: false,
    cause: (f) => {
      const read = f.status === 'READ' ? 'Delivered and read' : 'Delivered';
      const reroute = f.rerouted ? ' after Sent re-routed it following an earlier failure' : '';
      const price = f.n.price ? `; charged ${f.n.price}` : '';
      return `${read}${via(f)}${at(f)}${reroute}, by the carrier's receipt${price}.`;
    },
    next: () => [
      'If the recipient says nothing arrived: check the number, that the phone is on and has signal, and its spam or filtered messages (sent-doctor advice).',
    ],
  },
  {
    id: 'code',
    when: (f) => !!firstCode(f),
    kind: kindOfEnd,
    scenarios: (f) => firstCode(f)!.scenarios,
    evidenced: true,
    code: (f) => firstCode(f)!.code,
    cause: (f) => {
      const c = firstCode(f)!;
      const tpl = templateName(f);
      const context = c.family === 'meta' && tpl ? ` (template${tpl})` : '';
      // The record's own words are the most concrete cause ("expects 3 variables, 2 supplied").
      const own = [f.n.reason, ...[...f.n.timeline].reverse().map((e) => e.description)].find((d) => d?.includes(c.code));
      const says = own && own.replace(c.code, '').replace(/^[\s:.,-]+/, '').length > 12 ? ` The record says: "${own}".` : '';
      return `${codeLabel(c)}${context}: ${c.meaning}${says} Status ${f.status}${via(f)}${at(f)}.`;
    },
  },
  {
    id: 'description',
    when: (f) => ENDED_BADLY.has(f.status) && !!descriptionFact(f),
    kind: kindOfEnd,
    scenarios: (f) => descriptionFact(f)!.scenarios,
    evidenced: true,
    cause: (f) => `Status ${f.status}${via(f)}${at(f)}: the record says ${descriptionFact(f)!.says}${said(f)}.`,
  },
  {
    // A documented code that no scenario is about (e.g. RESOURCE_006): named, and the rest left open.
    id: 'code_unmapped',
    when: (f) => ENDED_BADLY.has(f.status) && f.codes.length > 0,
    kind: kindOfEnd,
    scenarios: () => ['escalate-to-support'],
    evidenced: false,
    code: (f) => f.codes[0]!.code,
    cause: (f) => `${codeLabel(f.codes[0]!)}: ${f.codes[0]!.meaning} Status ${f.status}${via(f)}${at(f)}; no scenario covers this code.`,
  },
  {
    id: 'blocked',
    when: (f) => f.status === 'BLOCKED',
    kind: () => 'blocked',
    scenarios: (f) =>
      f.channel === 'whatsapp' && !f.n.template ? ['whatsapp-131049', 'escalate-to-support'] : f.n.template ? ['whatsapp-template-issues', 'escalate-to-support', 'sender-id-issues'] : ['escalate-to-support', 'sender-id-issues', 'whatsapp-template-issues'],
    evidenced: false,
    cause: (f) =>
      `Blocked by Sent before any delivery attempt${at(f)}, and the record names no reason. BLOCKED means one of: insufficient balance, ` +
      'a template that is not approved, free-form WhatsApp text with no open conversation, or a `channels.from` number that is not an active sender.',
  },
  {
    id: 'filtered',
    when: (f) => f.status === 'FILTERED',
    kind: () => 'filtered',
    scenarios: () => ['compliance-10dlc'],
    evidenced: true,
    cause: (f) => `Filtered${at(f)} by a policy or consent gate (an opt-out, for example)${said(f)}. A FILTERED message is never retried and cannot be resent.`,
  },
  {
    id: 'failed',
    when: (f) => f.status === 'FAILED',
    kind: () => 'failure',
    scenarios: (f) =>
      f.channel === 'whatsapp'
        ? ['whatsapp-api-payload', 'whatsapp-template-issues', 'whatsapp-131049']
        : US(f)
          ? ['compliance-10dlc', 'sms-country-delivery', 'sender-id-issues']
          : ['sms-country-delivery', 'sender-id-issues', 'compliance-10dlc'],
    evidenced: false,
    cause: (f) => `Failed${via(f)}${at(f)}${said(f) || ' with no code or reason on the record'}.`,
  },
  {
    id: 'sent_stuck_filtering_country',
    when: (f) => f.status === 'SENT' && (f.sentFor ?? 0) >= STUCK_SENT_MS && isSms(f) && !US(f) && !!filteringNote(f.n.region_code, f.opts.coverage),
    kind: () => 'failure',
    scenarios: () => ['sms-country-delivery'],
    evidenced: true,
    cause: (f) => {
      const note = filteringNote(f.n.region_code, f.opts.coverage)!;
      return `No delivery receipt ${hours(f.sentFor ?? 0)} hours after SENT, to ${note.country} (${f.n.region_code}): ${note.note}. Carriers there may drop messages without reporting a failure back to Sent.`;
    },
  },
  {
    id: 'sent_stuck_us',
    when: (f) => f.status === 'SENT' && (f.sentFor ?? 0) >= STUCK_SENT_MS && isSms(f) && US(f),
    kind: () => 'failure',
    scenarios: () => ['compliance-10dlc', 'sms-country-delivery'],
    evidenced: false,
    cause: (f) => `No delivery receipt ${hours(f.sentFor ?? 0)} hours after SENT, to a US number; US carriers filter SMS from senders without 10DLC registration.`,
  },
  {
    id: 'sent_stuck',
    when: (f) => f.status === 'SENT' && (f.sentFor ?? 0) >= STUCK_SENT_MS,
    kind: () => 'failure',
    scenarios: (f) => (f.channel === 'whatsapp' ? ['escalate-to-support', 'whatsapp-131049'] : ['sms-country-delivery', 'escalate-to-support']),
    evidenced: false,
    cause: (f) => `No delivery receipt ${hours(f.sentFor ?? 0)} hours after SENT${via(f)}. SENT means handed to the provider, not delivered.`,
  },
  {
    id: 'sent',
    when: (f) => f.status === 'SENT',
    kind: () => 'in_progress',
    scenarios: () => [],
    evidenced: false,
    cause: (f) => `Handed to the ${f.channel ?? 'provider'} network${at(f)} (status SENT); no delivery receipt yet. SENT means handed over, not delivered.`,
  },
  {
    id: 'unknown_status',
    when: () => true,
    kind: () => 'failure',
    scenarios: () => ['escalate-to-support'],
    evidenced: false,
    cause: (f) => `Status ${f.status} is not one Sent documents${said(f)}.`,
  },
];

export function factsOf(n: NormalisedMessage, opts: VerdictOptions): Facts {
  const tl = n.timeline;
  const last = [...tl].reverse().find((e) => e.status === n.status) ?? tl.at(-1);
  const lastSent = [...tl].reverse().find((e) => e.status === 'SENT' && e.at)?.at;
  const first = tl.find((e) => e.at)?.at;
  const failedAt = tl.findIndex((e) => e.status === 'FAILED');
  const text = [n.reason_code, n.reason, ...tl.map((e) => e.description)].filter(Boolean).join('\n').toLowerCase();
  const codes = [...new Set([...(n.reason_code ? [n.reason_code] : []), ...n.error_codes])].flatMap((c) => {
    const info = opts.code(c);
    return info ? [info] : [];
  });
  return {
    n,
    status: n.status,
    channel: n.channel,
    codes,
    text,
    sentFor: n.status === 'SENT' && lastSent ? opts.now - Date.parse(lastSent) : null,
    waitingFor: IN_PROGRESS.has(n.status) && first ? opts.now - Date.parse(first) : null,
    last,
    rerouted: failedAt >= 0 && tl.slice(failedAt + 1).some((e) => e.status === 'QUEUED' || e.status === 'ROUTED'),
    opts,
  };
}

/** The record's verdict: the first row that holds. */
export function decideVerdict(n: NormalisedMessage, opts: VerdictOptions): Verdict {
  const f = factsOf(n, opts);
  const row = ROWS.find((r) => r.when(f))!;
  const code = row.code?.(f);
  return {
    message_id: n.message_id,
    kind: row.kind(f),
    status: n.status,
    rule: row.id,
    cause: row.cause(f),
    ...(code ? { code } : {}),
    scenarios: row.scenarios(f),
    evidenced: row.evidenced,
    next: row.next?.(f) ?? [],
  };
}

/** Sent does not know the ID (RESOURCE_003): said first, with what to check. */
export function notFoundVerdict(id: string, where: { key: string; baseUrl: string }): Verdict {
  return {
    message_id: id,
    kind: 'not_found',
    status: 'NOT_FOUND',
    rule: 'not_found',
    cause: `Sent has no message ${id} for this key (RESOURCE_003 "Message not found").`,
    code: 'RESOURCE_003',
    scenarios: [],
    evidenced: false,
    next: NOT_FOUND_NEXT(id, where.key, where.baseUrl),
  };
}
