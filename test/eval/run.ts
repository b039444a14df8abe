/** `npm run eval [files…]`: top-1 / top-3 accuracy of the triage engine and its misses. */
import { evaluate, readLabelled } from './harness.js';

const files = process.argv.slice(2).length ? process.argv.slice(2) : ['knowledge/training/questions.jsonl', 'knowledge/training/holdout.jsonl', 'knowledge/training/blind3.jsonl', 'knowledge/training/blind4.jsonl', 'knowledge/training/blind5.jsonl', 'knowledge/training/blind6.jsonl', 'knowledge/training/blind7.jsonl', 'knowledge/training/blind8.jsonl', 'knowledge/training/blind9.jsonl', 'knowledge/training/blind10.jsonl', 'knowledge/training/blind11.jsonl', '../shared/examples/tickets.jsonl'];
for (const f of files) {
  let items;
  try {
    items = readLabelled(f);
  } catch (e) {
    process.stderr.write(`skip ${f}: ${(e as Error).message}\n`);
    continue;
  }
  const r = await evaluate(items);
  const pct = (n: number) => `${((100 * n) / r.total).toFixed(1)}%`;
  process.stdout.write(`\n${f}: ${r.total} questions\n  top-1 ${r.top1}/${r.total} = ${pct(r.top1)}\n  top-3 ${r.top3}/${r.total} = ${pct(r.top3)}\n  wrong with confidence >= 0.8: ${r.confidentWrong.length}\n`);
  for (const m of r.misses)
    process.stdout.write(`  MISS ${m.id} expect ${m.expect.join('|')} got ${m.got.map((g) => `${g.id}(${g.confidence})`).join(' ')}\n       ${m.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
}
