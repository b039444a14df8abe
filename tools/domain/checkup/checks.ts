/**
 * The account checkup's checks: pure functions from what the account's own data says (GET /v3/me,
 * the template, webhook, profile and campaign lists) to one check each. A check whose data could
 * not be read (403: the key lacks the scope; any other refusal) is `skip` with the reason; a check
 * that does not apply passes and says why. Facts come from sent-api-facts.md and the knowledge
 * entries each check links to; wording marked "(sent-doctor advice)" is ours.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MeRecord } from '../records/schema.js';
import type { ScenarioId } from '../scenarios.js';
import type { CampaignRecord, ProfileRecord, TemplateListItem, WebhookRecord } from './records.js';

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'skip'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface Check {
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  fix?: string;
  scenario?: ScenarioId;
}

/** One endpoint's data, or why it could not be read. */
export type Source<T> = { ok: true; items: T[]; complete: boolean } | { ok: false; reason: string };

/** GET /v3/me: the record, or Sent's refusal (status and code). */
export type MeSource = { ok: true; me: MeRecord } | { ok: false; status: number; code: string; reason: string };

export interface ProfileCampaigns {
  profile: { id: string; name: string | null };
  campaigns: CampaignRecord[];
}

export interface AccountData {
  fingerprint: string;
  demo: boolean;
  now: number;
  me: MeSource;
  templates: Source<TemplateListItem>;
  webhooks: Source<WebhookRecord>;
  profiles: Source<ProfileRecord>;
  campaigns: Source<ProfileCampaigns>;
}

/** Sent disables a webhook endpoint after this many failed deliveries in a row (§6.2). */
export const AUTO_DISABLE_AFTER = 10;
const SHOW_MAX = 8;

// ---------------------------------------------------------------------------------------------
// helpers

/** Upstream text as a short, printable label: control and bidi characters out, length capped. */
export function label(v: unknown, max = 60): string {
  const s = String(v ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const quoted = (v: unknown) => `"${label(v)}"`;
const upper = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : '');
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function listed(names: string[]): string {
  const shown = names.slice(0, SHOW_MAX);
  return shown.join('; ') + (names.length > shown.length ? `; and ${names.length - shown.length} more` : '');
}

function time(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

/** "3 days", "5 hours", "less than an hour". */
export function ago(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 1) return 'less than an hour';
  if (h < 48) return plural(Math.floor(h), 'hour');
  return plural(Math.round(h / 24), 'day');
}

/** An endpoint URL without its query or credentials (a token can hide there). */
export function endpointLabel(url: unknown): string {
  if (typeof url !== 'string') return 'no URL';
  try {
    const u = new URL(url);
    return label(`${u.protocol}//${u.host}${u.pathname}`, 80);
  } catch {
    return 'an unreadable URL';
  }
}

const skip = (id: string, title: string, reason: string): Check => ({ id, status: 'skip', title, detail: `Not checked: ${reason}` });

const partial = (s: { complete: boolean }, what: string) => (s.complete ? '' : ` Only the first ${what} were read (the list is longer than sent-doctor reads).`);

function meOf(d: AccountData): MeRecord | undefined {
  return d.me.ok ? d.me.me : undefined;
}

function meSkipReason(d: AccountData): string {
  return d.me.ok ? '' : d.me.status === 401 ? `Sent refused the key (${d.me.code}).` : d.me.reason;
}

/** "E.164 US number?" NANP numbers outside the US (Canada, the Caribbean) do not use 10DLC. */
export function isUsNumber(n: unknown): boolean {
  return typeof n === 'string' && parsePhoneNumberFromString(n)?.country === 'US';
}

// ---------------------------------------------------------------------------------------------
// the key and the account

export function keyCheck(d: AccountData): Check {
  const title = 'API key';
  const where = d.demo ? ' (the built-in Sent simulator, not Sent)' : '';
  if (d.me.ok) {
    const me = d.me.me;
    const who = [me.type, me.name ? quoted(me.name) : ''].filter(Boolean).join(' ');
    return { id: 'key', status: 'pass', title, detail: `Sent accepts the key ${d.fingerprint}${where}${who ? `; it authenticates as ${who}` : ''}.` };
  }
  if (d.me.status === 401)
    return {
      id: 'key',
      status: 'fail',
      title,
      detail:
        d.me.code === 'AUTH_001'
          ? `Sent says the x-api-key header is missing (AUTH_001): the key ${d.fingerprint} did not reach Sent.`
          : `Sent does not recognise the key ${d.fingerprint}${where} (${d.me.code}: invalid or missing API key).`,
      fix:
        'Copy the key again from Dashboard → API Keys with the copy button (no space or newline around it), check whether someone regenerated it, and use the key of the environment you target. Do not retry in a loop: ten consecutive authentication failures lock the credential.',
      scenario: 'auth-invalid-api-key',
    };
  if (d.me.status === 403)
    return { id: 'key', status: 'pass', title, detail: `Sent accepts the key ${d.fingerprint}${where}, but answers GET /v3/me with ${d.me.code} (see the account check).` };
  return skip('key', title, d.me.reason);
}

export function accountStatusCheck(d: AccountData): Check {
  const id = 'account.status';
  const title = 'Account status';
  if (!d.me.ok) {
    const { code, status } = d.me;
    if (status === 403 && code === 'AUTH_005')
      return {
        id,
        status: 'warn',
        title,
        detail: 'Setup is complete and waiting for final activation by Sent (AUTH_005): sends are refused until then.',
        fix: 'Wait for the activation; manual review takes 1–3 business days. After more than 5 business days, email support@sent.dm.',
        scenario: 'compliance-10dlc',
      };
    if (status === 403 && code === 'AUTH_006')
      return {
        id,
        status: 'fail',
        title,
        detail: 'KYC is not complete (AUTH_006): every send is refused until the account is approved.',
        fix: 'Finish every field of the compliance details in the Sent dashboard, and answer any "Action Required" email from Sent (check spam too).',
        scenario: 'compliance-10dlc',
      };
    if (status === 403 && code === 'AUTH_007')
      return { id, status: 'pass', title, detail: 'KYC is complete (AUTH_007 says only that no messaging channel is configured; see the channels check).' };
    return skip(id, title, meSkipReason(d));
  }
  const s = d.me.me.status;
  if (!s) return skip(id, title, 'GET /v3/me did not report the account status.');
  const v = s.trim().toLowerCase();
  if (v === 'approved' || v === 'active') return { id, status: 'pass', title, detail: `The account is ${label(v)}.` };
  if (v === 'pending_review' || v === 'pending')
    return {
      id,
      status: 'warn',
      title,
      detail: `The account is waiting for Sent's review (${label(s, 30)}): sending is blocked or limited until it is approved.`,
      fix: 'Manual review takes 1–3 business days, longer if the submission is incomplete; check your email (including spam) for "Action Required". After more than 5 business days, email support@sent.dm.',
      scenario: 'compliance-10dlc',
    };
  if (v === 'incomplete' || v === 'rejected')
    return {
      id,
      status: 'fail',
      title,
      detail:
        v === 'incomplete'
          ? 'The account setup is incomplete: the compliance (KYC) details are not all in, so sends are refused (AUTH_006).'
          : 'The account was rejected in review: sends are refused.',
      fix:
        'Complete the compliance submission: legal business name as registered, business address, EIN or equivalent tax ID, a live public website, a live privacy policy that mentions SMS, the opt-in URL, a use-case description, sample messages and opt-out instructions; then answer any "Action Required" email from Sent.',
      scenario: 'compliance-10dlc',
    };
  return { id, status: 'warn', title, detail: `The account status is ${quoted(s)}, not approved; sending may be limited until it is.`, scenario: 'compliance-10dlc' };
}

// ---------------------------------------------------------------------------------------------
// channels

const configured = (me: MeRecord, c: 'sms' | 'whatsapp' | 'rcs') => me.channels?.[c]?.configured === true;

export function channelsCheck(d: AccountData): Check {
  const id = 'channels';
  const title = 'Messaging channels';
  const noChannel: Check = {
    id,
    status: 'fail',
    title,
    detail: 'No messaging channel is configured (AUTH_007): every send is refused.',
    fix: 'Set up SMS or WhatsApp under Dashboard → Channels.',
    scenario: 'compliance-10dlc',
  };
  if (!d.me.ok) return d.me.status === 403 && d.me.code === 'AUTH_007' ? noChannel : skip(id, title, meSkipReason(d));
  const me = d.me.me;
  if (!me.channels) return skip(id, title, 'GET /v3/me did not report the channels.');
  const sms = configured(me, 'sms');
  const wa = configured(me, 'whatsapp');
  if (!sms && !wa && !configured(me, 'rcs')) return noChannel;
  const parts = [
    sms ? `SMS configured${me.channels.sms?.phone_number ? ` (${label(me.channels.sms.phone_number, 20)})` : ''}` : 'SMS not configured',
    wa ? `WhatsApp connected${me.channels.whatsapp?.business_name ? ` (${quoted(me.channels.whatsapp.business_name)})` : ''}` : 'WhatsApp not connected',
  ];
  if (configured(me, 'rcs')) parts.push('RCS configured');
  return { id, status: 'pass', title, detail: `${parts.join('; ')}.` };
}

/** WhatsApp connected → recipients on WhatsApp get WhatsApp first; the SMS-only note. */
export function whatsappRoutingCheck(d: AccountData): Check {
  const id = 'channels.whatsapp_routing';
  const title = 'WhatsApp routing';
  const me = meOf(d);
  if (!me) return skip(id, title, meSkipReason(d));
  if (!configured(me, 'whatsapp')) return { id, status: 'pass', title, detail: 'No WhatsApp Business Account is connected: Sent routes nothing to WhatsApp.' };
  return {
    id,
    status: 'warn',
    title,
    detail:
      'A WhatsApp Business Account is connected. When a request leaves the channel to Sent (channel omitted or "sent"), recipients on WhatsApp get WhatsApp first, not SMS. Make sure this is what you want.',
    fix: 'If you want SMS only (for example because WhatsApp runs through another system of yours), set "channel": ["sms"] in your requests, or ask Sent support to switch the account to SMS-only mode; WhatsApp stays connected.',
    scenario: 'sms-only-mode',
  };
}

const forWhatsApp = (t: TemplateListItem) => (t.channels ?? []).some((c) => c.toLowerCase() === 'whatsapp');

/** WhatsApp templates but no WhatsApp connected → no WhatsApp attempt, so no failover to SMS. */
export function failoverCheck(d: AccountData): Check {
  const id = 'channels.failover';
  const title = 'WhatsApp → SMS failover';
  const me = meOf(d);
  if (!me) return skip(id, title, meSkipReason(d));
  if (!d.templates.ok) return skip(id, title, d.templates.reason);
  const wa = d.templates.items.filter(forWhatsApp);
  if (!wa.length) return { id, status: 'pass', title, detail: 'No template is set up for WhatsApp.' };
  if (configured(me, 'whatsapp')) return { id, status: 'pass', title, detail: `WhatsApp is connected for the ${plural(wa.length, 'WhatsApp template')}.` };
  return {
    id,
    status: 'warn',
    title,
    detail: `${plural(wa.length, 'template is', 'templates are')} set up for WhatsApp (${listed(wa.map((t) => quoted(t.name)))}), but no WhatsApp Business Account is connected: Sent cannot use WhatsApp, so there is no WhatsApp attempt and no failover from it to SMS.`,
    fix: 'Connect the WhatsApp Business Account under Dashboard → Channels → WhatsApp; if you mean to send SMS only, leave WhatsApp out of these templates and requests.',
    scenario: 'failover-not-triggering',
  };
}

// ---------------------------------------------------------------------------------------------
// templates

const templateLine = (t: TemplateListItem) =>
  `${quoted(t.name ?? t.id)} (${label(t.category ?? 'no category', 20)}${t.channels?.length ? `, ${label(t.channels.join('/'), 30)}` : ''})`;

/** What to change, from Sent's template playbook (whatsapp-template-issues). */
function rejectedAdvice(t: TemplateListItem): string {
  const reason = t.reason ?? t.rejection_reason;
  const change =
    upper(t.category) === 'UTILITY'
      ? 'remove promotional wording (or submit it as MARKETING) and add a sample value for every variable'
      : 'check the wording against the rejection reason and add a sample value for every variable';
  return `${templateLine(t)}${reason ? `: rejected because ${quoted(label(reason, 120))}` : ''} — ${change}`;
}

export function templatesRejectedCheck(d: AccountData): Check {
  const id = 'templates.rejected';
  const title = 'Rejected templates';
  if (!d.templates.ok) return skip(id, title, d.templates.reason);
  const bad = d.templates.items.filter((t) => upper(t.status) === 'REJECTED');
  const more = partial(d.templates, 'pages of templates');
  if (!bad.length) return { id, status: 'pass', title, detail: `No rejected template among ${plural(d.templates.items.length, 'template')}.${more}` };
  return {
    id,
    status: 'fail',
    title,
    detail: `${plural(bad.length, 'template was', 'templates were')} rejected: ${listed(bad.map(rejectedAdvice))}. Sends with ${bad.length === 1 ? 'it' : 'them'} on WhatsApp are refused (BUSINESS_005) or end BLOCKED.${more}`,
    fix: "Read the rejection reason (the templates webhook carries it; Dashboard → Templates shows it), make the change, and resubmit; Sent's template playbook resubmits under a new name.",
    scenario: 'whatsapp-template-issues',
  };
}

export function templatesPendingCheck(d: AccountData): Check {
  const id = 'templates.pending';
  const title = 'Templates waiting for review';
  if (!d.templates.ok) return skip(id, title, d.templates.reason);
  const pending = d.templates.items.filter((t) => upper(t.status) === 'PENDING');
  if (!pending.length) return { id, status: 'pass', title, detail: 'No template is waiting for review.' };
  const line = (t: TemplateListItem) => {
    const since = time(t.updated_at) ?? time(t.created_at);
    return `${templateLine(t)}${since !== undefined ? ` pending for ${ago(Math.max(0, d.now - since))}` : ''}`;
  };
  return {
    id,
    status: 'warn',
    title,
    detail: `${plural(pending.length, 'template is', 'templates are')} still pending: ${listed(pending.map(line))}. Until approved, WhatsApp sends with ${pending.length === 1 ? 'it' : 'them'} are refused (BUSINESS_005) or end BLOCKED.`,
    fix: 'Wait for the review before sending these on WhatsApp. If a review takes unusually long, ask Sent support (sent-doctor advice).',
    scenario: 'whatsapp-template-issues',
  };
}

export function templatesOtpCheck(d: AccountData): Check {
  const id = 'templates.otp';
  const title = 'OTP (AUTHENTICATION) templates';
  if (!d.templates.ok) return skip(id, title, d.templates.reason);
  const auth = d.templates.items.filter((t) => upper(t.category) === 'AUTHENTICATION');
  const approved = auth.filter((t) => upper(t.status) === 'APPROVED');
  if (approved.length) return { id, status: 'pass', title, detail: `Approved AUTHENTICATION template for one-time codes: ${listed(approved.map((t) => quoted(t.name ?? t.id)))}.` };
  if (!auth.length) return { id, status: 'pass', title, detail: 'No AUTHENTICATION template; one is needed only to send one-time codes on WhatsApp.' };
  return {
    id,
    status: 'warn',
    title,
    detail: `No AUTHENTICATION template is approved (${listed(auth.map((t) => `${quoted(t.name ?? t.id)} ${label(upper(t.status) || 'no status', 20)}`))}): one-time codes cannot go out on WhatsApp yet.`,
    fix: 'Get an AUTHENTICATION template approved (Dashboard → Templates); until then send codes by SMS.',
    scenario: 'whatsapp-template-issues',
  };
}

// ---------------------------------------------------------------------------------------------
// webhooks

const webhookName = (w: WebhookRecord) => `${quoted(w.display_name ?? w.id ?? 'webhook')} (${endpointLabel(w.endpoint_url)})`;

export function webhooksConfiguredCheck(d: AccountData): Check {
  const id = 'webhooks.configured';
  const title = 'Webhooks';
  if (!d.webhooks.ok) return skip(id, title, d.webhooks.reason);
  const all = d.webhooks.items;
  if (!all.length)
    return {
      id,
      status: 'warn',
      title,
      detail: 'No webhook is configured: nobody hears about failed messages unless someone looks them up.',
      fix: 'Add a webhook (Dashboard → Webhooks, or POST /v3/webhooks) subscribed to the message events, and verify its signature.',
    };
  const active = all.filter((w) => w.is_active !== false).length;
  return { id, status: 'pass', title, detail: `${plural(all.length, 'webhook')} configured, ${active} active.${partial(d.webhooks, 'pages of webhooks')}` };
}

export function webhooksActiveCheck(d: AccountData): Check {
  const id = 'webhooks.active';
  const title = 'Webhooks switched off';
  if (!d.webhooks.ok) return skip(id, title, d.webhooks.reason);
  if (!d.webhooks.items.length) return skip(id, title, 'no webhook is configured.');
  const off = d.webhooks.items.filter((w) => w.is_active === false);
  if (!off.length) return { id, status: 'pass', title, detail: 'Every webhook is active.' };
  const line = (w: WebhookRecord) => {
    const n = w.consecutive_failures ?? 0;
    const last = time(w.last_successful_delivery_at);
    const why = n >= AUTO_DISABLE_AFTER ? `disabled by Sent after ${n} consecutive failed deliveries` : n > 0 ? `inactive, with ${n} consecutive failed deliveries` : 'inactive';
    return `${webhookName(w)} is ${why}${last !== undefined ? `; last successful delivery ${ago(Math.max(0, d.now - last))} ago` : w.last_successful_delivery_at === null ? '; never delivered successfully' : ''}`;
  };
  return {
    id,
    status: 'fail',
    title,
    detail: `${listed(off.map(line))}. Events for ${off.length === 1 ? 'it' : 'them'} are not delivered, so failures go unnoticed.`,
    fix: "Make the endpoint answer 2xx within its timeout (GET /v3/webhooks/{id}/events shows what Sent sent and what the endpoint answered), then switch it back on in Dashboard → Webhooks or with PATCH /v3/webhooks/{id}/toggle-status. sent-doctor only reads the account; it changes nothing.",
  };
}

export function webhooksFailuresCheck(d: AccountData): Check {
  const id = 'webhooks.failures';
  const title = 'Webhook delivery failures';
  if (!d.webhooks.ok) return skip(id, title, d.webhooks.reason);
  const active = d.webhooks.items.filter((w) => w.is_active !== false);
  if (!active.length) return skip(id, title, d.webhooks.items.length ? 'no webhook is active.' : 'no webhook is configured.');
  const failing = active.filter((w) => {
    const attempt = time(w.last_delivery_attempt_at);
    const success = time(w.last_successful_delivery_at);
    return (w.consecutive_failures ?? 0) > 0 || (attempt !== undefined && (success === undefined || success < attempt));
  });
  if (!failing.length) return { id, status: 'pass', title, detail: 'The active webhooks have no recent delivery failures.' };
  const line = (w: WebhookRecord) => {
    const n = w.consecutive_failures ?? 0;
    return `${webhookName(w)}: ${n > 0 ? `${plural(n, 'consecutive failed delivery', 'consecutive failed deliveries')}` : 'the last delivery failed'}`;
  };
  return {
    id,
    status: 'warn',
    title,
    detail: `${listed(failing.map(line))}. Sent switches an endpoint off after ${AUTO_DISABLE_AFTER} failed deliveries in a row.`,
    fix: "Read GET /v3/webhooks/{id}/events (HTTP status and error of each attempt) and fix the receiver: it must answer 2xx within timeout_seconds. Any success resets the count.",
  };
}

const subscribesToMessages = (w: WebhookRecord) => (w.event_types ?? []).some((e) => /^messages?$/i.test(e.trim()));

export function webhooksMessageEventsCheck(d: AccountData): Check {
  const id = 'webhooks.message_events';
  const title = 'Message events subscribed';
  if (!d.webhooks.ok) return skip(id, title, d.webhooks.reason);
  if (!d.webhooks.items.length) return skip(id, title, 'no webhook is configured.');
  const active = d.webhooks.items.filter((w) => w.is_active !== false);
  const subscribed = active.filter(subscribesToMessages);
  if (!subscribed.length)
    return {
      id,
      status: 'warn',
      title,
      detail: `No active webhook subscribes to message events${d.webhooks.items.some(subscribesToMessages) ? ' (the ones that do are switched off)' : ''}: failed messages are not reported to you.`,
      fix: 'Add "message" to the event types of an active webhook (Dashboard → Webhooks).',
    };
  const filtered = subscribed.filter((w) => {
    const f = w.event_filters?.message ?? w.event_filters?.messages;
    return Array.isArray(f) && f.length > 0 && !f.some((e) => /failed$/i.test(e));
  });
  if (filtered.length === subscribed.length)
    return {
      id,
      status: 'warn',
      title,
      detail: `The message subscriptions (${listed(filtered.map(webhookName))}) filter out failed messages: message.failed is not delivered.`,
      fix: 'Add "failed" to the message event filter of the webhook, or remove the filter.',
    };
  return { id, status: 'pass', title, detail: `${plural(subscribed.length, 'active webhook receives', 'active webhooks receive')} message events, failures included.` };
}

// ---------------------------------------------------------------------------------------------
// US SMS: 10DLC

export function us10dlcCheck(d: AccountData): Check {
  const id = 'sms.us_10dlc';
  const title = 'US 10DLC campaign';
  const me = meOf(d);
  if (!me) return skip(id, title, meSkipReason(d));
  const numbers = new Set<string>();
  if (configured(me, 'sms') && isUsNumber(me.channels?.sms?.phone_number)) numbers.add(me.channels!.sms!.phone_number!);
  if (d.profiles.ok) for (const p of d.profiles.items) if (isUsNumber(p.sending_phone_number)) numbers.add(p.sending_phone_number!);
  if (!numbers.size) {
    if (!d.profiles.ok && configured(me, 'sms')) return skip(id, title, d.profiles.reason);
    return { id, status: 'pass', title, detail: 'No US SMS number is configured: US 10DLC registration does not apply.' };
  }
  if (!d.campaigns.ok) return skip(id, title, d.campaigns.reason);
  const nums = [...numbers].map((n) => label(n, 20)).join(', ');
  const all = d.campaigns.items.flatMap((pc) => pc.campaigns.map((c) => ({ c, profile: pc.profile })));
  const named = (x: (typeof all)[number]) => `${quoted(x.c.name ?? x.c.id ?? 'campaign')}${x.profile.name ? ` (profile ${quoted(x.profile.name)})` : ''}`;
  const active = all.filter((x) => upper(x.c.status) === 'ACTIVE');
  const expired = all.filter((x) => upper(x.c.status) === 'EXPIRED');
  const submitted = all.filter((x) => upper(x.c.status) === 'SENT_CREATED');
  const register =
    "Register the profile's 10DLC campaign again (Dashboard, or POST /v3/profiles/{profileId}/campaigns) with a use case, 1–5 sample messages and the right volume, and wait until it is ACTIVE.";
  if (expired.length && !active.length)
    return {
      id,
      status: 'fail',
      title,
      detail: `The 10DLC campaign ${listed(expired.map(named))} ${expired.length === 1 ? 'is' : 'are'} EXPIRED and no campaign is ACTIVE: SMS from ${nums} to US numbers fail with 10DLC errors.`,
      fix: register,
      scenario: 'compliance-10dlc',
    };
  if (!active.length && submitted.length)
    return {
      id,
      status: 'warn',
      title,
      detail: `The 10DLC campaign ${listed(submitted.map(named))} is submitted (SENT_CREATED) but not ACTIVE yet: US SMS from ${nums} may fail until it is.`,
      fix: 'Wait for the registration to finish; if it does not become ACTIVE, check the campaign for a registry sync error and complete the compliance details.',
      scenario: 'compliance-10dlc',
    };
  if (!active.length)
    return {
      id,
      status: 'fail',
      title,
      detail: `US SMS number ${nums} is configured, but no 10DLC campaign is ACTIVE${all.length ? ` (${listed(all.map((x) => `${named(x)} ${label(upper(x.c.status) || 'no status', 20)}`))})` : ''}: SMS to US numbers fail with 10DLC errors.`,
      fix: register,
      scenario: 'compliance-10dlc',
    };
  if (expired.length)
    return {
      id,
      status: 'warn',
      title,
      detail: `${listed(active.map(named))} is ACTIVE, but ${listed(expired.map(named))} is EXPIRED: make sure the US numbers send under the active one.`,
      fix: 'Check which campaign each US number belongs to; register the expired one again if a number still depends on it.',
      scenario: 'compliance-10dlc',
    };
  return { id, status: 'pass', title, detail: `An ACTIVE 10DLC campaign covers US SMS: ${listed(active.map(named))}.` };
}

/** Every check, in the order they are shown. */
export const CHECKS: ReadonlyArray<(d: AccountData) => Check> = [
  keyCheck,
  accountStatusCheck,
  channelsCheck,
  whatsappRoutingCheck,
  failoverCheck,
  templatesRejectedCheck,
  templatesPendingCheck,
  templatesOtpCheck,
  webhooksConfiguredCheck,
  webhooksActiveCheck,
  webhooksFailuresCheck,
  webhooksMessageEventsCheck,
  us10dlcCheck,
];

export function summarise(checks: readonly Check[]): Record<CheckStatus, number> {
  const s: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) s[c.status]++;
  return s;
}
