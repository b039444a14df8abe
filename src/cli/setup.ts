/**
 * What every CLI command does before its own work, written once: read the config, make the logger,
 * build the context, and choose the output (JSON, Markdown, or terminal text). Commands ask for a
 * `Session` and never repeat these steps.
 */
import type { Command } from 'commander';
import type { ToolContext } from '../../tools/context.js';
import { InputError } from '../../tools/errors.js';
import type { Config } from '../config.js';
import { configFor, loggerFor, type KeyUse } from './config-logger.js';
import type { AppLogger } from '../log.js';
import { renderToolOutput } from '../render/markdown.js';
import { markdownToTerminal } from '../render/terminal.js';
import { useColor } from '../render/color.js';
import type { CliDeps } from './deps.js';

export type Format = 'text' | 'markdown' | 'json';
export const FORMATS: readonly Format[] = ['text', 'markdown', 'json'];

export interface SetupOptions {
  key?: KeyUse;
  /** serve, mcp: log at the configured level (default info). One-shot commands log warnings only unless LOG_LEVEL or --verbose says otherwise. */
  longRunning?: boolean;
  /** Said on stderr when a malformed key was set aside (`key: 'optional'`). */
  offlineNote?: string;
}

export interface Session {
  config: Readonly<Config>;
  logger: AppLogger;
  ctx: ToolContext;
  out: Output;
}

export interface Output {
  format: Format;
  color: boolean;
  /** One tool result: its JSON document, its Markdown (`--format markdown`), or that Markdown for the terminal. */
  result(tool: string, data: unknown, extra?: { before?: string; after?: string }): void;
  /** Markdown text in the chosen format (JSON callers print their own document). */
  markdown(md: string): void;
  json(value: unknown): void;
}

/** `--json` is short for `--format json`; anything but text/markdown/json is a usage error. */
export function formatOf(opts: { json?: boolean; format?: string }): Format {
  if (opts.json) {
    if (opts.format !== undefined && opts.format !== 'json') throw new InputError('Choose one of --json and --format.', { hint: '--json is short for --format json.' });
    return 'json';
  }
  const f = (opts.format ?? 'text').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new InputError(`--format takes text, markdown or json, not "${f.slice(0, 20)}".`, { hint: 'text (the default) is for a terminal; markdown is what the MCP server sends; json is one document.' });
  return f as Format;
}

export function createOutput(deps: CliDeps, format: Format): Output {
  const color = format === 'text' && useColor(deps.env, deps.io.isTTY);
  const markdown = (md: string) => deps.io.stdout(format === 'markdown' ? md.trimEnd() + '\n' : markdownToTerminal(md, { color }));
  return {
    format,
    color,
    json: (v) => deps.io.stdout(JSON.stringify(v) + '\n'),
    markdown,
    result(tool, data, extra = {}) {
      if (format === 'json') return deps.io.stdout(JSON.stringify(data) + '\n');
      // The operator's own terminal: numbers as the tools returned them, knowledge placeholders as CLI commands.
      const md = renderToolOutput(tool, data, { audience: 'private', surface: 'cli' });
      markdown([extra.before, md, extra.after].filter(Boolean).join('\n\n'));
    },
  };
}

/** Config, logger and context for one command run. */
export async function setUp(deps: CliDeps, program: Command, format: Format, opts: SetupOptions = {}): Promise<Session> {
  const { config, keyProblem } = configFor(deps, opts.key ?? 'required');
  const logger = loggerFor(deps, program, config, opts.longRunning);
  for (const w of config.warnings) logger.warn(w);
  if (keyProblem && opts.key === 'optional') logger.warn(`${keyProblem.message} ${opts.offlineNote ?? 'Working offline.'} Run sent-doctor check-key for details.`);
  const ctx = await deps.buildContext(config, logger);
  return { config, logger, ctx, out: createOutput(deps, format) };
}
