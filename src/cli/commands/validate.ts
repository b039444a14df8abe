import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { MAX_STDIN_BYTES } from '../deps.js';
import { formatOf, setUp, type Output } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { InputError } from '../../../tools/errors.js';
import { validatePayload, type ValidatePayloadOutput } from '../../../tools/validate-payload.js';

export interface ValidateOptions {
  /** The payload text: JSON, a curl command or a log line. */
  text: string;
  /** `3` (a count) or `name,order_id` (names). */
  templateVariables?: string;
}

/** The payload text from a file, or stdin for `-` / no file. */
export async function readPayloadInput(file: string | undefined, readStdin: () => Promise<string>): Promise<string> {
  return file === undefined || file === '-' ? readStdin() : readPayloadFile(file);
}

/** Validate one payload and print it; returns the result and the exit code (0 valid, 1 not valid). */
export async function runValidate(opts: ValidateOptions, ctx: ToolContext, out: Output): Promise<{ result: ValidatePayloadOutput; exitCode: number }> {
  const template_variables = parseTemplateVariables(opts.templateVariables);
  const result = await callTool(validatePayload, { payload: opts.text, ...(template_variables !== undefined ? { template_variables } : {}) }, ctx);
  out.result('validate_payload', result);
  return { result, exitCode: result.valid ? 0 : 1 };
}

export function parseTemplateVariables(v: string | undefined): number | string[] | undefined {
  if (v === undefined) return undefined;
  const s = v.trim();
  if (/^\d{1,3}$/.test(s) && Number(s) <= 200) return Number(s);
  const names = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (!names.length || names.length > 200 || names.some((n) => n.length > 200 || /[\s"]/.test(n)))
    throw new InputError('--template-variables takes a count (e.g. 3) or comma-separated variable names (e.g. customer_name,order_id).', {
      hint: "Give the template's variable count, or its variable names in order.",
    });
  return names;
}

async function readPayloadFile(path: string): Promise<string> {
  const shown = path.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(`${shown} is not a file.`, { hint: 'Give the path of a file holding the JSON body or curl command, or - to read stdin.' });
    size = s.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`Cannot read ${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'unreadable'}.`, {
      hint: 'Give the path of a file holding the JSON body or curl command, or - to read stdin.',
    });
  }
  if (size > MAX_STDIN_BYTES)
    throw new InputError(`${shown} is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; a message payload is a few KB.`, { hint: 'Give the request body or the curl command only.' });
  return readFile(path, 'utf8');
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('validate')
    .description('Check a POST /v3/messages payload (JSON, a curl command, or a log line with the JSON) and print the findings and a corrected payload')
    .argument('[file]', 'file with the payload; - or nothing reads stdin')
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .option('--template-variables <n>', "the template's variables: a count (3) or names (customer_name,order_id)")
    .action(async (file: string | undefined, opts: { json?: boolean; format?: string; templateVariables?: string }) => {
      // Input problems first: they must not depend on the configuration.
      const format = formatOf(opts);
      parseTemplateVariables(opts.templateVariables);
      const text = await readPayloadInput(file, deps.io.readStdin);
      // A malformed API key only costs the online template lookup.
      const { ctx, out } = await setUp(deps, program, format, { key: 'optional', offlineNote: 'Validating offline (templates are not fetched).' });
      const { exitCode } = await runValidate({ text, templateVariables: opts.templateVariables }, ctx, out);
      deps.exit(exitCode);
    });
}
