import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { CliDeps } from '../deps.js';
import { setUp } from '../setup.js';
import { colors } from '../../render/color.js';
import { openExport, triageRow, Tally, type TriageResult, type TriageRow } from '../../triage/bulk.js';
import { normaliseName } from '../../triage/columns.js';
import { csvCell, terminalSafe } from '../../triage/safe.js';
import { renderTriageReport, type ReportRow } from '../../render/html/report.js';
import { CONCLUSIVE_AT } from '../../../tools/diagnose.js';
import { InputError } from '../../../tools/errors.js';

/** Columns `--csv` adds after the input's own. */
const ADDED = ['scenario', 'confidence', 'conclusive', 'cause', 'question', 'error'] as const;

/** One line of why: the rule, the strongest votes, the model's top features. */
function explainLine(x: NonNullable<TriageResult['explain']>): string {
  const parts = [
    ...(x.rule ? [`rule ${x.rule}`] : []),
    ...x.votes.slice(0, 3).map((v) => `${v.kind} → ${v.scenario} (+${v.weight})`),
    `model: ${x.features.slice(0, 5).map((f) => f.feature).join(', ') || '—'}`,
  ];
  return parts.join('; ');
}

/** The added columns' names; one that the export already has is prefixed so no column is ambiguous. */
function addedNames(input: readonly string[]): string[] {
  const taken = new Set(input.map(normaliseName));
  return ADDED.map((n) => (taken.has(n) ? `sent-doctor ${n}` : n));
}

function bodyWithoutSubject(row: TriageRow): string | undefined {
  if (!row.text) return undefined;
  return row.subject && row.text.startsWith(row.subject) ? row.text.slice(row.subject.length).trim() : row.text;
}

const collect = (v: string, acc: string[]) => [...acc, v];

interface Opts {
  json?: boolean;
  csv?: boolean;
  html?: string;
  lookups?: boolean;
  explain?: boolean;
  idColumn?: string;
  textColumn: string[];
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('triage')
    .description(
      'Triage a help-desk export: Zendesk JSON (one ticket a line, or {"tickets":[…]}), or CSV from Zendesk, Freshdesk, ' +
        'Help Scout, Intercom, Front, HubSpot or Jira Service Management (id and text columns found by name)',
    )
    .argument('<file>', 'the export')
    .option('--json', 'one JSON object per row on stdout, with the help desk id')
    .option('--csv', "CSV on stdout: the input's columns plus scenario, confidence, conclusive, cause, question, error")
    .option('--html <report.html>', 'also write a self-contained HTML report (charts, not-conclusive queue, steps, search)')
    .option('--id-column <name>', 'the column (or JSON field) holding the ticket id, instead of detecting it')
    .option('--text-column <name>', 'a column (or JSON field) holding ticket text; repeat to join several, in order', collect, [])
    .option('--lookups', 'look up message IDs with the configured key (off by default for bulk runs)')
    .option('--explain', "add why: the deciding rule, the evidence and the text model's top features (in --json; a short line otherwise)")
    .action(async (file: string, opts: Opts) => {
      if (opts.json && opts.csv) throw new InputError('Choose one of --json and --csv.', { hint: '--json writes one JSON object per ticket; --csv writes the export with the added columns.' });
      const opened = await openExport(file, { idColumn: opts.idColumn, textColumns: opts.textColumn });
      const size = (await stat(file)).size;
      // Without --lookups the key is never used: a malformed one does not stop a bulk run.
      const { ctx, out } = await setUp(deps, program, 'text', { key: opts.lookups ? 'required' : 'unused' });
      const c = colors(out.color);
      const err = (s: string) => deps.io.stderr(terminalSafe(s));
      err(`${basename(file)}: ${opened.detected}\n`);

      const bar =
        process.stderr.isTTY && size > 50_000
          ? new cliProgress.SingleBar({ stream: process.stderr, format: 'triage {bar} {value} rows {duration}s' }, cliProgress.Presets.shades_classic)
          : null;
      bar?.start(Math.max(1, Math.round(size / 200)), 0);
      const d = opened.delimiter;
      const width = opened.columns.length;
      if (opts.csv) deps.io.stdout([...opened.columns, ...addedNames(opened.columns)].map((c) => csvCell(c, d)).join(d) + '\n');

      const tally = new Tally();
      const report: ReportRow[] = [];
      for await (const row of opened.rows) {
        const r = await triageRow(row, ctx, !!opts.lookups, !!opts.explain);
        tally.add(r);
        bar?.increment();
        const top = r.scenarios?.[0];
        if (r.error) err(`row ${r.row} (${r.id}): skipped, ${r.error}\n`);
        if (opts.html)
          report.push({
            id: r.id,
            ...(r.url ? { url: r.url } : {}),
            ...(row.subject ? { subject: row.subject } : {}),
            ...(row.text ? { body: bodyWithoutSubject(row) } : {}),
            ...(top ? { scenario: top.id, confidence: top.confidence } : {}),
            conclusive: !!r.conclusive,
            offTopic: !!r.off_topic,
            ...(r.cause ? { cause: r.cause } : {}),
            ...(r.question ? { question: r.question } : {}),
            ...(r.error ? { error: r.error } : {}),
          });
        if (opts.json) deps.io.stdout(JSON.stringify(r) + '\n');
        else if (opts.csv) {
          const own = Array.from({ length: width }, (_, i) => row.cells?.[i] ?? (i === 0 && !row.cells ? r.id : ''));
          const scenario = r.error ? '' : r.off_topic ? 'off-topic' : (top?.id ?? '');
          const added = [scenario, top ? String(top.confidence) : '', r.conclusive === undefined ? '' : String(r.conclusive), r.cause ?? '', r.question ?? '', r.error ?? ''];
          deps.io.stdout([...own, ...added].map((c) => csvCell(c, d)).join(d) + '\n');
        } else if (!r.error) {
          const label = r.off_topic ? 'off-topic' : (top?.id ?? '(none)');
          // Cleaned first, coloured after: only the renderer's own colours reach the terminal.
          const [id, lbl] = [terminalSafe(r.id), terminalSafe(label)];
          deps.io.stdout(`${id}\t${r.off_topic ? c.dim(lbl) : c.cyan(lbl)}\t${top?.confidence ?? ''}${r.conclusive ? '' : `\t${c.yellow('(not conclusive)')}`}\n`);
          if (r.explain) deps.io.stdout(c.dim(terminalSafe(`\t${explainLine(r.explain)}`)) + '\n');
        }
      }
      bar?.stop();
      const line = tally.line();
      if (!opts.json && !opts.csv) deps.io.stdout(`\n${c.bold(terminalSafe(line))}\n`);
      else err(`${line}\n`);

      if (opts.html) {
        const html = renderTriageReport({ source: basename(file), generatedAt: new Date(ctx.clock.now()), rows: report, knowledge: ctx.knowledge, conclusiveAt: CONCLUSIVE_AT });
        try {
          await writeFile(opts.html, html, 'utf8');
        } catch (e) {
          throw new InputError(`Cannot write the report to ${terminalSafe(opts.html)}: ${(e as NodeJS.ErrnoException).code ?? 'write error'}.`);
        }
        err(`Report written to ${opts.html} (${report.length} tickets).\n`);
      }
      deps.exit(0);
    });
}
