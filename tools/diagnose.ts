/**
 * diagnose: free text in; the messages' verdicts, the ranked scenarios, the evidence and the fix
 * out. Four named steps: gather the evidence (tools/diagnose/gather.ts), decide and rank
 * (decide.ts, with the record → verdict table and the text model), present (present.ts).
 */
import { z } from 'zod';
import { defineTool } from './define.js';
import { LimitError } from './errors.js';
import { buildBundle, Bundle } from './domain/bundle.js';
import { chooseQuestion } from './domain/question.js';
import { redactSecrets } from './domain/redact.js';
import { Verdict } from './domain/records/verdicts.js';
import { lookupMessage } from './lookup-message.js';
import { validatePayload } from './validate-payload.js';
import { gatherEvidence } from './diagnose/gather.js';
import { decide } from './diagnose/decide.js';
import { answerIntents } from './diagnose/intents.js';
import { CONCLUSIVE_AT, isConclusive, summarise } from './diagnose/present.js';

export { CONCLUSIVE_AT };
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

const MessageOut = z.object({
  message_id: z.string(),
  source: z.enum(['lookup', 'pasted', 'none']),
  verdict: Verdict.optional(),
  unlooked: z.string().optional().describe('Why the message could not be looked up'),
  scenarios: z.array(z.object({ id: z.string(), confidence: z.number() })).describe("This message's own ranking"),
});

const Explain = z.object({
  rule: z.string().optional().describe('The verdict-table row that decided the main message'),
  votes: z.array(z.object({ scenario: z.string(), weight: z.number(), kind: z.string(), text: z.string() })),
  model: z.array(z.object({ label: z.string(), p: z.number() })).describe("The text model's top labels"),
  features: z.array(z.object({ feature: z.string(), weight: z.number() })).describe("The model's top features for the chosen scenario"),
});

export const DiagnoseOutput = z.object({
  summary: z.string(),
  conclusive: z.boolean(),
  off_topic: z.boolean().describe('Not a delivery problem: the summary says where to go'),
  off_topic_p: z.number().min(0).max(1).describe("The text model's share for \"not a delivery problem\" (0 when evidence points anywhere)"),
  answer: z.string().optional().describe('A direct answer to a question that is not a failure (202, country rules, key check)'),
  messages: z.array(MessageOut).describe('One diagnosis per message named or pasted'),
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
  explain: Explain.optional(),
});
export type Diagnosis = z.infer<typeof DiagnoseOutput>;

/**
 * `detail: "brief"` (the MCP default): the data of the answer and nothing else. The prose (each
 * message's cause, the direct answer, the top scenario's steps) travels once, in the surface's text.
 */
export const DiagnoseBrief = z.object({
  detail: z.literal('brief'),
  conclusive: z.boolean(),
  off_topic: z.boolean(),
  messages: z.array(
    z.object({
      message_id: z.string(),
      source: z.enum(['lookup', 'pasted', 'none']),
      kind: Verdict.shape.kind.optional(),
      status: z.string().optional(),
      code: z.string().optional(),
    }),
  ),
  scenarios: z.array(z.object({ id: z.string(), confidence: z.number().min(0).max(1) })),
});
export type DiagnosisBrief = z.infer<typeof DiagnoseBrief>;

export function briefOf(d: Diagnosis): DiagnosisBrief {
  return {
    detail: 'brief',
    conclusive: d.conclusive,
    off_topic: d.off_topic,
    messages: d.messages.map((m) => ({
      message_id: m.message_id,
      source: m.source,
      ...(m.verdict ? { kind: m.verdict.kind, status: m.verdict.status, ...(m.verdict.code ? { code: m.verdict.code } : {}) } : {}),
    })),
    scenarios: d.scenarios.map(({ id, confidence }) => ({ id, confidence })),
  };
}

const SEVERITY = { failure: 'error', blocked: 'error', filtered: 'error', not_found: 'warning', in_progress: 'info', not_a_failure: 'info', sandbox: 'info' } as const;

export const diagnose = defineTool({
  name: 'diagnose',
  description:
    'Diagnose a Sent delivery problem from free text, logs, payloads or message IDs: looked-up messages decide, wording ranks the rest. Never paste an API key.',
  input: z.object({
    text: z.string().min(1).max(1_000_000).describe('The text as written'),
    context: z
      .object({ message_ids: z.array(z.string().max(100)).max(20).default([]) })
      .optional()
      .describe('Message IDs from earlier turns'),
    lookups: z.boolean().default(true).describe('Look message IDs up'),
    explain: z.boolean().optional().describe('Add why: rule, votes, model features'),
    detail: z
      .enum(['brief', 'full'])
      .optional()
      .describe('brief (MCP default) or full (evidence, lookups, payload checks, bundle)'),
  }),
  output: DiagnoseOutput,
  annotations: { title: 'Diagnose a delivery problem', readOnlyHint: true, destructiveHint: false, openWorldHint: true },
  brief: { output: DiagnoseBrief, shape: briefOf },
  async run({ text, context, lookups: doLookups, explain }, ctx, opts) {
    if (text.length > ctx.limits.maxTextLength)
      throw new LimitError(`The text is ${text.length} characters; the limit is ${ctx.limits.maxTextLength}.`, {
        hint: 'Paste the relevant part: the error, the message ID and the payload.',
      });
    const g = await gatherEvidence(text, context?.message_ids ?? [], doLookups, ctx, opts);
    const answer = await answerIntents(g, ctx);
    const d = decide(g, ctx.knowledge, !!answer);
    const conclusive = isConclusive(d);

    // A failure scenario's steps do not apply to a message that was delivered, is still on its way
    // or does not exist: its verdict's own next checks replace them.
    const main = d.mainMessage?.verdict;
    const stepsApply = !main || main.evidenced || !['not_a_failure', 'in_progress', 'not_found'].includes(main.kind);
    const scenarios = d.main.scenarios.slice(0, 3).flatMap((r) => {
      const s = ctx.knowledge.get(r.id);
      return s
        ? [{ id: s.id, title: s.title, confidence: r.confidence, evidence: [...new Set(r.evidence.map((e) => redactSecrets(e)))].slice(0, 6), steps: stepsApply ? s.steps : [], verify: s.verify, escalate: s.escalate }]
        : [];
    });
    const verdictFindings = g.messages.flatMap((m) =>
      m.verdict ? [{ code: m.verdict.rule, severity: SEVERITY[m.verdict.kind], message: `${m.message_id}: ${m.verdict.cause}`, scenario: m.verdict.scenarios[0], source: 'lookup' as const }] : [],
    );
    const read = g.messages.filter((m) => m.verdict && m.verdict.kind !== 'not_found');
    const question = conclusive || d.main.offTopic || answer ? undefined : chooseQuestion(g.entities, read.length > 0);
    const bundle = (!conclusive && !d.main.offTopic) || scenarios[0]?.id === 'escalate-to-support' ? buildBundle(text, g.entities, read.map((m) => ({ ...m, status: m.verdict!.status }))) : undefined;
    const notes = [...g.notes, ...(stepsApply || !main ? [] : main.next.map((n) => `Next: ${n}`))];
    if (!conclusive && !d.main.offTopic && !answer) notes.push('Nothing here is conclusive yet; if no scenario fits, the bundle lists what to send to Sent support.');

    return {
      summary: summarise(g, d, ctx.knowledge, answer),
      conclusive,
      off_topic: d.main.offTopic,
      off_topic_p: d.main.offTopicP,
      ...(answer ? { answer } : {}),
      messages: g.messages.map((m) => ({
        message_id: m.message_id,
        source: m.source,
        ...(m.verdict ? { verdict: m.verdict } : {}),
        ...(m.unlooked ? { unlooked: m.unlooked } : {}),
        scenarios: (d.perMessage.find((p) => p.message === m)?.ranking.scenarios ?? []).slice(0, 3).map(({ id, confidence }) => ({ id, confidence })),
      })),
      scenarios,
      findings: [
        ...verdictFindings,
        ...g.findings.filter((f) => f.source !== 'coverage' || COUNTRY_SCENARIOS.has(scenarios[0]?.id ?? '')).map(({ weightScale: _w, ...f }) => f),
      ].map((f) => ({ ...f, message: redactSecrets(f.message) })),
      entities: {
        message_ids: g.ids,
        error_codes: g.entities.errorCodes,
        http_statuses: g.entities.httpStatuses,
        fields: g.entities.fields,
        keys: g.entities.keyFingerprints,
        phones: g.entities.phones.map((p) => ({ masked: p.masked, ...(p.iso2 ? { country: p.iso2 } : {}) })),
        countries: g.entities.countries.map((c) => ({ iso2: c.iso2, name: c.name })),
        channels: g.entities.channels,
        payloads: g.entities.payloads.length,
      },
      lookups: g.lookups,
      validations: g.validations,
      ...(question ? { question } : {}),
      ...(bundle ? { bundle } : {}),
      notes,
      ...(explain ? { explain: explainOf(g, d, ctx.knowledge) } : {}),
    };
  },
});

function explainOf(g: Parameters<typeof decide>[0], d: ReturnType<typeof decide>, kb: Parameters<typeof decide>[1]): z.infer<typeof Explain> {
  const model = kb.model();
  const top = d.main.scenarios[0]?.id;
  return {
    ...(d.mainMessage?.verdict ? { rule: d.mainMessage.verdict.rule } : {}),
    votes: d.votes.map((v) => ({ scenario: v.scenario, weight: Math.round(v.weight * 100) / 100, kind: v.kind, text: redactSecrets(v.text) })),
    model: d.predictions.slice(0, 5).map((p) => ({ label: p.label, p: Math.round(p.p * 1000) / 1000 })),
    features: top ? model.explain(g.normalised, top, 8).map((f) => ({ feature: f.feature, weight: Math.round(f.weight * 1000) / 1000 })) : [],
  };
}
