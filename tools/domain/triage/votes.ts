/**
 * Exact evidence in a text and from the tools → votes (log-odds) for scenarios. Codes go through
 * the code catalog; tool findings and field values through the knowledge entries' `signals`;
 * product terms through the domain-fact table. Wording is not read here: the text model does that.
 */
import type { KnowledgeBase } from '../../context.js';
import { isScenarioId, type ScenarioId } from '../scenarios.js';
import { codeLabel } from '../records/codes.js';
import { factsIn, FACT_WEIGHT } from './facts.js';
import type { Vote } from './rank.js';

export interface ToolFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  scenario?: string;
  /** Coverage findings (a named country's rules) are context for the answer and never vote: see {@link collectVotes}. */
  source: 'validate' | 'key' | 'coverage';
  /** Scales the finding's weight (a payload finding on an SMS-only payload says little about WhatsApp). */
  weightScale?: number;
}

const CODE_WEIGHT = 4;
const FIELD_WEIGHT = 4;
const FINDING_WEIGHT: Record<Exclude<ToolFinding['source'], 'coverage'>, Record<ToolFinding['severity'], number>> = {
  validate: { error: 3, warning: 1.5, info: 0.5 },
  key: { error: 3.5, warning: 2, info: 0.5 },
};
/** One kind of evidence cannot outvote everything else by repetition. */
const CAP_PER_KIND = 6;

export interface VoteInput {
  /** Codes written in the text (not those of looked-up records: their verdict speaks for them). */
  codes: readonly string[];
  fields: readonly { name: string; value: string }[];
  findings: readonly ToolFinding[];
  text: string;
}

const signalIndex = new WeakMap<KnowledgeBase, Map<string, ScenarioId[]>>();
function signals(kb: KnowledgeBase): Map<string, ScenarioId[]> {
  let idx = signalIndex.get(kb);
  if (!idx) {
    idx = new Map();
    for (const s of kb.list())
      if (isScenarioId(s.id))
        for (const sig of s.signals) idx.set(sig, [...(idx.get(sig) ?? []), s.id]);
    signalIndex.set(kb, idx);
  }
  return idx;
}

export function collectVotes(kb: KnowledgeBase, input: VoteInput): Vote[] {
  const idx = signals(kb);
  const votes: Vote[] = [];
  for (const c of input.codes) {
    const info = kb.code(c);
    info?.scenarios.forEach((id, i) => votes.push({ scenario: id, weight: CODE_WEIGHT - i, kind: 'code', text: `${codeLabel(info)}: ${info.meaning}` }));
  }
  for (const f of input.fields)
    for (const id of idx.get(`field:${f.name}=${f.value}`) ?? []) votes.push({ scenario: id, weight: FIELD_WEIGHT, kind: 'field', text: `${f.name}: ${f.value}` });
  for (const f of input.findings) {
    // A country's rules are not evidence of what went wrong: a country is named as often in a question
    // about a sender ID, 10DLC or a login code as in one about filtered SMS. Measured leave-one-set-out
    // over 2,302 questions, coverage findings voting for sms-country-delivery (log-odds 0.4-0.7 each)
    // gave 97.1 % and 13 wrong at >= 0.8; not voting, 97.4 % and 11.
    if (f.source === 'coverage') continue;
    const sig = `finding:${f.code}`;
    const targets = idx.get(sig) ?? (f.scenario && isScenarioId(f.scenario) ? [f.scenario] : []);
    const kind = f.source;
    for (const id of targets) votes.push({ scenario: id, weight: FINDING_WEIGHT[f.source][f.severity] * (f.weightScale ?? 1), kind, text: f.message });
  }
  for (const fact of factsIn(input.text)) votes.push({ scenario: fact.scenario, weight: FACT_WEIGHT, kind: 'fact', text: fact.label });
  return capped(votes);
}

function capped(votes: Vote[]): Vote[] {
  const used = new Map<string, number>();
  const out: Vote[] = [];
  for (const v of [...votes].sort((a, b) => b.weight - a.weight)) {
    const key = `${v.scenario}|${v.kind}`;
    const left = CAP_PER_KIND - (used.get(key) ?? 0);
    if (left <= 0) continue;
    const w = Math.min(v.weight, left);
    used.set(key, (used.get(key) ?? 0) + w);
    if (!out.some((o) => o.scenario === v.scenario && o.text === v.text)) out.push({ ...v, weight: w });
  }
  return out;
}
