/**
 * `sent-doctor checkup [--json]`: the account checkup (check_account) for the configured key.
 * Human output is a checklist (✓ pass, ! warn, ✗ fail, – skip) with the fix under each problem;
 * `--json` prints exactly one JSON document, `{"checks": [...], "summary": {...}}`.
 * Exit codes: 1 when any check fails, 0 otherwise; 2 for configuration errors (no key); 3 when
 * Sent cannot be reached (the program's error boundary maps the thrown errors).
 */
import type { Command } from 'commander';
import type { CliDeps } from '../deps.js';
import { formatOf, setUp, type Output } from '../setup.js';
import { FORMAT_HELP } from '../options.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { checkAccount, type CheckAccountOutput } from '../../../tools/check-account.js';

export const checkupExitCode = (r: CheckAccountOutput): number => (r.summary.fail > 0 ? 1 : 0);

export async function runCheckup(ctx: ToolContext, out: Output): Promise<number> {
  const result = await callTool(checkAccount, {}, ctx);
  out.result('check_account', result, { after: ctx.sent ? `_Checked at ${ctx.sent.baseUrl} with key \`${ctx.sent.keyFingerprint}\`._` : undefined });
  return checkupExitCode(result);
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('checkup')
    .description(
      'Check the Sent account behind SENT_DM_API_KEY, read-only: key, account status, channels, WhatsApp templates, webhooks, US 10DLC. Exit 1 when a check fails, 2 for configuration errors, 3 when Sent is unreachable.',
    )
    .option('--json', 'print the result as one JSON document (same as --format json)')
    .option('--format <format>', FORMAT_HELP)
    .action(async (opts: { json?: boolean; format?: string }) => {
      const { ctx, out } = await setUp(deps, program, formatOf(opts));
      deps.exit(await runCheckup(ctx, out));
    });
}
