/** Runs the CLI in-process with captured I/O and a given environment. */
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { buildContext } from '../../src/context.js';
import type { CliDeps } from '../../src/cli/deps.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const env = { ...opts.env } as NodeJS.ProcessEnv;
  const deps: CliDeps = {
    env,
    io: {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      readStdin: async () => opts.stdin ?? '',
      isTTY: false,
    },
    loadConfig: () => loadConfig(env),
    logger: (config) => createLogger({ level: 'warn', write: (l) => void (stderr += l + '\n'), secrets: config?.sent.apiKey ? [config.sent.apiKey] : [] }),
    buildContext: (config, logger) => buildContext(config, { logger }),
    exit: (c) => void (code = c),
  };
  await runCli(argv, deps);
  return { code, stdout, stderr };
}
