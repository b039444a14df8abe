/**
 * Ranking: every piece of evidence votes for a scenario with a weight. Tool findings and exact
 * codes and field values weigh most, the question's wording (cues) next, text retrieval least.
 * Confidence grows with the winner's total and with its lead over the runner-up.
 */
import type { KnowledgeBase } from '../context.js';
import { CUES, type CueInput } from './cues.js';

export type EvidenceKind = 'lookup' | 'validate' | 'key' | 'coverage' | 'code' | 'field' | 'status' | 'cue' | 'search';

export interface Evidence {
  scenario: string;
  kind: EvidenceKind;
  weight: number;
  text: string;
}

export interface ToolFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  scenario?: string;
  source: 'lookup' | 'validate' | 'key' | 'coverage';
  /** Scales the finding's weight (e.g. a payload finding on an SMS-only payload says little about WhatsApp). */
  weightScale?: number;
}

/** Findings that say something went wrong without saying what: they weigh little beside a specific one. */
const GENERIC_FINDINGS = new Set(['accepted_not_delivered']);
const SILENT_FINDINGS = new Set(['delivered', 'message_not_found']);

export interface Ranked {
  id: string;
  score: number;
  confidence: number;
  evidence: Evidence[];
}

const FINDING_WEIGHT: Record<ToolFinding['source'], Record<ToolFinding['severity'], number>> = {
  lookup: { error: 8, warning: 6, info: 3 },
  key: { error: 6, warning: 5, info: 2 },
  validate: { error: 5, warning: 3, info: 1.5 },
  coverage: { error: 1.5, warning: 1.5, info: 1 },
};
const CODE_WEIGHT = 6;
const FIELD_WEIGHT = 6;
const STATUS_WEIGHT = 2;
const CUE_CAP = 12;
const COVERAGE_CAP = 2;
const SEARCH_MAX = 2.5;

/** Scenario IDs by each key an entry lists (its signals, or its codes), from the knowledge entries. */
function scenariosBy(kb: KnowledgeBase, keys: (s: ReturnType<KnowledgeBase['list']>[number]) => string[]): Map<string, string[]> {
  const idx = new Map<string, string[]>();
  for (const s of kb.list())
    for (const k of keys(s)) {
      const list = idx.get(k) ?? [];
      list.push(s.id);
      idx.set(k, list);
    }
  return idx;
}

export interface RankInput {
  cueInput: CueInput;
  codes: string[];
  fields: { name: string; value: string }[];
  statuses: string[];
  findings: ToolFinding[];
  /** Text retrieval hits (id, raw score). */
  search: { id: string; score: number }[];
}

const indexCache = new WeakMap<KnowledgeBase, { signals: Map<string, string[]>; codes: Map<string, string[]> }>();

function indexesFor(kb: KnowledgeBase) {
  let idx = indexCache.get(kb);
  if (!idx)
    indexCache.set(kb, (idx = { signals: scenariosBy(kb, (s) => s.signals), codes: scenariosBy(kb, (s) => s.codes.map((c) => c.toUpperCase())) }));
  return idx;
}

export function collectEvidence(kb: KnowledgeBase, input: RankInput): Evidence[] {
  const indexes = indexesFor(kb);
  const ev: Evidence[] = [];
  const known = (id: string) => !!kb.get(id);

  const specific = input.findings.some((f) => f.source === 'lookup' && !GENERIC_FINDINGS.has(f.code) && !SILENT_FINDINGS.has(f.code) && f.severity !== 'info');
  for (const f of input.findings) {
    if (SILENT_FINDINGS.has(f.code)) continue;
    let w = FINDING_WEIGHT[f.source][f.severity] * (f.weightScale ?? 1);
    let kind: EvidenceKind = f.source;
    if (GENERIC_FINDINGS.has(f.code) && specific) [w, kind] = [1, 'status'];
    // The knowledge entries' signals decide where a finding points; the tool's own hint is the fallback.
    const sig = f.source === 'key' && !f.code.startsWith('key_') ? `finding:key_${f.code}` : `finding:${f.code}`;
    const bySignal = indexes.signals.get(sig) ?? [];
    const targets = bySignal.length ? bySignal : f.scenario && known(f.scenario) ? [f.scenario] : [];
    for (const id of targets) ev.push({ scenario: id, kind, weight: w, text: f.message });
  }
  for (const code of input.codes)
    for (const id of indexes.codes.get(code.toUpperCase()) ?? []) ev.push({ scenario: id, kind: 'code', weight: CODE_WEIGHT, text: `error code ${code}` });
  for (const f of input.fields)
    for (const id of indexes.signals.get(`field:${f.name}=${f.value}`) ?? [])
      ev.push({ scenario: id, kind: 'field', weight: FIELD_WEIGHT, text: `${f.name}: ${f.value}` });
  for (const st of input.statuses)
    for (const id of indexes.signals.get(`status:${st.toUpperCase()}`) ?? [])
      ev.push({ scenario: id, kind: 'status', weight: STATUS_WEIGHT, text: `message status ${st.toUpperCase()}` });

  for (const cue of CUES)
    if (known(cue.scenario) && cue.test(input.cueInput)) ev.push({ scenario: cue.scenario, kind: 'cue', weight: cue.weight, text: cue.label });

  const top = input.search[0]?.score ?? 0;
  if (top > 0)
    for (const h of input.search.slice(0, 5))
      ev.push({ scenario: h.id, kind: 'search', weight: (SEARCH_MAX * h.score) / top, text: 'the wording matches this entry' });
  return ev;
}

const strength = (s: number) => 1 - Math.exp(-s / 5);

export function rank(kb: KnowledgeBase, evidence: Evidence[]): Ranked[] {
  const by = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const list = by.get(e.scenario) ?? [];
    list.push(e);
    by.set(e.scenario, list);
  }
  const scored = [...by.entries()].map(([id, ev]) => {
    const cue = Math.min(CUE_CAP, sum(ev.filter((e) => e.kind === 'cue')));
    // Coverage only supports a scenario that something else already points to.
    const supported = ev.some((e) => e.kind !== 'coverage' && e.kind !== 'search' && e.kind !== 'status');
    const coverage = supported ? Math.min(COVERAGE_CAP, sum(ev.filter((e) => e.kind === 'coverage'))) : 0;
    const rest = sum(ev.filter((e) => e.kind !== 'cue' && e.kind !== 'coverage'));
    return { id, score: cue + coverage + rest, evidence: ev.sort((a, b) => b.weight - a.weight) };
  });
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const s1 = scored[0]?.score ?? 0;
  const s2 = scored[1]?.score ?? 0;
  return scored.map((r, i) => {
    const lead = i === 0 ? (s1 - s2) / (s1 || 1) : 0;
    const confidence = i === 0 ? strength(s1) * (0.45 + 0.55 * lead) : strength(r.score) * (r.score / (s1 + s2 || 1)) * 0.8;
    return { ...r, confidence: round(Math.min(1, Math.max(0, confidence))) };
  });
}

function sum(ev: Evidence[]): number {
  return ev.reduce((a, e) => a + e.weight, 0);
}

const round = (x: number) => Math.round(x * 100) / 100;

