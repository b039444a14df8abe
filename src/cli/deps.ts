/** What every CLI command gets: I/O, config and context builders. Tests pass their own. */
import type { ToolContext } from '../../tools/context.js';
import { loadConfig, configSecrets, type Config } from '../config.js';
import { createLogger, type AppLogger } from '../log.js';
import { InputError } from '../../tools/errors.js';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads all of stdin (rejects with InputError past the cap). */
  readStdin: () => Promise<string>;
  /** stdout is a terminal (colour, unless NO_COLOR). */
  isTTY: boolean;
  /** stderr is a terminal (coloured error lines). */
  stderrIsTTY?: boolean;
}

export interface CliDeps {
  env: NodeJS.ProcessEnv;
  io: CliIO;
  loadConfig: () => Readonly<Config>;
  logger: (config?: Config, opts?: { verbose?: boolean }) => AppLogger;
  /** The default loads the context's module on first use, so `mcp` starts without it; tests may return a context directly. */
  buildContext: (config: Config, logger: AppLogger) => ToolContext | Promise<ToolContext>;
  /** Sets the exit code (commands never call process.exit directly). */
  exit: (code: number) => void;
}

export const MAX_STDIN_BYTES = 8 * 1024 * 1024;

export function defaultDeps(): CliDeps {
  return {
    env: process.env,
    io: {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      readStdin: () => readAll(process.stdin, MAX_STDIN_BYTES),
      isTTY: !!process.stdout.isTTY,
      stderrIsTTY: !!process.stderr.isTTY,
    },
    loadConfig: () => loadConfig(process.env),
    logger: (config, opts) =>
      createLogger({
        level: opts?.verbose ? 'debug' : (config?.log.level ?? 'warn'),
        json: config?.log.format === 'json',
        secrets: config ? configSecrets(config) : [],
      }),
    buildContext: async (config, logger) => (await import('../context.js')).buildContext(config, { logger }),
    exit: (code) => {
      process.exitCode = code;
    },
  };
}

export async function readAll(stream: NodeJS.ReadableStream, cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > cap) throw new InputError(`Input is larger than ${Math.round(cap / 1024 / 1024)} MB; split it into smaller files.`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
