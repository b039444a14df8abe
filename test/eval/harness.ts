/** Runs the triage engine over a labelled JSONL set, with the simulator serving seeded message IDs. */
import { readFileSync } from 'node:fs';
import { diagnose } from '../../tools/diagnose.js';
import { createSimulator, SIMULATOR_DEMO_KEY } from '../../src/simulator/index.js';
import { createSentClient } from '../../src/sent/client.js';
import { makeTestContext } from '../helpers/context.js';

export interface Labelled {
  id: string;
  text: string;
  expect: string[];
  kind?: string;
}

export interface EvalMiss {
  id: string;
  expect: string[];
  got: { id: string; confidence: number }[];
  text: string;
}

export interface EvalReport {
  total: number;
  top1: number;
  top3: number;
  misses: EvalMiss[];
  /** Wrong top answers given with confidence >= 0.8. */
  confidentWrong: EvalMiss[];
}

export function readLabelled(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Labelled);
}

export async function evaluate(items: Labelled[]): Promise<EvalReport> {
  const sim = createSimulator();
  const srv = await sim.listen(0, '127.0.0.1');
  const base = makeTestContext();
  const sent = createSentClient({ apiKey: SIMULATOR_DEMO_KEY, baseUrl: srv.url, timeoutMs: 5000, connectTimeoutMs: 1000, maxRetries: 0, logger: base.logger });
  const ctx = { ...base, sent };
  const report: EvalReport = { total: items.length, top1: 0, top3: 0, misses: [], confidentWrong: [] };
  try {
    for (const q of items) {
      const d = await diagnose.run({ text: q.text, lookups: true }, ctx);
      const ids = d.scenarios.map((s) => s.id);
      const miss: EvalMiss = { id: q.id, expect: q.expect, got: d.scenarios.map((s) => ({ id: s.id, confidence: s.confidence })), text: q.text };
      if (ids[0] && q.expect.includes(ids[0])) report.top1++;
      else {
        report.misses.push(miss);
        if ((d.scenarios[0]?.confidence ?? 0) >= 0.8) report.confidentWrong.push(miss);
      }
      if (ids.slice(0, 3).some((i) => q.expect.includes(i))) report.top3++;
    }
  } finally {
    await srv.close();
  }
  return report;
}
