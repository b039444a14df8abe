import { describe, expect, it } from 'vitest';
import { rankScenarios, type Vote } from '../../../tools/domain/triage/rank.js';

// A question that names a product term in passing but asks something else (retention, a DPA):
// the model reads it as off-topic, the term votes for its scenario.
const predictions = [
  { label: 'off-topic', p: 0.74 },
  { label: 'compliance-10dlc', p: 0.25 },
  { label: 'wrong-sender-number', p: 0.01 },
];
const vote = (kind: Vote['kind']): Vote => ({ scenario: 'compliance-10dlc', weight: 1.5, kind, text: 'the text names 10DLC' });

describe('rankScenarios: off-topic against evidence', () => {
  it('a product term (fact) leaves "not a delivery problem" open: the term alone is no failure', () => {
    const r = rankScenarios(predictions, [vote('fact')], { kind: 'text' });
    expect(r.offTopicP).toBeGreaterThan(0.3);
    expect(r.scenarios[0]!.id).toBe('compliance-10dlc');
    expect(r.scenarios[0]!.confidence).toBeLessThan(0.8);
  });

  it.each(['code', 'field', 'validate', 'key'] as const)('evidence of a failure (%s) closes it', (kind) => {
    const r = rankScenarios(predictions, [vote(kind)], { kind: 'text' });
    expect(r.offTopicP).toBe(0);
    expect(r.offTopic).toBe(false);
    expect(r.scenarios[0]!.confidence).toBeGreaterThan(0.9);
  });

  it('wording alone: off-topic answers when the model is sure', () => {
    const r = rankScenarios([{ label: 'off-topic', p: 0.9 }, { label: 'compliance-10dlc', p: 0.1 }], [], { kind: 'text' });
    expect(r.offTopic).toBe(true);
  });
});
