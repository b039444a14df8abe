/** The CLI program: registers one file per command and is the CLI's one error boundary. */
import { Command, CommanderError } from 'commander';
import { defaultDeps, type CliDeps } from './deps.js';
import { exitCodeFor, describeError } from './errors.js';
type Register = (program: Command, deps: CliDeps) => void;

/**
 * Commands load on demand: `sent-doctor mcp` should not pay for Bolt, Redis or the simulator.
 * Help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<{ register: Register }>> = {
  status: () => import('./commands/status.js'),
  validate: () => import('./commands/validate.js'),
  'check-key': () => import('./commands/check-key.js'),
  checkup: () => import('./commands/checkup.js'),
  coverage: () => import('./commands/coverage.js'),
  diagnose: () => import('./commands/diagnose.js'),
  triage: () => import('./commands/triage.js'),
  simulate: () => import('./commands/simulate.js'),
  serve: () => import('./commands/serve.js'),
  mcp: () => import('./commands/mcp.js'),
};

export async function createProgram(deps: CliDeps, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('sent-doctor')
    .description('Diagnose Sent (api.sent.dm v3) delivery problems: SMS and WhatsApp.')
    .option('--verbose', 'show debug logs and stack traces')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: deps.io.stdout, writeErr: deps.io.stderr });
  const named = argv.find((a) => !a.startsWith('-'));
  const wanted = named && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const mod of await Promise.all(wanted.map((n) => COMMANDS[n]!()))) mod.register(program, deps);
  return program;
}

export async function runCli(argv: string[], deps: CliDeps = defaultDeps()): Promise<void> {
  const program = await createProgram(deps, argv);
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
