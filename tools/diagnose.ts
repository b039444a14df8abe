import { z } from 'zod';
import { defineTool } from './define.js';
import type { RunOptions, ToolContext } from './context.js';
import { LimitError, isDoctorError, SentUnreachableError } from './errors.js';
import { extractFromNormalised, normaliseText, type Entities } from './domain/extract.js';
import { collectEvidence, rank, type ToolFinding } from './domain/rank.js';
import { cueInputFor } from './domain/cues.js';
import { buildBundle, Bundle } from './domain/bundle.js';
import { chooseQuestion } from './domain/question.js';
import { mapLimit } from './domain/util.js';
import { redactSecrets } from './domain/redact.js';
import { lookupMessage } from './lookup-message.js';
import { validatePayload } from './validate-payload.js';
import { checkKeyFormat, KEY_PROBLEM_TEXT } from './domain/key-format.js';
import { getCoverage } from './get-coverage.js';
import { pastedRecords } from './domain/pasted.js';

/** Below this the answer is presented as a guess, with a question. */
export const CONCLUSIVE_AT = 0.45;
const MAX_COUNTRIES = 3;
/** Country rules are shown only when the answer is about sending to a country. */
const COUNTRY_SCENARIOS = new Set(['sms-country-delivery', 'sender-id-issues', 'compliance-10dlc', 'login-otp']);

const ScenarioOut = z.object({
  id: z.string(),
  title: z.string(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(z.string()),
  steps: z.array(z.string()),
  verify: z.string(),
  escalate: z.string(),
});

const Finding = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  scenario: z.string().optional(),
  source: z.enum(['lookup', 'validate', 'key', 'coverage']),
});

const LookupFailure = z.object({ message_id: z.string(), error: z.string(), kind: z.string() });

export const DiagnoseOutput = z.object({
  summary: z.string(),
  conclusive: z.boolean(),
  scenarios: z.array(ScenarioOut),
  findings: z.array(Finding),
  entities: z.object({
    message_ids: z.array(z.string()),
    error_codes: z.array(z.string()),
    http_statuses: z.array(z.number()),
    fields: z.array(z.object({ name: z.string(), value: z.string() })),
    keys: z.array(z.string()).describe('fingerprints only'),
    phones: z.array(z.object({ masked: z.string(), country: z.string().optional() })),
    countries: z.array(z.object({ iso2: z.string(), name: z.string() })),
    channels: z.array(z.string()),
    payloads: z.number().int(),
  }),
  lookups: z.array(z.union([lookupMessage.output, LookupFailure])),
  validations: z.array(validatePayload.output),
  question: z.string().optional(),
  bundle: Bundle.optional(),
  notes: z.array(z.string()),
});
export type Diagnosis = z.infer<typeof DiagnoseOutput>;

export const diagnose = defineTool({
  name: 'diagnose',
  description:
    'Diagnose a Sent delivery problem from free text: a question, a support ticket, a log, a pasted payload or curl command, ' +
    'message IDs. Extracts the evidence, runs the other tools (message lookups when an API key is configured, payload ' +
    'validation, offline key checks, country coverage), and returns the ranked failure scenarios with confidence, the ' +
    'evidence, step-by-step fix and how to verify it. When nothing is conclusive it asks one question and offers the ' +
    'escalation bundle. Never paste an API key into the text: keys found are redacted and reported by fingerprint only.',
  input: z.object({
    text: z.string().min(1).max(1_000_000).describe('The question, ticket, log or payload, as written'),
    context: z
      .object({ message_ids: z.array(z.string().max(100)).max(20).default([]) })
      .optional()
      .describe('What an earlier turn established (e.g. message IDs of the thread)'),
    lookups: z.boolean().default(true).describe('Look up message IDs with the configured key'),
  }),
  output: DiagnoseOutput,
  annotations: { title: 'Diagnose a delivery problem', readOnlyHint: true, destructiveHint: false, openWorldHint: true },
  async run({ text, context, lookups: doLookups }, ctx, opts) {
    if (text.length > ctx.limits.maxTextLength)
      throw new LimitError(`The text is ${text.length} characters; the limit is ${ctx.limits.maxTextLength}.`, {
        hint: 'Paste the relevant part: the error, the message ID and the payload.',
      });
    const normalised = normaliseText(text);
    const entities = extractFromNormalised(normalised);
    const notes: string[] = [];
    const ids = [...new Set([...entities.messageIds, ...(context?.message_ids ?? [])])];

    const lookups = await runLookups(ids, doLookups, ctx, notes, opts);
    const validations = await Promise.all(entities.payloads.map((p) => validatePayload.run({ payload: p }, ctx, opts)));
    const pasted = pastedRecords(entities, { now: ctx.clock.now(), coverage: ctx.coverage });
    const findings: ToolFinding[] = [
      ...lookups.flatMap((l) => ('findings' in l ? l.findings.map((f) => ({ ...f, source: 'lookup' as const })) : [])),
      ...pasted.flatMap((r) => r.findings.map((f) => ({ ...f, source: 'lookup' as const }))),
      ...validations.flatMap((v) => {
        const weightScale = whatsappPayload(v.corrected, entities) ? 1 : 0.4;
        return v.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, source: 'validate' as const, weightScale }));
      }),
      ...entities.keys.flatMap((k) =>
        checkKeyFormat(k).problems.map((p) => ({
          code: `key_${p}`,
          severity: p === 'unexpected_format' ? ('warning' as const) : ('error' as const),
          message: `Pasted key ${fingerprintOf(entities, k)}: ${KEY_PROBLEM_TEXT[p]}`,
          source: 'key' as const,
        })),
      ),
      ...(await coverageFindings(entities, lookups, ctx)),
    ];
    if (entities.keys.length)
      notes.push(`A key-like string was found in the text (${entities.keyFingerprints.join(', ')}). It was not echoed anywhere; rotate it in Dashboard → API Keys if it was shared.`);

    const found = lookups.filter((l): l is FoundMessage => 'found' in l && l.found && typeof l.status === 'string');
    const lookupCodes = [...found, ...pasted].flatMap((l) => l.error_codes ?? []);
    const lookupFields = [...found, ...pasted].flatMap((l) => [
      ...(l.fallback_reason ? [{ name: 'fallback_reason', value: l.fallback_reason }] : []),
      ...(l.channel_attempted ? [{ name: 'channel_attempted', value: l.channel_attempted }] : []),
    ]);
    const evidence = collectEvidence(ctx.knowledge, {
      cueInput: cueInputFor(normalised, entities),
      codes: [...new Set([...entities.errorCodes, ...lookupCodes])],
      fields: [...entities.fields, ...lookupFields],
      statuses: [...found, ...pasted].map((l) => l.status),
      findings,
      search: ctx.knowledge.search(normalised.slice(0, 4000), { limit: 5 }),
    });
    const ranked = rank(ctx.knowledge, evidence).slice(0, 3);
    const top = ranked[0];
    const conclusive = !!top && top.confidence >= CONCLUSIVE_AT;
    const scenarios = ranked.flatMap((r) => {
      const s = ctx.knowledge.get(r.id);
      if (!s) return [];
      return [
        {
          id: s.id,
          title: s.title,
          confidence: r.confidence,
          evidence: [...new Set(r.evidence.map((e) => redactSecrets(e.text)))].slice(0, 6),
          steps: s.steps,
          verify: s.verify,
          escalate: s.escalate,
        },
      ];
    });

    const question = conclusive ? undefined : chooseQuestion(entities, found.length > 0);
    const bundle = !conclusive || top?.id === 'escalate-to-support' ? buildBundle(text, entities, found, ctx.clock.now()) : undefined;
    if (!conclusive) notes.push('Nothing here is conclusive yet; if the answer below does not fit, escalate-to-support lists what to send to Sent.');
    return {
      summary: summarise(scenarios[0], conclusive, found),
      conclusive,
      scenarios,
      findings: findings
        .filter((f) => f.source !== 'coverage' || COUNTRY_SCENARIOS.has(scenarios[0]?.id ?? ''))
        .map(({ weightScale: _w, ...f }) => ({ ...f, message: redactSecrets(f.message) })),
      entities: {
        message_ids: ids,
        error_codes: entities.errorCodes,
        http_statuses: entities.httpStatuses,
        fields: entities.fields,
        keys: entities.keyFingerprints,
        phones: entities.phones.map((p) => ({ masked: p.masked, ...(p.iso2 ? { country: p.iso2 } : {}) })),
        countries: entities.countries.map((c) => ({ iso2: c.iso2, name: c.name })),
        channels: entities.channels,
        payloads: entities.payloads.length,
      },
      lookups,
      validations,
      ...(question ? { question } : {}),
      ...(bundle ? { bundle } : {}),
      notes,
    };
  },
});

/** Does a payload target WhatsApp? (Its findings then speak about the WhatsApp payload scenario.) */
function whatsappPayload(corrected: unknown, e: Entities): boolean {
  const ch = corrected && typeof corrected === 'object' ? (corrected as { channel?: unknown }).channel : undefined;
  const list = Array.isArray(ch) ? ch.map(String) : typeof ch === 'string' ? [ch] : [];
  if (list.length) return list.some((c) => c.toLowerCase() === 'whatsapp');
  return e.channels.includes('whatsapp');
}

function fingerprintOf(e: Entities, key: string): string {
  return e.keyFingerprints[e.keys.indexOf(key)] ?? '(key)';
}

type LookupResult = z.infer<typeof lookupMessage.output> | z.infer<typeof LookupFailure>;
type FoundMessage = z.infer<typeof lookupMessage.output> & { status: string };

async function runLookups(ids: string[], enabled: boolean, ctx: ToolContext, notes: string[], opts?: RunOptions): Promise<LookupResult[]> {
  if (!ids.length) return [];
  if (!enabled) return [];
  if (!ctx.sent) {
    notes.push(`No Sent API key is configured, so ${ids.join(', ')} ${ids.length === 1 ? 'was' : 'were'} not looked up; the answer rests on the text alone.`);
    return [];
  }
  const wanted = ids.slice(0, ctx.limits.maxLookups);
  if (wanted.length < ids.length) notes.push(`Only the first ${wanted.length} of ${ids.length} message IDs were looked up.`);
  const budget = AbortSignal.timeout(ctx.limits.lookupBudgetMs);
  const signal = opts?.signal ? AbortSignal.any([opts.signal, budget]) : budget;
  let done = 0;
  let unreachable = false;
  const results = await mapLimit(wanted, ctx.limits.lookupConcurrency, async (id): Promise<LookupResult> => {
    try {
      if (signal.aborted) throw new SentUnreachableError('The time budget for lookups ran out.', 'timeout');
      return await lookupMessage.run({ message_id: id }, ctx, { signal });
    } catch (err) {
      if (err instanceof SentUnreachableError) unreachable = true;
      ctx.logger.warn(`lookup of ${id} failed:`, isDoctorError(err) ? err.message : String(err));
      return {
        message_id: id,
        error: isDoctorError(err) ? redactSecrets(err.message) : 'The lookup failed unexpectedly.',
        kind: isDoctorError(err) ? err.kind : 'internal',
      };
    } finally {
      opts?.progress?.(++done, wanted.length, `looked up ${done} of ${wanted.length} message(s)`);
    }
  });
  if (unreachable) notes.push('Live checks unavailable: Sent could not be reached, so this answer comes from the knowledge base and the text alone.');
  return results;
}

async function coverageFindings(entities: Entities, lookups: LookupResult[], ctx: ToolContext): Promise<ToolFinding[]> {
  const isos = new Set(entities.countries.map((c) => c.iso2));
  for (const p of entities.phones) if (p.iso2) isos.add(p.iso2);
  for (const l of lookups) if ('region_code' in l && l.region_code) isos.add(l.region_code.toUpperCase());
  const out: ToolFinding[] = [];
  for (const iso of [...isos].slice(0, MAX_COUNTRIES)) {
    if (!ctx.coverage.get(iso)) continue;
    try {
      const cov = await getCoverage.run({ country: iso }, ctx);
      for (const f of cov.findings) out.push({ code: f.code, severity: f.severity, message: f.message, scenario: f.scenario, source: 'coverage' });
    } catch {
      // Coverage is supporting evidence only.
    }
  }
  return out;
}

function summarise(top: z.infer<typeof ScenarioOut> | undefined, conclusive: boolean, found: FoundMessage[]): string {
  const facts = found.map((l) => `Message ${l.message_id} is ${l.status}${l.channel ? ` on ${l.channel}` : ''}.`).join(' ');
  if (!top) return `${facts} No failure scenario matches yet.`.trim();
  const pct = Math.round(top.confidence * 100);
  const verdict = conclusive ? `Most likely: ${top.title} (${pct}% confidence).` : `Not conclusive yet; closest match: ${top.title} (${pct}% confidence).`;
  return `${facts} ${verdict}`.trim();
}
