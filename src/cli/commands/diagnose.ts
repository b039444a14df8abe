import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { callTool } from '../../../tools/define.js';
import { diagnose } from '../../../tools/diagnose.js';
import { renderDiagnosis } from '../../render/markdown.js';
import { InputError } from '../../../tools/errors.js';

export function register(program: Command, deps: CliDeps): void {
  program
    .command('diagnose')
    .description('Diagnose a problem from free text (a question, ticket, log or payload); "-" or no argument reads stdin')
    .argument('[text...]', 'the text; omit or "-" to read stdin')
    .option('--json', 'print the result as one JSON document')
    .option('--no-lookups', 'do not look up message IDs even when an API key is configured')
    .option('--explain', "show why: the deciding rule, the evidence votes and the text model's top features")
    .action(async (words: string[], opts: { json?: boolean; lookups: boolean; explain?: boolean }) => {
      const config = deps.loadConfig();
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      const text = !words.length || (words.length === 1 && words[0] === '-') ? await deps.io.readStdin() : words.join(' ');
      if (!text.trim()) throw new InputError('Nothing to diagnose: give the text as arguments or on stdin.');
      const ctx = deps.buildContext(config, logger);
      const result = await callTool(diagnose, { text, lookups: opts.lookups, explain: !!opts.explain }, ctx);
      deps.io.stdout(opts.json ? JSON.stringify(result) + '\n' : renderDiagnosis(result, { audience: 'private' }) + '\n');
      deps.exit(0);
    });
}
