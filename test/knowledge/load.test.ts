import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenarios, loadKnowledge } from '../../src/knowledge/load.js';
import { KNOWLEDGE_DIR } from '../../src/paths.js';
import { SCENARIO_IDS } from '../../tools/domain/scenarios.js';

/** The scenario IDs every surface uses (tools/domain/normalise.ts): the knowledge base must hold exactly these. */
const REQUIRED = [...SCENARIO_IDS];

describe('knowledge base', () => {
  const scenarios = readScenarios();

  it('has an entry for every scenario id, and no others', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)('%s has steps, a verify section, causes with confirmations and sources', (id) => {
    const s = scenarios.find((x) => x.id === id)!;
    expect(s.steps.length).toBeGreaterThanOrEqual(2);
    expect(s.verify.length).toBeGreaterThan(20);
    expect(s.escalate.length).toBeGreaterThan(20);
    expect(s.sources.length).toBeGreaterThan(0);
    expect(s.causes.length).toBeGreaterThan(0);
    for (const c of s.causes) expect(c.confirm.length).toBeGreaterThan(10);
  });

  it('every signal names a scenario at most twice over, and every related id exists', () => {
    const count = new Map<string, number>();
    for (const s of scenarios) for (const sig of s.signals) count.set(sig, (count.get(sig) ?? 0) + 1);
    for (const [sig, n] of count) expect(n, sig).toBeLessThanOrEqual(2);
  });

  it('search ranks the obvious entry first for plain questions', () => {
    const kb = loadKnowledge();
    expect(kb.search('AUTH_002 invalid api key')[0]?.id).toBe('auth-invalid-api-key');
    expect(kb.search('131049')[0]?.id).toBe('whatsapp-131049');
    expect(kb.search('sandbox')[0]?.id).toBe('sandbox-mode');
  });

  it('never contains a key-shaped string', () => {
    for (const f of readdirSync(join(KNOWLEDGE_DIR, 'scenarios'))) {
      expect(readFileSync(join(KNOWLEDGE_DIR, 'scenarios', f), 'utf8')).not.toMatch(/sk_(live|test)_[A-Za-z0-9]{12,}/);
    }
  });
});

describe('a bad entry stops start-up with a message naming the file', () => {
  const good = readFileSync(join(KNOWLEDGE_DIR, 'scenarios', 'sandbox-mode.md'), 'utf8');
  const cases: Array<[string, string, RegExp]> = [
    ['no front matter', good.replace(/^---[\s\S]*?---\n/, ''), /front matter/],
    ['bad yaml', good.replace('title:', 'title: [unclosed'), /YAML|front matter/],
    ['missing section', good.replace(/## Verify the fix[\s\S]*?(?=## When to escalate)/, ''), /Verify the fix/],
    ['unknown signal form', good.replace(/signals:\n/, 'signals:\n  - whatever\n'), /signal/],
    ['cause without confirm', good.replace(/\*\*Confirm:\*\*/g, 'Confirm:'), /Confirm/],
    ['unknown related id', good.replace(/related: \[/, 'related: [no-such-entry, '), /no-such-entry/],
  ];
  it.each(cases)('%s', (_name, text, problem) => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeFileSync(join(dir, 'sandbox-mode.md'), text);
    expect(() => readScenarios(dir)).toThrow(/sandbox-mode\.md/);
    expect(() => readScenarios(dir)).toThrow(problem);
  });
});
