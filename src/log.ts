/**
 * The one logger: writes to stderr only (stdout belongs to the MCP protocol in stdio mode),
 * scrubs secrets from every line, and satisfies Bolt's Logger interface.
 */
import { inspect } from 'node:util';
// Types only: importing Bolt's values would load all of Bolt into every process (and the MCP cold start).
import type { LogLevel, Logger as BoltLogger } from '@slack/bolt';
import { redactSecrets } from '../tools/domain/redact.js';

const ORDER: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface StderrLoggerOptions {
  level?: 'debug' | 'info' | 'warn' | 'error';
  name?: string;
  /** Literal secrets to scrub (the configured key, tokens). */
  secrets?: readonly string[];
  /** Where lines go; stderr unless a test captures them. */
  write?: (line: string) => void;
  json?: boolean;
}

export type AppLogger = BoltLogger & {
  /** Extra listeners (MCP log notifications). */
  onLine(fn: (level: string, line: string) => void): () => void;
};

export function createLogger(opts: StderrLoggerOptions = {}): AppLogger {
  let level: string = opts.level ?? 'info';
  let name = opts.name ?? 'sent-doctor';
  const secrets = [...(opts.secrets ?? [])];
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const listeners = new Set<(level: string, line: string) => void>();

  const emit = (lvl: string, msgs: unknown[]) => {
    if ((ORDER[lvl] ?? 0) < (ORDER[level] ?? 0)) return;
    const text = msgs
      .map((m) => (typeof m === 'string' ? m : m instanceof Error ? `${m.name}: ${m.message}` : inspect(m, { depth: 4, breakLength: Infinity })))
      .join(' ');
    const clean = redactSecrets(text, secrets);
    const line = opts.json
      ? JSON.stringify({ t: new Date().toISOString(), level: lvl, name, msg: clean })
      : `${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} [${name}] ${clean}`;
    write(line);
    for (const fn of listeners) fn(lvl, clean);
  };

  return {
    debug: (...m: unknown[]) => emit('debug', m),
    info: (...m: unknown[]) => emit('info', m),
    warn: (...m: unknown[]) => emit('warn', m),
    error: (...m: unknown[]) => emit('error', m),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level as LogLevel,
    setName: (n: string) => {
      name = n;
    },
    onLine: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
