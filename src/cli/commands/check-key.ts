import { Option, type Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { configFor, loggerFor } from '../config-logger.js';
import { createOutput, formatOf, type Output } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { ConfigError, InputError } from '../../../tools/errors.js';
import { checkApiKey, type CheckApiKeyOutput } from '../../../tools/check-api-key.js';

export interface CheckKeyOptions {
  stdin?: boolean;
  json?: boolean;
}

/** Where the key was read from (never the key itself). */
export interface KeyInput {
  key?: string;
  from: 'SENT_DM_API_KEY' | 'SENT_API_KEY' | 'stdin' | 'none';
  notes: string[];
}

export const ARGV_REFUSAL =
  'Refusing to read an API key from the command line: arguments are visible to other users of this machine (ps) and stay in your shell history.';
const ARGV_HINT =
  'Set SENT_DM_API_KEY, or pipe the key in: printf %s "$SENT_DM_API_KEY" | sent-doctor check-key --stdin. If you typed a real key, consider regenerating it in Dashboard → API Keys.';

/**
 * The key to check. From stdin, exactly one final line break is dropped: `echo` and here-strings
 * add it, it is not part of the key. Anything else (spaces, a second newline, CR in the middle)
 * stays and is reported by the format check. Environment values are taken exactly as set.
 */
export async function readKey(opts: CheckKeyOptions, env: NodeJS.ProcessEnv, readStdin: () => Promise<string>): Promise<KeyInput> {
  if (opts.stdin) {
    const raw = await readStdin();
    return { key: raw.replace(/\r?\n$/, ''), from: 'stdin', notes: [] };
  }
  const dm = env.SENT_DM_API_KEY;
  const plain = env.SENT_API_KEY;
  if (dm !== undefined && dm !== '') {
    const notes = plain && plain !== dm ? ['SENT_API_KEY is set too and differs; SENT_DM_API_KEY wins, as in the official SDK.'] : [];
    return { key: dm, from: 'SENT_DM_API_KEY', notes };
  }
  if (plain !== undefined && plain !== '') return { key: plain, from: 'SENT_API_KEY', notes: [] };
  return { from: 'none', notes: [] };
}

export const checkKeyExitCode = (r: CheckApiKeyOutput): number => {
  if (r.source === 'none') return 2;
  if (r.live.reason === 'unreachable') return 3;
  const formatOk = r.format.problems.every((p) => p === 'unexpected_format');
  if (r.live.valid === true && !r.live.code && formatOk) return 0;
  if (r.live.valid === null && r.live.reason === 'offline' && r.format.ok) return 0;
  return 1;
};

export async function runCheckKey(input: KeyInput, ctx: ToolContext, out: Output) {
  if (input.key === undefined)
    throw new ConfigError('No API key to check.', { hint: 'Set SENT_DM_API_KEY (or SENT_API_KEY), or pipe the key in: printf %s "$KEY" | sent-doctor check-key --stdin' });
  const result = await callTool(checkApiKey, { api_key: input.key }, ctx);
  const shown = { ...result, notes: [...input.notes, ...result.notes] };
  out.result('check_api_key', shown, { after: `_Key read from ${input.from}._` });
  return { result: shown, exitCode: checkKeyExitCode(shown) };
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('check-key')
    .description('Check a Sent API key offline (format) and online (GET /v3/me). The key comes from SENT_DM_API_KEY / SENT_API_KEY or stdin, never from the command line.')
    .option('--stdin', 'read the key from stdin (one final newline is ignored)')
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .addOption(new Option('--api-key <key>').hideHelp())
    .addOption(new Option('--key <key>').hideHelp())
    // Unknown options and extra arguments are caught below, so commander never echoes them (they may be a key).
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async function (this: Command, opts: CheckKeyOptions & { format?: string; apiKey?: string; key?: string }) {
      if (opts.apiKey !== undefined || opts.key !== undefined || this.args.length > 0) throw new InputError(ARGV_REFUSAL, { hint: ARGV_HINT });
      const format = formatOf(opts);
      const input = await readKey(opts, deps.env, deps.io.readStdin);
      // The key under test must not make config loading fail: it is what we diagnose.
      const { config: loaded } = configFor(deps, 'unused');
      const config = { ...loaded, sent: { ...loaded.sent, apiKey: undefined }, warnings: loaded.warnings.filter((w) => !/API_KEY/.test(w)) };
      // The logger learns the key as a literal secret to scrub, whatever shape it has.
      const logger = loggerFor(deps, program, input.key ? { ...config, sent: { ...config.sent, apiKey: input.key.trim() } } : config);
      const ctx = await deps.buildContext(config, logger);
      const { exitCode } = await runCheckKey(input, ctx, createOutput(deps, format));
      deps.exit(exitCode);
    });
}
