import { describe, expect, it } from 'vitest';
import { collectVotes, type ToolFinding } from '../../tools/domain/triage/votes.js';
import { makeTestContext } from '../helpers/context.js';

const { knowledge } = makeTestContext();
const none = { codes: [], fields: [], text: '' };

describe('collectVotes', () => {
  it('a validator finding votes for the scenario whose signal names it', () => {
    const finding: ToolFinding = { code: 'template_flat_string', severity: 'error', message: 'template is a string', source: 'validate' };
    const votes = collectVotes(knowledge, { ...none, findings: [finding] });
    expect(votes.map((v) => [v.scenario, v.kind])).toEqual([['whatsapp-api-payload', 'validate']]);
  });

  it("a country's coverage findings never vote: a named country is context, not evidence of a delivery failure", () => {
    const findings: ToolFinding[] = ['coverage_filtering_country', 'coverage_alpha_unsupported', 'coverage_registration_required'].map((code) => ({
      code,
      severity: 'warning',
      message: `${code} for Ghana`,
      scenario: 'sms-country-delivery',
      source: 'coverage',
    }));
    expect(collectVotes(knowledge, { ...none, findings })).toEqual([]);
  });

  it('an exact code still votes for the scenarios the catalog gives it, strongest first', () => {
    const votes = collectVotes(knowledge, { ...none, codes: ['131026'], findings: [] });
    expect(votes.map((v) => v.scenario)).toEqual(['whatsapp-api-payload', 'failover-not-triggering']);
    expect(votes[0]!.weight).toBeGreaterThan(votes[1]!.weight);
  });
});
