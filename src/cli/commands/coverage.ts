import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { formatOf, setUp, type Output } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { getCoverage, type CoverageResult } from '../../../tools/get-coverage.js';
import { InputError } from '../../../tools/errors.js';

/** Look one country up and print it. Errors (unknown country → InputError, exit 2) go to the CLI boundary. */
export async function runCoverage(country: string, ctx: ToolContext, out: Output): Promise<CoverageResult> {
  if (!country.trim())
    throw new InputError('No country given.', { hint: 'Give an ISO code (DZ), a name (Algeria), a calling code (+213) or a phone number.' });
  const result = await callTool(getCoverage, { country }, ctx);
  out.result('get_coverage', result);
  return result;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('coverage')
    .description('SMS sender rules for a country: alphanumeric IDs, long codes, registration, known filtering')
    .argument('<country...>', 'ISO code (DZ), name in any language (Algeria, Algérie), city, calling code (+213) or phone number')
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .action(async (words: string[], opts: { json?: boolean; format?: string }) => {
      // Coverage never calls Sent: a malformed API key does not stop it.
      const { ctx, out } = await setUp(deps, program, formatOf(opts), { key: 'unused' });
      await runCoverage(words.join(' '), ctx, out);
      deps.exit(0);
    });
}
