import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliDeps } from '../deps.js';
import { detectFormat, readCsv, readJsonl, triageRow, type TriageResult } from '../../triage/bulk.js';
import { InputError } from '../../../tools/errors.js';

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One line of why: the rule, the strongest votes, the model's top features. */
function explainLine(x: NonNullable<TriageResult['explain']>): string {
  const parts = [
    ...(x.rule ? [`rule ${x.rule}`] : []),
    ...x.votes.slice(0, 3).map((v) => `${v.kind} → ${v.scenario} (+${v.weight})`),
    `model: ${x.features.slice(0, 5).map((f) => f.feature).join(', ') || '—'}`,
  ];
  return parts.join('; ');
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('triage')
    .description('Triage a help-desk export: JSONL ({"id","text"} a line) or CSV with id,text columns')
    .argument('<file>', 'the export')
    .option('--json', 'one JSON object per row on stdout')
    .option('--csv', 'CSV on stdout: id,scenario,confidence,second,conclusive,question,error')
    .option('--lookups', 'look up message IDs with the configured key (off by default for bulk runs)')
    .option('--explain', "add why: the deciding rule, the evidence and the text model's top features (in --json; a short line otherwise)")
    .action(async (file: string, opts: { json?: boolean; csv?: boolean; lookups?: boolean; explain?: boolean }) => {
      const config = deps.loadConfig();
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      let first = '';
      let size = 0;
      try {
        const fh = await open(file, 'r');
        const buf = Buffer.alloc(512);
        const { bytesRead } = await fh.read(buf, 0, 512, 0);
        size = (await fh.stat()).size;
        await fh.close();
        first = buf.subarray(0, bytesRead).toString('utf8');
      } catch {
        throw new InputError(`Cannot read ${file}.`);
      }
      const ctx = deps.buildContext(config, logger);
      const rows = detectFormat(file, first) === 'csv' ? readCsv(file) : readJsonl(file);
      const bar =
        process.stderr.isTTY && size > 50_000
          ? new cliProgress.SingleBar({ stream: process.stderr, format: 'triage {bar} {value} rows {duration}s' }, cliProgress.Presets.shades_classic)
          : null;
      bar?.start(Math.max(1, Math.round(size / 200)), 0);
      if (opts.csv) deps.io.stdout('id,scenario,confidence,second,conclusive,question,error\n');
      const counts = new Map<string, number>();
      let errors = 0;
      let total = 0;
      for await (const row of rows) {
        const r: TriageResult = await triageRow(row, ctx, !!opts.lookups, !!opts.explain);
        total++;
        bar?.increment();
        if (r.error) {
          errors++;
          deps.io.stderr(`row ${r.row} (${r.id}): skipped, ${r.error}\n`);
        } else {
          const top = r.scenarios?.[0]?.id ?? '(none)';
          counts.set(top, (counts.get(top) ?? 0) + 1);
        }
        if (opts.json) deps.io.stdout(JSON.stringify(r) + '\n');
        else if (opts.csv)
          deps.io.stdout(
            [r.id, r.scenarios?.[0]?.id ?? '', String(r.scenarios?.[0]?.confidence ?? ''), r.scenarios?.[1]?.id ?? '', r.conclusive === undefined ? '' : String(r.conclusive), r.question ?? '', r.error ?? '']
              .map(csvCell)
              .join(',') + '\n',
          );
        else if (!r.error) {
          deps.io.stdout(`${r.id}\t${r.scenarios?.[0]?.id ?? '(none)'}\t${r.scenarios?.[0]?.confidence ?? ''}${r.conclusive ? '' : '\t(not conclusive)'}\n`);
          if (r.explain) deps.io.stdout(`\t${explainLine(r.explain)}\n`);
        }
      }
      bar?.stop();
      if (!opts.json && !opts.csv) {
        deps.io.stdout(`\n${total} rows, ${total - errors} triaged, ${errors} skipped\n`);
        for (const [id, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) deps.io.stdout(`  ${String(n).padStart(6)}  ${id}\n`);
      }
      deps.exit(0);
    });
}
