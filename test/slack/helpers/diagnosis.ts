/**
 * Diagnoses for rendering tests, built from the real knowledge base and checked against
 * diagnose's own output schema, so the renderer sees exactly what the tool can return.
 */
import { DiagnoseOutput, type Diagnosis } from '../../../tools/diagnose.js';
import type { KnowledgeBase } from '../../../tools/context.js';

export interface Heavy {
  /** Looked-up messages with long timelines. */
  lookups?: number;
  timeline?: number;
  /** Extra evidence lines per scenario. */
  evidence?: number;
  findings?: number;
  /** Characters of the corrected payload. */
  payloadChars?: number;
  notes?: number;
}

export function diagnosisFor(kb: KnowledgeBase, topId: string, h: Heavy = {}, conclusive = true): Diagnosis {
  const ids = kb.list().map((s) => s.id);
  const order = [topId, ...ids.filter((i) => i !== topId)].slice(0, 3);
  const scenarios = order.map((id, i) => {
    const s = kb.get(id)!;
    return {
      id: s.id,
      title: s.title,
      confidence: i === 0 ? 0.82 : 0.1 / (i + 1),
      evidence: Array.from({ length: h.evidence ?? 2 }, (_, k) => `${s.summary} (evidence ${k + 1})`),
      steps: s.steps,
      verify: s.verify,
      escalate: s.escalate,
    };
  });
  const lookups = Array.from({ length: h.lookups ?? 1 }, (_, n) => ({
    found: true,
    message_id: `msg_render_${n}`,
    status: 'FAILED',
    channel: 'whatsapp',
    channel_attempted: 'whatsapp',
    fallback_reason: 'template_not_approved',
    recipient: '+213 •••••••67',
    sandbox: false,
    timeline: Array.from({ length: h.timeline ?? 4 }, (_, k) => ({
      at: new Date(Date.UTC(2026, 4, 9, 10, 0, k)).toISOString(),
      status: ['QUEUED', 'ROUTED', 'SENT', 'FAILED'][k % 4]!,
      description: `Step ${k}: ${'carrier said something long '.repeat(3)}`,
      source: 'event' as const,
    })),
    error_codes: ['131049', 'ERR_TEMPLATE_PARAMS_INVALID'],
    price: null,
    verdict: {
      message_id: `msg_render_${n}`,
      kind: 'failure' as const,
      status: 'FAILED',
      rule: 'code',
      cause: 'Meta 131049: Meta chose not to deliver, to keep ecosystem engagement healthy. Status FAILED via whatsapp.',
      code: '131049',
      scenarios: ['whatsapp-131049' as const],
      evidenced: true,
      next: [],
    },
    looked_up_at: { base_url: 'http://127.0.0.1:1', key: 'sk_test_…0001' },
  }));
  const longPayload = JSON.stringify({ to: ['+12025550123'], template: { id: 'tmpl_1', parameters: { body: 'x'.repeat(h.payloadChars ?? 50) } }, channel: 'whatsapp' });
  return DiagnoseOutput.parse({
    summary: `Most likely: ${scenarios[0]!.title}.`,
    conclusive,
    off_topic: false,
    off_topic_p: 0,
    messages: lookups.map((l) => ({ message_id: l.message_id, source: 'lookup' as const, verdict: l.verdict, scenarios: [{ id: scenarios[0]!.id, confidence: scenarios[0]!.confidence }] })),
    scenarios,
    findings: Array.from({ length: h.findings ?? 2 }, (_, k) => ({
      code: `finding_${k}`,
      severity: (['error', 'warning', 'info'] as const)[k % 3],
      message: `Finding ${k}: ${'the payload has a problem that needs a fix '.repeat(2)}`,
      source: 'validate',
    })),
    entities: {
      message_ids: lookups.map((l) => l.message_id),
      error_codes: ['131049'],
      http_statuses: [],
      fields: [],
      keys: [],
      phones: [],
      countries: [],
      channels: ['whatsapp'],
      payloads: 1,
    },
    lookups,
    validations: [
      {
        valid: false,
        dialect: 'guide',
        input_kind: 'json',
        findings: [
          { code: 'channel_case', severity: 'error', path: 'channel', message: '`channel` must be lowercase.', fix: 'Use "whatsapp".', auto_fixed: true },
        ],
        corrected: JSON.parse(longPayload),
      },
    ],
    notes: Array.from({ length: h.notes ?? 1 }, (_, k) => `Note ${k}: something worth knowing.`),
  });
}
