import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { createColors } from 'picocolors';
import type { CliDeps } from '../deps.js';
import { MAX_STDIN_BYTES } from '../deps.js';
import { loadConfig, type Config } from '../../config.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { ConfigError, InputError } from '../../../tools/errors.js';
import { validatePayload, type ValidatePayloadOutput } from '../../../tools/validate-payload.js';

export interface ValidateOptions {
  /** The payload text: JSON, a curl command or a log line. */
  text: string;
  json?: boolean;
  /** `3` (a count) or `name,order_id` (names). */
  templateVariables?: string;
}

/** The payload text from a file, or stdin for `-` / no file. */
export async function readPayloadInput(file: string | undefined, readStdin: () => Promise<string>): Promise<string> {
  return file === undefined || file === '-' ? readStdin() : readPayloadFile(file);
}

/** Validate one payload and print it; returns the result and the exit code (0 valid, 1 not valid). */
export async function runValidate(
  opts: ValidateOptions,
  ctx: ToolContext,
  io: { stdout: (s: string) => void; isTTY: boolean },
): Promise<{ result: ValidatePayloadOutput; exitCode: number }> {
  const template_variables = parseTemplateVariables(opts.templateVariables);
  const result = await callTool(validatePayload, { payload: opts.text, ...(template_variables !== undefined ? { template_variables } : {}) }, ctx);
  io.stdout(opts.json ? JSON.stringify(result) + '\n' : renderValidation(result, io.isTTY));
  return { result, exitCode: result.valid ? 0 : 1 };
}

export function parseTemplateVariables(v: string | undefined): number | string[] | undefined {
  if (v === undefined) return undefined;
  const s = v.trim();
  if (/^\d{1,3}$/.test(s) && Number(s) <= 200) return Number(s);
  const names = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (!names.length || names.length > 200 || names.some((n) => n.length > 200 || /[\s"]/.test(n)))
    throw new InputError('--template-variables takes a count (e.g. 3) or comma-separated variable names (e.g. customer_name,order_id).');
  return names;
}

async function readPayloadFile(path: string): Promise<string> {
  const shown = path.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${shown} is not a file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`Cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'unreadable'}.`, {
      hint: 'Give the path of a file holding the JSON body or curl command, or - to read stdin.',
    });
  }
  if (size > MAX_STDIN_BYTES) throw new InputError(`${shown} is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; a message payload is a few KB.`);
  return readFile(path, 'utf8');
}

const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Terminal text: findings with severity colours (only on a TTY), then the corrected payload. */
export function renderValidation(r: ValidatePayloadOutput, color: boolean): string {
  const c = createColors(color);
  const count = (sev: string) => r.findings.filter((f) => f.severity === sev).length;
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const from = { object: 'an object', json: 'JSON', curl: 'a curl command', text: 'JSON found in the text', none: 'the input' }[r.input_kind];
  const lines = [
    `${r.valid ? c.green('✔ Valid') : c.red('✖ Not valid')} — ${n(count('error'), 'error')}, ${n(count('warning'), 'warning')}, ${n(count('info'), 'note')}` +
      ` (dialect: ${r.dialect}; read from ${from})`,
  ];
  const paint = { error: c.red, warning: c.yellow, info: c.cyan };
  for (const f of r.findings) {
    lines.push(
      '',
      `  ${paint[f.severity](f.severity.padEnd(7))} ${c.bold(f.path)}  ${c.dim(f.code)}`,
      `          ${f.message}`,
      `          ${c.dim('fix:')} ${f.fix}${f.auto_fixed ? c.dim(' (done in the corrected payload)') : ''}`,
    );
  }
  if (r.corrected) {
    const json = JSON.stringify(r.corrected, null, 2).replace(BIDI, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    lines.push('', c.bold(r.findings.some((f) => f.auto_fixed) ? 'Corrected payload:' : 'Payload:'), json);
  }
  if (r.corrected_curl) lines.push('', c.bold('Corrected curl:'), r.corrected_curl);
  return lines.join('\n') + '\n';
}

/** The config for a validation: a malformed API key only costs the online template lookup. */
export function configForValidation(deps: CliDeps): { config: Readonly<Config>; warning?: string } {
  try {
    return { config: deps.loadConfig() };
  } catch (e) {
    if (!(e instanceof ConfigError) || !/API_KEY/.test(e.message)) throw e;
    return {
      config: loadConfig({ ...deps.env, SENT_DM_API_KEY: undefined, SENT_API_KEY: undefined }),
      warning: `${e.message} Validating offline (templates are not fetched); run sent-doctor check-key for details.`,
    };
  }
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('validate')
    .description('Check a POST /v3/messages payload (JSON, a curl command, or a log line with the JSON) and print the findings and a corrected payload')
    .argument('[file]', 'file with the payload; - or nothing reads stdin')
    .option('--json', 'print the result as one JSON document')
    .option('--template-variables <n>', "the template's variables: a count (3) or names (customer_name,order_id)")
    .action(async (file: string | undefined, opts: { json?: boolean; templateVariables?: string }) => {
      // Input problems first: they must not depend on the configuration.
      parseTemplateVariables(opts.templateVariables);
      const text = await readPayloadInput(file, deps.io.readStdin);
      const { config, warning } = configForValidation(deps);
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      if (warning) logger.warn(warning);
      const ctx = deps.buildContext(config, logger);
      const { exitCode } = await runValidate({ text, json: opts.json, templateVariables: opts.templateVariables }, ctx, deps.io);
      deps.exit(exitCode);
    });
}
