import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { formatOf, setUp } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import { callTool } from '../../../tools/define.js';
import { diagnose } from '../../../tools/diagnose.js';
import { InputError } from '../../../tools/errors.js';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('diagnose')
    .description('Diagnose a problem from free text (a question, ticket, log or payload); "-" or no argument reads stdin')
    .argument('[text...]', 'the text; omit or "-" to read stdin')
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .option('--no-lookups', 'do not look up message IDs even when an API key is configured')
    .option('--explain', "show why: the deciding rule, the evidence votes and the text model's top features")
    .action(async (words: string[], opts: { json?: boolean; format?: string; lookups: boolean; explain?: boolean }) => {
      const format = formatOf(opts);
      const text = !words.length || (words.length === 1 && words[0] === '-') ? await deps.io.readStdin() : words.join(' ');
      if (!text.trim()) throw new InputError('Nothing to diagnose.', { hint: 'Give the text as arguments, or pipe it in: sent-doctor diagnose - < ticket.txt' });
      // Without lookups the key is never used, so a malformed one does not stop the diagnosis.
      const { ctx, out } = await setUp(deps, program, format, { key: opts.lookups ? 'required' : 'unused' });
      const result = await callTool(diagnose, { text, lookups: opts.lookups, explain: !!opts.explain }, ctx);
      out.result('diagnose', result);
      deps.exit(0);
    });
}
