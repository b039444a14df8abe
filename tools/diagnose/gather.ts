/**
 * Step 1 of diagnose: gather the evidence. Extract what the text holds, look up the message IDs,
 * read pasted records, validate payloads, check pasted keys offline and the countries named.
 * Nothing is ranked here.
 */
import type { RunOptions, ToolContext } from '../context.js';
import { isDoctorError, SentUnreachableError } from '../errors.js';
import { extractFromNormalised, normaliseText, type Entities } from '../domain/extract.js';
import { mapLimit } from '../domain/util.js';
import { redactSecrets } from '../domain/redact.js';
import { pastedRecords } from '../domain/records/pasted.js';
import type { Verdict } from '../domain/records/verdicts.js';
import { checkKeyFormat, KEY_PROBLEM_TEXT } from '../domain/key-format.js';
import type { ToolFinding } from '../domain/triage/votes.js';
import { lookupMessage, type LookupResult } from '../lookup-message.js';
import { validatePayload } from '../validate-payload.js';
import { getCoverage, type CoverageResult } from '../get-coverage.js';

const MAX_COUNTRIES = 3;
export const DEMO_NOTE = "Demo mode: these messages were looked up in sent-doctor's built-in simulator (demo data), not in Sent.";

export interface LookupFailure {
  message_id: string;
  error: string;
  kind: string;
}

/** A message the answer is about, and what is known of its fate. */
export interface MessageEvidence {
  message_id: string;
  /** Present when the record was read (looked up or pasted). */
  verdict?: Verdict;
  /** Why there is no verdict: no key, lookups off, Sent unreachable, the lookup failed. */
  unlooked?: string;
  source: 'lookup' | 'pasted' | 'none';
  created_at?: string;
  recipient?: string | null;
  error_codes?: string[];
}

export interface Gathered {
  text: string;
  normalised: string;
  entities: Entities;
  ids: string[];
  lookups: Array<LookupResult | LookupFailure>;
  messages: MessageEvidence[];
  validations: Awaited<ReturnType<typeof validatePayload.run>>[];
  findings: ToolFinding[];
  coverage: CoverageResult[];
  notes: string[];
}

export async function gatherEvidence(text: string, extraIds: readonly string[], doLookups: boolean, ctx: ToolContext, opts?: RunOptions): Promise<Gathered> {
  const notes: string[] = [];
  // Normalising can expand a text (NFKC turns "⑴" into "(1)"): the cap holds after it too.
  const full = normaliseText(text);
  const normalised = full.slice(0, ctx.limits.maxTextLength);
  if (normalised.length < full.length) notes.push(`Only the first ${ctx.limits.maxTextLength} characters were read (after normalising the text).`);
  const entities = extractFromNormalised(normalised);
  const ids = [...new Set([...entities.messageIds, ...extraIds])];

  const lookups = await runLookups(ids, doLookups, ctx, notes, opts);
  const validations = await Promise.all(entities.payloads.map((p) => validatePayload.run({ payload: p }, ctx, opts)));
  const pasted = pastedRecords(entities, { now: ctx.clock.now(), coverage: ctx.coverage, code: ctx.knowledge.code });
  const coverage = await coverageFor(entities, lookups, ctx);

  const findings: ToolFinding[] = [
    ...validations.flatMap((v) => {
      const weightScale = whatsappPayload(v.corrected, entities) ? 1 : 0.4;
      return v.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, source: 'validate' as const, weightScale }));
    }),
    ...entities.keys.flatMap((k, i) =>
      checkKeyFormat(k).problems.map((p) => ({
        code: `key_${p}`,
        severity: p === 'unexpected_format' ? ('warning' as const) : ('error' as const),
        message: `Pasted key ${entities.keyFingerprints[i] ?? '(key)'}: ${KEY_PROBLEM_TEXT[p]}`,
        source: 'key' as const,
      })),
    ),
    ...coverage.flatMap((c) => c.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, scenario: f.scenario, source: 'coverage' as const }))),
  ];
  if (entities.keys.length)
    notes.push(`A key-like string was found in the text (${entities.keyFingerprints.join(', ')}). It was not echoed anywhere; rotate it in Dashboard → API Keys if it was shared.`);

  const messages: MessageEvidence[] = [
    ...ids.map((id, i): MessageEvidence => {
      const l = lookups[i];
      if (l && 'verdict' in l) return { message_id: id, verdict: l.verdict, source: 'lookup', created_at: l.created_at, recipient: l.recipient, error_codes: l.error_codes };
      return { message_id: id, source: 'none', unlooked: l && 'error' in l ? `not looked up: ${l.error}` : unlookedReason(doLookups, ctx) };
    }),
    ...pasted.map(({ message, verdict }) => ({ message_id: message.message_id, verdict, source: 'pasted' as const, created_at: message.created_at, recipient: message.recipient, error_codes: message.error_codes })),
  ];
  return { text, normalised, entities, ids, lookups, messages, validations, findings, coverage, notes };
}

function unlookedReason(doLookups: boolean, ctx: ToolContext): string {
  if (!doLookups) return 'not looked up: lookups were turned off for this diagnosis';
  if (!ctx.sent) return 'not looked up: no Sent API key is configured (set SENT_DM_API_KEY)';
  return 'not looked up: over the limit of lookups for one diagnosis';
}

/** Does a payload target WhatsApp? (Its findings then speak about the WhatsApp payload scenario.) */
function whatsappPayload(corrected: unknown, e: Entities): boolean {
  const ch = corrected && typeof corrected === 'object' ? (corrected as { channel?: unknown }).channel : undefined;
  const list = Array.isArray(ch) ? ch.map(String) : typeof ch === 'string' ? [ch] : [];
  if (list.length) return list.some((c) => c.toLowerCase() === 'whatsapp');
  return e.channels.includes('whatsapp');
}

async function runLookups(ids: string[], enabled: boolean, ctx: ToolContext, notes: string[], opts?: RunOptions): Promise<Array<LookupResult | LookupFailure>> {
  if (!ids.length || !enabled || !ctx.sent) return [];
  const wanted = ids.slice(0, ctx.limits.maxLookups);
  if (wanted.length < ids.length) notes.push(`Only the first ${wanted.length} of ${ids.length} message IDs were looked up.`);
  const budget = AbortSignal.timeout(ctx.limits.lookupBudgetMs);
  const signal = opts?.signal ? AbortSignal.any([opts.signal, budget]) : budget;
  let done = 0;
  let unreachable = false;
  const results = await mapLimit(wanted, ctx.limits.lookupConcurrency, async (id): Promise<LookupResult | LookupFailure> => {
    try {
      if (signal.aborted) throw new SentUnreachableError('The time budget for lookups ran out.', 'timeout');
      return await lookupMessage.run({ message_id: id }, ctx, { signal });
    } catch (err) {
      if (err instanceof SentUnreachableError) unreachable = true;
      ctx.logger.warn(`lookup of ${id} failed:`, isDoctorError(err) ? err.message : String(err));
      const why = isDoctorError(err) ? redactSecrets(err.message) : 'The lookup failed unexpectedly.';
      return { message_id: id, error: why, kind: isDoctorError(err) ? err.kind : 'internal' };
    } finally {
      opts?.progress?.(++done, wanted.length, `looked up ${done} of ${wanted.length} message(s)`);
    }
  });
  if (ctx.demo) notes.unshift(DEMO_NOTE);
  if (unreachable) notes.push('Live checks unavailable: Sent could not be reached, so this answer comes from the knowledge base and the text alone.');
  return results;
}

async function coverageFor(entities: Entities, lookups: Array<LookupResult | LookupFailure>, ctx: ToolContext): Promise<CoverageResult[]> {
  const isos = new Set(entities.countries.map((c) => c.iso2));
  for (const p of entities.phones) if (p.iso2) isos.add(p.iso2);
  for (const l of lookups) if ('region_code' in l && l.region_code) isos.add(l.region_code.toUpperCase());
  const out: CoverageResult[] = [];
  for (const iso of [...isos].slice(0, MAX_COUNTRIES)) {
    if (!ctx.coverage.get(iso)) continue;
    try {
      out.push(await getCoverage.run({ country: iso }, ctx));
    } catch {
      // Coverage is supporting evidence only.
    }
  }
  return out;
}
