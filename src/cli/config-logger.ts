/**
 * The config and the logger of one command run, without the context or the output: all that
 * `mcp` needs before its first request (setup.ts adds the rest for the other commands).
 */
import type { Command } from 'commander';
import { ConfigError } from '../../tools/errors.js';
import { loadConfig, type Config } from '../config.js';
import type { AppLogger } from '../log.js';
import type { CliDeps } from './deps.js';

/** What a command does with the API key in the environment. */
export type KeyUse =
  /** Lookups need it: a malformed key is a configuration error (exit 2). */
  | 'required'
  /** It helps (template lookups): a malformed key turns that part off, with a warning. */
  | 'optional'
  /** Never used (coverage): a malformed key is ignored. */
  | 'unused';

/** A config error caused by the API key (its shape), which some commands can do without. */
export const isKeyConfigError = (e: unknown): e is ConfigError => e instanceof ConfigError && /API_KEY/.test(e.message);

/** The config as a command needs it; see KeyUse. */
export function configFor(deps: CliDeps, key: KeyUse): { config: Readonly<Config>; keyProblem?: ConfigError } {
  try {
    return { config: deps.loadConfig() };
  } catch (e) {
    if (key === 'required' || !isKeyConfigError(e)) throw e;
    const config = loadConfig({ ...deps.env, SENT_DM_API_KEY: undefined, SENT_API_KEY: undefined });
    return { config, keyProblem: e };
  }
}

/** The logger for a command: warnings only for one-shot commands (no INFO retry lines before an error). */
export function loggerFor(deps: CliDeps, program: Command, config: Readonly<Config>, longRunning = false): AppLogger {
  const verbose = !!program.opts().verbose;
  const level = verbose ? 'debug' : longRunning || deps.env.LOG_LEVEL ? config.log.level : 'warn';
  return deps.logger({ ...config, log: { ...config.log, level } }, { verbose });
}
