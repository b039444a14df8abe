/**
 * `npm run eval`: the honest figures. Leave-one-set-out over the blind sets through the whole
 * engine (the text model retrained without the set each time), the calibration error, the
 * off-topic questions answered as failures, and the lookup-only tickets. `npm run eval -- --misses`
 * lists every miss; `--record` writes the figures CI holds the engine to (test/eval/recorded.json);
 * `npm run eval -- FILE…` scores files with the committed model instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, heldOutFiles, HELD_OUT_DIR, leaveOneSetOut, readLabelled } from './harness.js';
import { evaluateLookups, readTickets } from './lookup-harness.js';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const files = args.filter((a) => !a.startsWith('--'));
const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;
const out = (s: string) => process.stdout.write(s);

if (files.length) {
  for (const f of files) {
    const r = await evaluate(readLabelled(f));
    out(`${f}: top-1 ${r.top1}/${r.total} = ${pct(r.top1, r.total)}, top-3 ${pct(r.top3, r.total)}, wrong at >= 0.8: ${r.confidentWrong.length}, said not a delivery problem at >= 0.8: ${r.confidentlyDismissed.length}, off-topic answered at >= 0.5: ${r.offTopicAnswered}${r.vague ? `, too vague for a scenario: left open ${r.vagueOpen}/${r.vague}` : ''}\n`);
    if (showMisses) for (const m of r.misses) out(`  MISS ${m.id} expect ${m.expect.join('|')} got ${m.got.map((g) => `${g.id}(${g.confidence})`).join(' ')}\n       ${m.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
  }
} else {
  const loso = await leaveOneSetOut();
  out('Leave-one-set-out (text model trained without the set), whole engine:\n');
  for (const s of loso.sets) {
    const r = s.report;
    if (r.vague === r.total) out(`  ${s.file.padEnd(20)} ${String(r.total).padStart(4)}  too vague for a scenario: left open ${pct(r.vagueOpen, r.vague).padStart(6)}  answered at >= 0.8: ${r.confidentWrong.length}\n`);
    else out(`  ${s.file.padEnd(20)} ${String(r.total).padStart(4)}  top-1 ${pct(r.top1, r.total).padStart(6)}  top-3 ${pct(r.top3, r.total).padStart(6)}  wrong at >= 0.8: ${r.confidentWrong.length}  dismissed at >= 0.8: ${r.confidentlyDismissed.length}  off-topic answered: ${r.offTopicAnswered}\n`);
    if (showMisses) for (const m of r.misses) out(`    MISS ${m.id} expect ${m.expect.join('|')} got ${m.got.map((g) => `${g.id}(${g.confidence})`).join(' ')}  ${m.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
  }
  const sum = (f: (r: (typeof loso.sets)[number]['report']) => number) => loso.sets.reduce((n, s) => n + f(s.report), 0);
  out(
    `  ${'pooled'.padEnd(20)} ${String(loso.pooled.total).padStart(4)}  top-1 ${pct(loso.pooled.top1, loso.pooled.total).padStart(6)}  wrong at >= 0.8: ${sum((r) => (r.vague === r.total ? 0 : r.confidentWrong.length))}  dismissed at >= 0.8 ("not a delivery problem" to a failure): ${sum((r) => r.confidentlyDismissed.length)}\n`,
  );
  out(`  expected calibration error (10 bins): ${loso.ece.toFixed(3)}\n`);
  for (const b of loso.bins.filter((x) => x.n))
    out(`    confidence [${b.from.toFixed(1)}, ${(b.from + 0.1).toFixed(1)}): ${String(b.n).padStart(4)} answers, ${pct(b.accuracy * b.n, b.n)} right at ${pct(b.confidence * b.n, b.n)} mean confidence\n`);
  const lk = await evaluateLookups(readTickets('test/eval/lookup/lookup1.jsonl'));
  out(`Lookup-only tickets (test/eval/lookup/lookup1.jsonl): answer right ${pct(lk.right, lk.total)} (${lk.right}/${lk.total}), verdict kind ${pct(lk.verdictRight, lk.total)}, wrong at >= 0.8: ${lk.confidentWrong.length}\n`);
  if (showMisses) for (const m of lk.misses) out(`    MISS ${m}\n`);
  out('Held out (knowledge/held-out: never trained on), committed model, whole engine:\n');
  const heldOut: Record<string, Awaited<ReturnType<typeof evaluate>>> = {};
  for (const f of heldOutFiles()) {
    const r = (heldOut[f] = await evaluate(readLabelled(join(HELD_OUT_DIR, f))));
    out(`  ${f.padEnd(20)} ${String(r.total).padStart(4)}  top-1 ${pct(r.top1, r.total).padStart(6)}  top-3 ${pct(r.top3, r.total).padStart(6)}  wrong at >= 0.8: ${r.confidentWrong.length}  dismissed at >= 0.8: ${r.confidentlyDismissed.length}  off-topic answered: ${r.offTopicAnswered}\n`);
    if (showMisses) for (const m of r.misses) out(`    MISS ${m.id} expect ${m.expect.join('|')} got ${m.got.map((g) => `${g.id}(${g.confidence})`).join(' ')}  ${m.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
  }
  if (args.includes('--record')) {
    const recorded = {
      loso: Object.fromEntries(loso.sets.map((s) => [s.file, figures(s.report)])),
      pooled: round(loso.pooled.top1 / loso.pooled.total),
      ece: round(loso.ece),
      lookup: { right: round(lk.right / lk.total), confidentWrong: lk.confidentWrong.length },
      heldOut: Object.fromEntries(Object.entries(heldOut).map(([f, r]) => [f, figures(r)])),
    };
    writeFileSync(new URL('./recorded.json', import.meta.url), JSON.stringify(recorded, null, 2) + '\n');
    out('Wrote test/eval/recorded.json\n');
  }
}

/** What CI holds a set to (eval.test.ts). */
function figures(r: Awaited<ReturnType<typeof evaluate>>) {
  return { top1: round(r.top1 / r.total), confidentWrong: r.confidentWrong.length, confidentlyDismissed: r.confidentlyDismissed.length, offTopicAnswered: r.offTopicAnswered };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
