/** One list of scenario ids: the knowledge files, the code catalog, the verdict table, the text model and the signals agree. */
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, OFF_TOPIC, UNCLEAR } from '../../tools/domain/scenarios.js';
import { readTrainingSets } from '../../scripts/train.js';
import { ROWS, DESCRIPTION_FACTS } from '../../tools/domain/records/verdicts.js';
import { DOMAIN_FACTS } from '../../tools/domain/triage/facts.js';
import { PAYLOAD_CODE_LIST } from '../../tools/domain/payload-codes.js';
import { KEY_PROBLEMS } from '../../tools/domain/key-format.js';
import { GetCoverageOutput } from '../../tools/get-coverage.js';
import { loadKnowledge } from '../../src/knowledge/load.js';

const kb = loadKnowledge();
const ids = [...SCENARIO_IDS].sort();

describe('scenario ids agree everywhere', () => {
  it('the knowledge files are exactly the scenario ids', () => {
    expect(kb.list().map((s) => s.id).sort()).toEqual(ids);
  });

  it("the text model's labels are the scenario ids plus off-topic", () => {
    expect([...kb.model().labels].sort()).toEqual([...ids, OFF_TOPIC].sort());
  });

  it('every labelled question in knowledge/training names a scenario, off-topic or unclear', () => {
    const known = new Set<string>([...ids, OFF_TOPIC, UNCLEAR]);
    for (const set of readTrainingSets()) for (const e of set.examples) expect(known, `${set.name} ${e.id}`).toContain(e.label);
  });

  it('the code catalog, the verdict rows and the domain facts name only known scenarios', () => {
    for (const c of kb.codes()) for (const s of c.scenarios) expect(ids).toContain(s);
    for (const d of DESCRIPTION_FACTS) for (const s of d.scenarios) expect(ids).toContain(s);
    for (const f of DOMAIN_FACTS) expect(ids).toContain(f.scenario);
    expect(new Set(ROWS.map((r) => r.id)).size).toBe(ROWS.length);
  });

  it('every finding signal names a finding a tool really produces', () => {
    const coverageCodes = GetCoverageOutput.shape.findings.element.shape.code.options;
    const known = new Set<string>([...PAYLOAD_CODE_LIST, ...KEY_PROBLEMS.map((p) => `key_${p}`), ...coverageCodes]);
    for (const s of kb.list())
      for (const sig of s.signals.filter((x) => x.startsWith('finding:'))) expect(known, `${s.id}: ${sig}`).toContain(sig.slice('finding:'.length));
  });
});
