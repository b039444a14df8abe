/** The CLI program: registers one file per command and is the CLI's one error boundary. */
import { Command, CommanderError } from 'commander';
import { defaultDeps, type CliDeps } from './deps.js';
import { exitCodeFor, describeError } from './errors.js';
import { register as status } from './commands/status.js';
import { register as validate } from './commands/validate.js';
import { register as checkKey } from './commands/check-key.js';
import { register as coverage } from './commands/coverage.js';
import { register as simulate } from './commands/simulate.js';
import { register as diagnose } from './commands/diagnose.js';
import { register as triage } from './commands/triage.js';
import { register as serve } from './commands/serve.js';
import { register as mcp } from './commands/mcp.js';

const COMMANDS = [status, validate, checkKey, coverage, diagnose, triage, simulate, serve, mcp];

export function createProgram(deps: CliDeps): Command {
  const program = new Command('sent-doctor')
    .description('Diagnose Sent (api.sent.dm v3) delivery problems: SMS and WhatsApp.')
    .option('--verbose', 'show debug logs and stack traces')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: deps.io.stdout, writeErr: deps.io.stderr });
  for (const register of COMMANDS) register(program, deps);
  return program;
}

export async function runCli(argv: string[], deps: CliDeps = defaultDeps()): Promise<void> {
  const program = createProgram(deps);
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors.
      deps.exit(err.exitCode === 0 ? 0 : 2);
      return;
    }
    const d = describeError(err, verbose);
    if (json) deps.io.stdout(JSON.stringify({ error: { kind: d.kind, message: d.message, hint: d.hint } }) + '\n');
    deps.io.stderr(`error: ${d.message}\n${d.hint ? `hint: ${d.hint}\n` : ''}${d.stack ? d.stack + '\n' : ''}`);
    deps.exit(exitCodeFor(err));
  }
}
