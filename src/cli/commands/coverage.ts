import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { getCoverage, type CoverageResult } from '../../../tools/get-coverage.js';
import { InputError } from '../../../tools/errors.js';

export interface CoverageOptions {
  country: string;
  json?: boolean;
}

/** Look one country up and print it. Errors (unknown country → InputError, exit 2) go to the CLI boundary. */
export async function runCoverage(opts: CoverageOptions, ctx: ToolContext, out: (s: string) => void): Promise<CoverageResult> {
  if (!opts.country.trim()) throw new InputError('Give a country: an ISO code (DZ), a name (Algeria), a calling code (+213) or a phone number.');
  const result = await callTool(getCoverage, { country: opts.country }, ctx);
  out(opts.json ? JSON.stringify(result) + '\n' : renderCoverage(result));
  return result;
}

const LABEL: Record<string, string> = {
  yes: 'yes',
  no: 'no',
  registration: 'only when registered',
  unknown: 'unknown (sources missing or in conflict)',
};

/** Plain terminal text: one fact a line, the notes wrapped by the terminal. */
export function renderCoverage(r: CoverageResult): string {
  const lines = [
    `${r.country} (${r.iso2}, ${r.calling_code})${r.matched_via === 'iso2' ? '' : `  — matched by ${r.matched_via.replace('_', ' ')}`}`,
    '',
    `Alphanumeric sender ID:   ${LABEL[r.alphanumeric.supported]}`,
    `  registration required:  ${LABEL[r.alphanumeric.registration_required]}`,
    `Numeric long code:        ${LABEL[r.long_code.supported]} — ${r.long_code.notes}`,
    `Content registration:     ${LABEL[r.content_registration_required]}`,
    `Short codes / numbers:    ${r.short_code_notes}`,
    `Known filtering:          ${r.known_filtering}`,
    '',
    `Recommended sender: ${r.recommended_sender}`,
  ];
  if (r.findings.length) {
    lines.push('', 'Findings:');
    for (const f of r.findings) lines.push(`  [${f.severity}] ${f.code}: ${f.message}`);
  }
  lines.push('', `Sources (data as of ${r.as_of}):`, ...r.sources.map((s) => `  ${s}`), '');
  return lines.join('\n');
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('coverage')
    .description('SMS sender rules for a country: alphanumeric IDs, long codes, registration, known filtering')
    .argument('<country...>', 'ISO code (DZ), name in any language (Algeria, Algérie), city, calling code (+213) or phone number')
    .option('--json', 'print the result as one JSON document')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const config = deps.loadConfig();
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      const ctx = deps.buildContext(config, logger);
      await runCoverage({ country: words.join(' '), json: opts.json }, ctx, deps.io.stdout);
      deps.exit(0);
    });
}
