/**
 * check_api_key: is this key usable? Offline first (the mistakes the guide lists: whitespace,
 * quotes, "Bearer", a pasted header, a placeholder), then online with GET /v3/me, which tells who
 * the key authenticates as. A key with a problem the user must fix is never sent, and nothing is
 * cleaned silently. The key itself never appears in the output: only its fingerprint.
 */
import { z } from 'zod';
import { defineTool } from './define.js';
import type { SentApi } from './context.js';
import { InputError, SentApiError, SentUnreachableError, isDoctorError } from './errors.js';
import { KEY_PROBLEMS, KEY_PROBLEM_TEXT, checkKeyFormat, kindFromFingerprint, type KeyKind, type KeyProblem } from './domain/key-format.js';
import { fingerprint, redactSecrets } from './domain/redact.js';
import { show } from './domain/payload-codes.js';

export const PRODUCTION_BASE_URL = 'https://api.sent.dm';

export const CheckApiKeyOutput = z.object({
  fingerprint: z.string().describe('Prefix and last four characters, e.g. sk_live_…9f3a; never the key'),
  source: z.enum(['input', 'config', 'none']),
  format: z.object({
    ok: z.boolean(),
    kind: z.enum(['sk_live', 'sk_test', 'uuid', 'unknown']),
    problems: z.array(z.enum(KEY_PROBLEMS)),
  }),
  live: z.object({
    valid: z.boolean().nullable().describe('true: Sent accepts the key; false: Sent rejects it; null: not checked or no answer'),
    checked: z.boolean().describe('Whether Sent was asked'),
    reason: z.enum(['no_key', 'format', 'offline', 'unreachable', 'inconclusive']).optional().describe('Why valid is null'),
    code: z.string().optional().describe("Sent's error code (AUTH_002, AUTH_006, …)"),
    message: z.string(),
    account: z
      .object({ name: z.string().nullable(), type: z.string().nullable(), channels: z.array(z.string()).describe('Channels configured on the account') })
      .optional(),
  }),
  notes: z.array(z.string()),
});
export type CheckApiKeyOutput = z.infer<typeof CheckApiKeyOutput>;
type Live = CheckApiKeyOutput['live'];

const NO_RETRY = 'Do not retry in a loop: ten consecutive authentication failures lock the credential.';

/** 403 answers: the key authenticated, the account or role cannot do this (sent-api-facts §5). */
const FORBIDDEN: Record<string, string> = {
  AUTH_003: 'The key is valid but not allowed to do this (AUTH_003). Check its role and profile in the dashboard.',
  AUTH_004: "The key is valid, but its role lacks permission for this operation (AUTH_004). Ask an account admin for a role that allows it, or use another key.",
  AUTH_005: 'The key is valid; the account is set up and waiting for final activation by Sent (AUTH_005). Contact Sent support if this takes long.',
  AUTH_006:
    'The key is valid, but the account has not completed KYC (AUTH_006), so sending is blocked. Finish the KYC / compliance details in the Sent dashboard.',
  AUTH_007:
    'The key is valid and KYC is done, but no messaging channel is configured (AUTH_007). Set up SMS or WhatsApp under Dashboard → Channels.',
};

export const checkApiKey = defineTool({
  name: 'check_api_key',
  description:
    'Check a Sent API key offline (whitespace, quotes, Bearer, placeholder) and with GET /v3/me; omit it to check the configured key.',
  input: z.object({
    api_key: z.string().optional().describe('The key to check, exactly as you use it; omit to check the configured key'),
  }),
  output: CheckApiKeyOutput,
  annotations: { title: 'Check an API key', readOnlyHint: true, destructiveHint: false, openWorldHint: true, idempotentHint: true },
  async run({ api_key }, ctx, opts): Promise<CheckApiKeyOutput> {
    const secrets = api_key ? [api_key, api_key.trim()] : [];
    const safe = (s: string) => redactSecrets(s, secrets);
    const notes: string[] = [];
    let fp: string;
    let source: CheckApiKeyOutput['source'];
    let kind: KeyKind;
    let problems: KeyProblem[] = [];
    let client: SentApi | null = null;
    let live: Live | undefined;

    if (api_key === undefined) {
      if (!ctx.sent)
        return {
          fingerprint: fingerprint(null),
          source: 'none',
          format: { ok: false, kind: 'unknown', problems: ['empty'] },
          live: { valid: null, checked: false, reason: 'no_key', message: 'No API key was given and none is configured.' },
          notes: ['Set SENT_DM_API_KEY (or SENT_API_KEY), or pass the key to check.'],
        };
      source = 'config';
      client = ctx.sent;
      fp = client.keyFingerprint;
      kind = kindFromFingerprint(fp);
      notes.push('The configured key was checked for whitespace, quotes and odd characters when the configuration was loaded.');
    } else {
      source = 'input';
      const f = checkKeyFormat(api_key);
      if (f.core) secrets.push(f.core);
      fp = fingerprint(f.core || api_key);
      kind = f.kind;
      problems = f.problems;
      notes.push(...problems.map((p) => KEY_PROBLEM_TEXT[p]));
      if (!f.sendable)
        live = {
          valid: null,
          checked: false,
          reason: 'format',
          message: problems.includes('empty')
            ? 'Not checked online: there is no key to check.'
            : `Not checked online: fix ${problems.filter((p) => p !== 'unexpected_format').join(', ') || 'the format'} first. As written, Sent would answer 401 for this key.`,
        };
      else if (!ctx.sentForKey)
        live = {
          valid: null,
          checked: false,
          reason: 'offline',
          message: 'Not checked online: sent-doctor runs offline here (no connection to Sent is configured); only the format was checked.',
        };
      else {
        try {
          client = ctx.sentForKey(f.core);
        } catch (e) {
          live = {
            valid: null,
            checked: false,
            reason: e instanceof InputError ? 'format' : 'inconclusive',
            message: safe(`Not checked online: ${isDoctorError(e) ? e.message : 'the key could not be used for a request.'}`),
          };
        }
      }
    }

    if (kind === 'sk_test' && client && client.baseUrl.replace(/\/+$/, '') === PRODUCTION_BASE_URL)
      notes.push(
        `This is a test key (sk_test_…) and the requests go to the production URL ${PRODUCTION_BASE_URL}. The SDK documents sk_test_ keys for sandbox, while the API docs say sandbox is chosen per request with "sandbox": true; make sure this is the key for the environment you target.`,
      );

    if (!live) live = client ? await checkLive(client, opts?.signal, ctx.logger.debug, notes) : { valid: null, checked: false, reason: 'offline', message: 'Not checked online.' };

    return {
      fingerprint: fp,
      source,
      format: { ok: problems.length === 0, kind, problems },
      live: { ...live, message: safe(live.message) },
      notes: notes.map(safe),
    };
  },
});

async function checkLive(client: SentApi, signal: AbortSignal | undefined, debug: (...m: unknown[]) => void, notes: string[]): Promise<Live> {
  try {
    const me = await client.getMe({ signal });
    const channels = (['sms', 'whatsapp', 'rcs'] as const).filter((c) => me.channels?.[c]?.configured === true);
    const name = me.name ?? null;
    const type = me.type ?? null;
    if (!channels.length) notes.push('No messaging channel is configured on this account yet; set one up under Dashboard → Channels before sending.');
    if (me.status && !/^(?:approved|active)$/i.test(me.status))
      notes.push(`The account status is ${show(me.status, 40)}; sending may be limited until it is approved.`);
    return {
      valid: true,
      checked: true,
      message: `The key is valid: Sent accepts it${type || name ? ` and it authenticates as ${type ?? 'the account'}${name ? ` ${show(name, 80)}` : ''}` : ''}.`,
      account: { name, type, channels },
    };
  } catch (e) {
    debug(`check_api_key: GET /v3/me failed: ${e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error'}`);
    if (e instanceof SentApiError) {
      if (e.code === 'AUTH_001')
        return { valid: false, checked: true, code: e.code, message: 'Sent says the x-api-key header is missing (AUTH_001): the key did not reach Sent.' };
      if (e.status === 401 || e.code === 'AUTH_002') {
        notes.push(NO_RETRY);
        return {
          valid: false,
          checked: true,
          code: e.code,
          message:
            'Sent does not recognise this key (AUTH_002: invalid or missing API key). It may be mistyped, regenerated by someone on your team (the old key stops working at once), or the key of another environment.',
        };
      }
      if (e.status === 403)
        return { valid: true, checked: true, code: e.code, message: FORBIDDEN[e.code] ?? `The key is valid but not allowed to read the account (HTTP 403, ${e.code}).` };
      if (e.status === 429)
        return {
          valid: null,
          checked: true,
          reason: 'inconclusive',
          code: e.code,
          message: `Sent is rate-limiting this account (${e.code})${e.retryAfterSeconds !== undefined ? `; try again in ${e.retryAfterSeconds} s` : '; try again in a minute'}.`,
        };
      if (e.status === 404)
        return {
          valid: null,
          checked: true,
          reason: 'inconclusive',
          code: e.code,
          message: `Sent answered 404 for GET /v3/me: the base URL ${client.baseUrl} may not be the Sent API.`,
        };
      return { valid: null, checked: true, reason: 'inconclusive', code: e.code, message: e.message };
    }
    if (e instanceof SentUnreachableError)
      return { valid: null, checked: false, reason: 'unreachable', message: `Sent could not be reached, so the key was not checked online: ${e.message}` };
    return { valid: null, checked: false, reason: 'inconclusive', message: 'The online check failed unexpectedly; only the format was checked.' };
  }
}
