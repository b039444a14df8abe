import { Option, type Command } from 'commander';
import { createColors } from 'picocolors';
import type { CliDeps } from '../deps.js';
import { loadConfig, type Config } from '../../config.js';
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

export async function runCheckKey(input: KeyInput, ctx: ToolContext, io: { stdout: (s: string) => void; isTTY: boolean }, json?: boolean) {
  const result = await callTool(checkApiKey, input.key === undefined ? {} : { api_key: input.key }, input.key === undefined ? { ...ctx, sent: null } : ctx);
  const out = { ...result, notes: [...input.notes, ...result.notes] };
  io.stdout(json ? JSON.stringify(out) + '\n' : renderKeyCheck(out, input.from, io.isTTY));
  return { result: out, exitCode: checkKeyExitCode(out) };
}

export function renderKeyCheck(r: CheckApiKeyOutput, from: KeyInput['from'], color: boolean): string {
  const c = createColors(color);
  if (r.source === 'none')
    return `${c.red('✖ No API key to check.')} Set SENT_DM_API_KEY (or SENT_API_KEY), or pipe the key in with --stdin.\n`;
  const kind = { sk_live: 'sk_live_ (live) key', sk_test: 'sk_test_ (test) key', uuid: 'UUID key', unknown: 'unrecognised format' }[r.format.kind];
  const lines = [`Key ${c.bold(r.fingerprint)} (from ${from})`];
  lines.push(
    r.format.ok ? `  Format: ${c.green('ok')} — ${kind}` : `  Format: ${c.red(r.format.problems.join(', '))}${r.format.kind !== 'unknown' ? ` — ${kind}` : ''}`,
  );
  const verdict =
    r.live.valid === true ? (r.live.code ? c.yellow(`✔ valid, but ${r.live.code}`) : c.green('✔ valid')) : r.live.valid === false ? c.red('✖ not valid') : c.yellow('? not confirmed');
  lines.push(`  Online: ${verdict} — ${r.live.message}`);
  if (r.live.account)
    lines.push(
      `  Account: ${r.live.account.type ?? 'account'} ${r.live.account.name ?? ''} — channels configured: ${r.live.account.channels.join(', ') || 'none'}`.replace(/\s+—/, ' —'),
    );
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `  • ${n}`));
  return lines.join('\n') + '\n';
}

/** Config without the key: the key under test must not make config loading fail (it is what we diagnose). */
function configWithoutKey(deps: CliDeps): Config {
  let config: Readonly<Config>;
  try {
    config = deps.loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError) || !/API_KEY/.test(e.message)) throw e;
    config = loadConfig({ ...deps.env, SENT_DM_API_KEY: undefined, SENT_API_KEY: undefined });
  }
  return { ...config, sent: { ...config.sent, apiKey: undefined }, warnings: config.warnings.filter((w) => !/API_KEY/.test(w)) };
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('check-key')
    .description('Check a Sent API key offline (format) and online (GET /v3/me). The key comes from SENT_DM_API_KEY / SENT_API_KEY or stdin, never from the command line.')
    .option('--stdin', 'read the key from stdin (one final newline is ignored)')
    .option('--json', 'print the result as one JSON document')
    .addOption(new Option('--api-key <key>').hideHelp())
    .addOption(new Option('--key <key>').hideHelp())
    // Unknown options and extra arguments are caught below, so commander never echoes them (they may be a key).
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action(async function (this: Command, opts: CheckKeyOptions & { apiKey?: string; key?: string }) {
      if (opts.apiKey !== undefined || opts.key !== undefined || this.args.length > 0) throw new InputError(ARGV_REFUSAL, { hint: ARGV_HINT });
      const input = await readKey(opts, deps.env, deps.io.readStdin);
      const config = configWithoutKey(deps);
      // The logger learns the key as a literal secret to scrub, whatever shape it has.
      const logger = deps.logger(input.key ? { ...config, sent: { ...config.sent, apiKey: input.key.trim() } } : config, { verbose: program.opts().verbose });
      const ctx = deps.buildContext(config, logger);
      const { exitCode } = await runCheckKey(input, ctx, deps.io, opts.json);
      deps.exit(exitCode);
    });
}
