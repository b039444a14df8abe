import type { Command } from 'commander';
import type { z } from 'zod';
import type { CliDeps } from '../deps.js';
import { formatOf, setUp, type Output } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { lookupMessage } from '../../../tools/lookup-message.js';

export type StatusResult = z.output<typeof lookupMessage.output>;

const BAD_STATUSES = new Set(['FAILED', 'BLOCKED', 'FILTERED']);

/** 1 when the message did not get through (or is unknown), else 0. Errors reach the CLI boundary (2 bad ID / no key, 3 unreachable). */
export function statusExitCode(r: StatusResult): number {
  if (!r.found) return 1;
  if (r.status && BAD_STATUSES.has(r.status)) return 1;
  return ['failure', 'blocked', 'filtered'].includes(r.verdict.kind) ? 1 : 0;
}

export async function runStatus(id: string, ctx: ToolContext, out: Output): Promise<StatusResult> {
  const result = await callTool(lookupMessage, { message_id: id }, ctx);
  out.result('lookup_message', result);
  return result;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .description('Look up one message (UUID or msg_…) and explain its status, timeline, error codes and findings')
    .argument('<id>', 'message ID')
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .action(async (id: string, opts: { json?: boolean; format?: string }) => {
      const { ctx, out } = await setUp(deps, program, formatOf(opts));
      deps.exit(statusExitCode(await runStatus(id, ctx, out)));
    });
}
