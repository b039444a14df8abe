/**
 * Ranking, evidence first. A looked-up message's verdict decides which scenarios are possible;
 * exact evidence (codes, field values, validator and key findings, domain facts) adds log-odds
 * to the scenarios it points to; the trained text model supplies the prior that ranks whatever
 * the evidence leaves open. Confidence is the softmax share, capped by what kind of evidence
 * there is: a wording guess about a message that could not be looked up never looks certain,
 * and a delivered or pending message never gets a confident failure scenario.
 */
import type { Prediction } from './model.js';
import { OFF_TOPIC, SCENARIO_IDS, type ScenarioId } from '../scenarios.js';
import type { Verdict } from '../records/verdicts.js';

export interface Vote {
  scenario: ScenarioId;
  /** Log-odds added to the scenario. */
  weight: number;
  kind: 'code' | 'field' | 'validate' | 'key' | 'fact';
  text: string;
}

export interface RankedScenario {
  id: ScenarioId;
  confidence: number;
  /** Why, strongest first: the record's cause, then votes, then the wording. */
  evidence: string[];
}

export interface Ranking {
  scenarios: RankedScenario[];
  /** The text model's best label is "off-topic" and nothing else points anywhere. */
  offTopic: boolean;
  /** The model's probability of off-topic (0 when evidence exists). */
  offTopicP: number;
}

/** What the answer rests on, which caps how sure it may sound. */
export type Basis =
  | { kind: 'record'; verdict: Verdict }
  /** Message IDs were named but could not be looked up (no key, unreachable, lookups off, not found). */
  | { kind: 'unlooked' }
  /** A question that is not a failure was answered directly (202, country rules, key check). */
  | { kind: 'answered' }
  | { kind: 'text' };

const FLOOR = 1e-4;
/** A decided verdict's first scenario is the record's own reading. */
const PRIMARY_BONUS = 3;
const CAP = {
  evidenced: 0.99,
  open_failure: 0.85,
  /** Delivered, pending, cancelled: the wording may name a topic, never with confidence. */
  not_failure: 0.3,
  /** IDs named but not looked up: exact evidence in the text may still be conclusive, wording alone may not. */
  unlooked_with_evidence: 0.8,
  unlooked: 0.44,
  text: 0.99,
} as const;

/**
 * Saying "not a delivery problem" to someone who has one costs more than a low-confidence guess,
 * so off-topic is the answer only when the model is this sure; below it the scenarios are shown
 * with the off-topic share taken out of their confidence, and the summary says it may be off-topic.
 */
export const OFF_TOPIC_AT = 0.7;

/** Highest confidence for a scenario other than the one the record points to first. */
const OVERRULED_CAP = 0.6;

const FAILURE_KINDS = new Set(['failure', 'blocked', 'filtered', 'sandbox']);

function capFor(basis: Basis, hasVotes: boolean): number {
  if (basis.kind === 'text') return CAP.text;
  if (basis.kind === 'answered') return hasVotes ? CAP.text : CAP.not_failure;
  if (basis.kind === 'unlooked') return hasVotes ? CAP.unlooked_with_evidence : CAP.unlooked;
  const v = basis.verdict;
  if (v.evidenced && v.scenarios.length) return CAP.evidenced;
  return FAILURE_KINDS.has(v.kind) && v.scenarios.length ? CAP.open_failure : CAP.not_failure;
}

/** `predictions`: the text model's for the text (TextModel.predict), computed once however many rankings use them. */
export function rankScenarios(predictions: readonly Prediction[], votes: readonly Vote[], basis: Basis): Ranking {
  const prior = new Map(predictions.map((p) => [p.label, p.p]));
  const verdict = basis.kind === 'record' ? basis.verdict : undefined;
  const candidates: readonly ScenarioId[] = verdict?.scenarios.length ? verdict.scenarios : SCENARIO_IDS;
  const hasVotes = votes.some((v) => candidates.includes(v.scenario));

  const score = new Map<string, number>();
  for (const id of candidates) {
    let s = Math.log(Math.max(prior.get(id) ?? 0, FLOOR));
    for (const v of votes) if (v.scenario === id) s += v.weight;
    if (verdict?.evidenced && id === verdict.scenarios[0]) s += PRIMARY_BONUS;
    score.set(id, s);
  }
  // Off-topic competes only when nothing but wording is there: the words, and product terms (facts),
  // which a question that is not about a failure names as readily as one that is.
  const failureEvidence = votes.some((v) => v.kind !== 'fact' && candidates.includes(v.scenario));
  const offTopicOpen = basis.kind === 'text' && !failureEvidence && prior.has(OFF_TOPIC);
  if (offTopicOpen) score.set(OFF_TOPIC, Math.log(Math.max(prior.get(OFF_TOPIC)!, FLOOR)));

  const max = Math.max(...score.values());
  let z = 0;
  for (const s of score.values()) z += Math.exp(s - max);
  const share = (id: string) => Math.exp(score.get(id)! - max) / z;

  const cap = capFor(basis, hasVotes);
  // The wording may overrule the record's own first reading, but then it is not sure.
  const primary = verdict?.evidenced ? verdict.scenarios[0] : undefined;
  const capOf = (id: string) => (primary && id !== primary ? Math.min(cap, OVERRULED_CAP) : cap);
  const scenarios = [...candidates]
    .map((id) => ({
      id,
      confidence: round(Math.min(capOf(id), share(id))),
      evidence: [
        ...(verdict && verdict.scenarios.includes(id) ? [verdict.cause] : []),
        ...votes.filter((v) => v.scenario === id).sort((a, b) => b.weight - a.weight).map((v) => v.text),
        ...((prior.get(id) ?? 0) >= 0.2 ? ['the wording matches this scenario'] : []),
      ],
      raw: share(id),
    }))
    .sort((a, b) => b.raw - a.raw || a.id.localeCompare(b.id))
    .map(({ raw: _raw, ...r }) => r);
  const offTopicP = offTopicOpen ? share(OFF_TOPIC) : 0;
  return { scenarios, offTopic: offTopicOpen && offTopicP >= OFF_TOPIC_AT, offTopicP: round(offTopicP) };
}

const round = (x: number) => Math.round(x * 100) / 100;
