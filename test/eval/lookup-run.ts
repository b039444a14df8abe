/** `npx tsx test/eval/lookup-run.ts [files…]`: the lookup-only tickets through the whole engine (see lookup-harness.ts). */
import { evaluateLookups, readTickets } from './lookup-harness.js';

const files = process.argv.slice(2).length ? process.argv.slice(2) : ['test/eval/lookup/lookup1.jsonl'];
for (const f of files) {
  const r = await evaluateLookups(readTickets(f));
  const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;
  process.stdout.write(
    `\n${f}: ${r.total} tickets\n  answer right ${r.right}/${r.total} = ${pct(r.right, r.total)}\n  verdict kind right ${r.verdictRight}/${r.total} = ${pct(r.verdictRight, r.total)}\n` +
      `  second message right ${r.secondRight}/${r.seconds}\n  wrong with confidence >= 0.8: ${r.confidentWrong.length} ${r.confidentWrong.join(' ')}\n`,
  );
  for (const m of r.misses) process.stdout.write(`  MISS ${m}\n`);
}
