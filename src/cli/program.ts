/** The CLI program: registers one file per command and is the CLI's one error boundary. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { defaultDeps, type CliDeps } from './deps.js';
import { exitCodeFor, describeError, formatError, safeText, EXIT } from './errors.js';
import { useColor } from '../render/color.js';
import { redactName } from '../../tools/domain/redact.js';
import { PACKAGE_ROOT } from '../paths.js';
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

export const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export async function createProgram(deps: CliDeps, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('sent-doctor')
    .description('Diagnose Sent (api.sent.dm v3) delivery problems: SMS and WhatsApp.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--verbose', 'show debug logs and stack traces')
    .exitOverride()
    // Every word commander prints passes the same redaction as the rest of the output (an unknown
    // option or command may be a pasted key); its errors are printed by runCli in the CLI's style.
    .configureOutput({ writeOut: (s) => deps.io.stdout(safeText(s)), writeErr: (s) => deps.io.stderr(safeText(s)), outputError: () => {} });
  const named = argv.find((a) => !a.startsWith('-'));
  const wanted = named && named in COMMANDS ? [named] : Object.keys(COMMANDS);
  for (const mod of await Promise.all(wanted.map((n) => COMMANDS[n]!()))) mod.register(program, deps);
  return program;
}

export async function runCli(argv: string[], deps: CliDeps = defaultDeps()): Promise<void> {
  const program = await createProgram(deps, argv);
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json') || argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
  const color = useColor(deps.env, deps.io.stderrIsTTY ?? false);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors.
      if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') {
        deps.exit(0);
        return;
      }
      const named = argv.find((a) => a in COMMANDS);
      const d = {
        kind: 'usage',
        // An unknown option or command may be a pasted key, UUID-shaped ones included: never echoed.
        message: safeText(redactName(err.message.replace(/^error:\s*/, ''))),
        hint: `Run sent-doctor${named ? ` ${named}` : ''} --help to see the usage.`,
      };
      if (json) deps.io.stdout(safeText(JSON.stringify({ error: d })) + '\n');
      deps.io.stderr(formatError(d, color));
      deps.exit(EXIT.usage);
      return;
    }
    const d = describeError(err, verbose, argv.find((a) => a in COMMANDS));
    if (json) deps.io.stdout(JSON.stringify({ error: { kind: d.kind, message: d.message, hint: d.hint } }) + '\n');
    deps.io.stderr(formatError(d, color));
    deps.exit(exitCodeFor(err));
  }
}
