/**
 * validate_payload: a POST /v3/messages body (object, JSON text, curl command or a log line with
 * the JSON in it) → findings in both dialects, and a corrected payload with every fix that needs
 * no guessing. Counts template variables against the template when it can be fetched.
 */
import { correctedCurl } from './domain/payload-curl.js';
import { redactDeep, secretsInJson } from './domain/redact.js';
import { z } from 'zod';
import { defineTool } from './define.js';
import type { CallOptions, SentApi, ToolContext } from './context.js';
import { isDoctorError, SentApiError } from './errors.js';
import { FindingSchema, finding, isPlainObject, show, type Finding } from './domain/payload-codes.js';
import { extractPayload } from './domain/payload-parse.js';
import { analyzePayload, detectDialect, type ExpectedVariables, type Payload } from './domain/payload-rules.js';
import { correctPayload } from './domain/payload-fix.js';

export const ValidatePayloadOutput = z.object({
  valid: z.boolean().describe('false when any finding has severity error'),
  dialect: z.enum(['guide', 'sdk', 'mixed', 'unknown']).describe("guide: channel string/fallback/sender_profile_id; sdk: channel array/text/channels; mixed: both"),
  input_kind: z.enum(['object', 'json', 'curl', 'text', 'none']).describe('How the payload was found in the input'),
  findings: z.array(FindingSchema),
  corrected: z.record(z.string(), z.unknown()).nullable().describe('The payload with every automatic fix applied; null when there is no JSON object'),
  corrected_curl: z.string().optional().describe('For a curl command: the command as it should be (x-api-key header with $SENT_DM_API_KEY, corrected body)'),
});
export type ValidatePayloadOutput = z.infer<typeof ValidatePayloadOutput>;

/** How long the template lookup may take: validation is interactive. */
const TEMPLATE_LOOKUP_MS = 5_000;
const FETCHABLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export const validatePayload = defineTool({
  name: 'validate_payload',
  description:
    'Check a POST /v3/messages body or curl command (either dialect): findings with fixes and a corrected payload.',
  input: z.object({
    payload: z
      .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown()), z.number(), z.boolean(), z.null()])
      .describe('The body: an object, JSON, a curl command or a log line (max 256 KB)'),
    template_variables: z
      .union([z.array(z.string().max(200)).max(200), z.number().int().min(0).max(200)])
      .optional()
      .describe("The template's variable names or count; else fetched from Sent"),
  }),
  output: ValidatePayloadOutput,
  annotations: { title: 'Validate a send payload', readOnlyHint: true, destructiveHint: false, openWorldHint: true, idempotentHint: true },
  async run({ payload, template_variables }, ctx, opts): Promise<ValidatePayloadOutput> {
    const ex = extractPayload(payload);
    if (!ex.value) return redactDeep({ valid: false, dialect: 'unknown', input_kind: ex.kind, findings: ex.findings.map(publicFinding), corrected: null });

    const names = Array.isArray(template_variables) ? template_variables : undefined;
    // The template ID as corrected (a flat "tmpl_…" string counts too).
    const draft = correctPayload(ex.value, { variableNames: names });
    const expected = await expectedVariables(draft, template_variables, ctx, opts);
    const cx = { expected: expected.expected };
    const variableNames = names ?? expected.expected?.names;
    const corrected = variableNames === names ? draft : correctPayload(ex.value, { variableNames });

    const before = analyzePayload(ex.value, cx);
    const after = analyzePayload(corrected, cx);
    const sameAs = (a: Finding) => (b: Finding) => a.code === b.code && (a.subject ?? a.path) === (b.subject ?? b.path);
    for (const f of before) f.auto_fixed = !after.some(sameAs(f));
    // Problems the first pass could not see: e.g. the number inside a renamed phoneNumber.
    const residual = after
      .filter((g) => !before.some(sameAs(g)))
      .map((g) => ({ ...g, message: `After the automatic fixes: ${g.message}`, auto_fixed: false }));
    for (const f of ex.findings) if (f.code === 'not_an_object') f.auto_fixed = true;

    const findings = [...ex.findings, ...before, ...residual, ...expected.findings].map(publicFinding);
    // A key typed as a field name, or as the value of a credential field, never comes back verbatim
    // (not in a finding's path or message, not in the corrected payload).
    return redactDeep({
      valid: !findings.some((f) => f.severity === 'error'),
      dialect: detectDialect(ex.value),
      input_kind: ex.kind,
      findings,
      corrected,
      ...(ex.curl ? { corrected_curl: correctedCurl(ex.curl, corrected) } : {}),
    }, secretsInJson(ex.value));
  },
});

function publicFinding(f: Finding): z.infer<typeof FindingSchema> {
  const { subject: _subject, ...rest } = f;
  return rest;
}

/**
 * What the template expects: from the caller, else fetched from Sent. A failed fetch is not a
 * fault of the payload: at most an info finding, never an exception.
 */
async function expectedVariables(
  draft: Payload,
  given: string[] | number | undefined,
  ctx: ToolContext,
  opts: { signal?: AbortSignal } | undefined,
): Promise<{ expected?: ExpectedVariables; findings: Finding[] }> {
  if (Array.isArray(given)) return { expected: { names: given, count: given.length, from: 'The template (per template_variables)' }, findings: [] };
  if (typeof given === 'number') return { expected: { count: given, from: 'The template (per template_variables)' }, findings: [] };
  const t = draft.template;
  const id = isPlainObject(t) && typeof t.id === 'string' ? t.id : undefined;
  if (!ctx.sent || !id || !FETCHABLE_ID.test(id)) return { findings: [] };
  try {
    const tmpl = await fetchTemplate(ctx.sent, id, opts?.signal);
    const vars = tmpl.variables;
    if (!Array.isArray(vars)) return { findings: [] };
    const names = vars.map((v) => (typeof v === 'string' ? v : (v.name ?? undefined)));
    const from = `Template ${show(id, 50)}${tmpl.name ? ` (${show(tmpl.name, 50)})` : ''}`;
    return {
      expected: names.every((n): n is string => typeof n === 'string' && n !== '') ? { names, count: names.length, from } : { count: vars.length, from },
      findings: [],
    };
  } catch (e) {
    ctx.logger.debug(`validate_payload: template lookup failed: ${e instanceof Error ? e.message : String(e)}`);
    const notFound = e instanceof SentApiError && (e.status === 404 || e.code === 'RESOURCE_002');
    return {
      findings: [
        finding(
          'template_lookup_failed',
          'template.id',
          notFound
            ? `Template ${show(id, 50)} was not found with the configured API key (${(e as SentApiError).code}). If this payload is for the same account, the send fails with 404 RESOURCE_002 (template not found).`
            : `Template ${show(id, 50)} could not be fetched to count its variables (${isDoctorError(e) || (e instanceof Error && e.message.startsWith('no answer')) ? e.message : 'unexpected error'}); template.parameters was not checked against it.`,
          notFound
            ? 'Check the ID in Dashboard → Templates, and that the template belongs to the account (or profile) of the key you send with.'
            : 'Pass template_variables (the names or the count) to check the parameters offline.',
        ),
      ],
    };
  }
}

/** The client has its own timeouts and retries; this bounds the whole lookup for an interactive check. */
async function fetchTemplate(sent: SentApi, id: string, signal: AbortSignal | undefined) {
  const budget = AbortSignal.timeout(TEMPLATE_LOOKUP_MS);
  const callOpts: CallOptions = { signal: signal ? AbortSignal.any([signal, budget]) : budget };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TEMPLATE_LOOKUP_MS / 1000} s`)), TEMPLATE_LOOKUP_MS + 500);
  });
  try {
    return await Promise.race([sent.getTemplate(id, callOpts), late]);
  } finally {
    clearTimeout(timer);
  }
}
