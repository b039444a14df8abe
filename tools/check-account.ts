/**
 * check_account: the account checkup. Reads the account behind the configured key (GET /v3/me,
 * the template, webhook, profile and campaign lists, every page) and runs each check of
 * domain/checkup/checks.ts on it, like `flutter doctor` for a Sent account: the guide's causes
 * found before a customer hits them. Read-only: only GETs, nothing on the account changes.
 *
 * Errors: no key → ConfigError; Sent unreachable on any endpoint → SentUnreachableError (the
 * answer would be partial); a refusal of one endpoint (403: the key lacks the scope) makes the
 * checks that need it `skip` with the reason. The key appears only as its fingerprint.
 */
import { z } from 'zod';
import { defineTool } from './define.js';
import type { CallOptions, SentApi, ToolContext } from './context.js';
import { ConfigError, InputError, SentApiError } from './errors.js';
import { SCENARIO_IDS } from './domain/scenarios.js';
import { redactSecrets } from './domain/redact.js';
import type { MeRecord } from './domain/records/schema.js';
import type { Listed, ProfileRecord } from './domain/checkup/records.js';
import { CHECKS, CHECK_STATUSES, label, summarise, type AccountData, type MeSource, type ProfileCampaigns, type Source } from './domain/checkup/checks.js';

/** Most profiles whose campaigns are read in one checkup. */
export const MAX_PROFILES = 20;

const Check = z.object({
  id: z.string().describe('Stable check id, e.g. templates.rejected'),
  status: z.enum(CHECK_STATUSES).describe('pass, warn, fail, or skip (not checked; the detail says why)'),
  title: z.string(),
  detail: z.string().describe('What was found; names upstream records, never the key'),
  fix: z.string().optional().describe('What to change, for warn and fail'),
  scenario: z.enum(SCENARIO_IDS).optional().describe('The knowledge entry with the full steps'),
});

export const CheckAccountOutput = z.object({
  checks: z.array(Check),
  summary: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), skip: z.number().int() }),
});
export type CheckAccountOutput = z.infer<typeof CheckAccountOutput>;
export type AccountCheck = z.infer<typeof Check>;

export const checkAccount = defineTool({
  name: 'check_account',
  description:
    'Read-only checkup of the configured account: key, status, channels, templates, webhooks, US 10DLC; each check with its fix.',
  input: z.object({}),
  output: CheckAccountOutput,
  annotations: { title: 'Account checkup', readOnlyHint: true, destructiveHint: false, openWorldHint: true, idempotentHint: true },
  async run(_input, ctx, opts): Promise<CheckAccountOutput> {
    const sent = ctx.sent;
    if (!sent)
      throw new ConfigError('The account checkup needs a Sent API key, and none is configured.', {
        hint: 'Set SENT_DM_API_KEY (or SENT_API_KEY). To try it without an account, run `sent-doctor simulate` and point SENT_BASE_URL at it.',
      });
    const data = await gather(sent, ctx, { signal: opts?.signal }, opts?.progress);
    const checks = CHECKS.map((c) => c(data)).map((c) => ({
      ...c,
      title: redactSecrets(c.title),
      detail: redactSecrets(c.detail),
      ...(c.fix !== undefined ? { fix: redactSecrets(c.fix) } : {}),
    }));
    return { checks, summary: summarise(checks) };
  },
});

/** Sent's refusal of one endpoint, as the reason of the checks that needed it. */
function refusal(e: SentApiError, what: string): string {
  if (e.status === 403) return `Sent answered ${what} with 403 ${e.code}: the key lacks the permission (scope or role) to read it.`;
  if (e.status === 401) return `Sent refused the key on ${what} (${e.code}).`;
  if (e.status === 429) return `Sent rate-limited ${what} (${e.code}); run the checkup again in a minute.`;
  if (e.code === 'NOT_SENT_API') return `${what} answered 404 without Sent's envelope: this may not be the Sent API.`;
  return `Sent answered ${what} with ${e.code} (HTTP ${e.status}).`;
}

/** Runs one read: its data, or the reason it is missing. Unreachable (and unexpected) errors end the run. */
async function read<T>(what: string, fn: () => Promise<Listed<T>>): Promise<Source<T>> {
  try {
    const l = await fn();
    return { ok: true, items: l.items, complete: l.complete };
  } catch (e) {
    if (e instanceof SentApiError) return { ok: false, reason: refusal(e, what) };
    if (e instanceof InputError) return { ok: false, reason: `${what} could not be asked: ${e.message}` };
    throw e;
  }
}

async function gather(sent: SentApi, ctx: ToolContext, o: CallOptions, progress?: (done: number, total: number, message: string) => void): Promise<AccountData> {
  const total = 4;
  let done = 0;
  const step = (m: string) => progress?.(++done, total, m);
  const base = { fingerprint: sent.keyFingerprint, demo: ctx.demo === true, now: ctx.clock.now() };

  let me: MeSource;
  try {
    me = { ok: true, me: await sent.getMe(o) };
  } catch (e) {
    if (!(e instanceof SentApiError)) throw e;
    me = { ok: false, status: e.status, code: e.code, reason: refusal(e, 'GET /v3/me') };
  }
  step('Read the account (GET /v3/me)');
  if (!me.ok && me.status === 401) {
    const no = { ok: false as const, reason: `Sent refused the key (${me.code}).` };
    return { ...base, me, templates: no, webhooks: no, profiles: no, campaigns: no };
  }

  // The three reads are independent; allSettled so no request is left running when one fails.
  const [t, w, pc] = await Promise.allSettled([
    read('GET /v3/templates', () => sent.listTemplates(o)).finally(() => step('Read the templates')),
    read('GET /v3/webhooks', () => sent.listWebhooks(o)).finally(() => step('Read the webhooks')),
    readProfilesAndCampaigns(sent, me.ok ? me.me : undefined, o).finally(() => step('Read the profiles and their 10DLC campaigns')),
  ]);
  if (t.status === 'rejected') throw t.reason;
  if (w.status === 'rejected') throw w.reason;
  if (pc.status === 'rejected') throw pc.reason;
  const templates = t.value;
  const webhooks = w.value;
  return { ...base, me, templates, webhooks, profiles: pc.value.profiles, campaigns: pc.value.campaigns };
}

/**
 * The sender profiles (a profile key is its own profile) and each one's 10DLC campaigns. Campaigns
 * are read only for profiles that matter: all of them, up to MAX_PROFILES.
 */
async function readProfilesAndCampaigns(
  sent: SentApi,
  me: MeRecord | undefined,
  o: CallOptions,
): Promise<{ profiles: Source<ProfileRecord>; campaigns: Source<ProfileCampaigns> }> {
  let profiles: Source<ProfileRecord>;
  if (me?.type === 'profile' && me.id)
    profiles = { ok: true, complete: true, items: [{ id: me.id, name: me.name ?? null, sending_phone_number: me.channels?.sms?.phone_number ?? null }] };
  else profiles = await read('GET /v3/profiles', () => sent.listProfiles(o));
  if (!profiles.ok) return { profiles, campaigns: { ok: false, reason: profiles.reason } };

  const wanted = profiles.items.filter((p): p is ProfileRecord & { id: string } => typeof p.id === 'string' && p.id !== '').slice(0, MAX_PROFILES);
  const campaigns: ProfileCampaigns[] = [];
  for (const p of wanted) {
    const c = await read(`GET /v3/profiles/{id}/campaigns for profile "${label(p.name ?? p.id)}"`, () => sent.listCampaigns(p.id, o));
    if (!c.ok) return { profiles, campaigns: c };
    campaigns.push({ profile: { id: p.id, name: p.name ?? null }, campaigns: c.items });
  }
  return { profiles, campaigns: { ok: true, items: campaigns, complete: profiles.complete && wanted.length === profiles.items.length } };
}
