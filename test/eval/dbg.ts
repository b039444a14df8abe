import { readLabelled } from './harness.js';
import { makeTestContext } from '../helpers/context.js';
import { diagnose } from '../../tools/diagnose.js';
const [file, ...ids] = process.argv.slice(2);
const ctx = makeTestContext();
for (const q of readLabelled(file!).filter((q) => ids.includes(q.id))) {
  const d = await diagnose.run({ text: q.text, lookups: false }, ctx);
  console.log('\n==', q.id, 'expect', q.expect.join());
  for (const s of d.scenarios) console.log('  ', s.id, s.confidence, s.evidence.join(' | ').slice(0, 300));
}
