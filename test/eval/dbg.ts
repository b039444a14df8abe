import { readLabelled } from '/work/main/test/eval/harness.js';
import { makeTestContext } from '/work/main/test/helpers/context.js';
import { createSimulator, SIMULATOR_DEMO_KEY } from '/work/main/src/simulator/index.js';
import { createSentClient } from '/work/main/src/sent/client.js';
import { extractEntities, normaliseText } from '/work/main/tools/domain/extract.js';
import { expandSynonyms } from '/work/main/tools/domain/synonyms.js';
import { diagnose } from '/work/main/tools/diagnose.js';
const ids = process.argv.slice(2);
const items = readLabelled('/work/main/test/eval/questions.jsonl').filter(q => ids.includes(q.id));
const sim = createSimulator(); const srv = await sim.listen(0, '127.0.0.1');
const base = makeTestContext();
const ctx = { ...base, sent: createSentClient({ apiKey: SIMULATOR_DEMO_KEY, baseUrl: srv.url, timeoutMs: 5000, connectTimeoutMs: 1000, maxRetries: 0, logger: base.logger }) };
for (const q of items) {
  const d = await diagnose.run({ text: q.text, lookups: true }, ctx);
  console.log('\n==', q.id, 'expect', q.expect.join(), '\n', q.text.slice(0, 300));
  console.log('entities', JSON.stringify(d.entities));
  console.log('findings', d.findings.map(f => `${f.source}:${f.code}:${f.severity}`).join(' '));
  for (const s of d.scenarios) console.log('  ', s.id, s.confidence, s.evidence.join(' | '));
}
await srv.close();
