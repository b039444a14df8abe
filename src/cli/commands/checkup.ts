/**
 * `sent-doctor checkup [--json]`: the account checkup (check_account) for the configured key.
 * Human output is a checklist (✓ pass, ! warn, ✗ fail, - skip) with the fix under each problem;
 * `--json` prints exactly one JSON document, `{"checks": [...], "summary": {...}}`.
 * Exit codes: 1 when any check fails, 0 otherwise; 2 for configuration errors (no key); 3 when
 * Sent cannot be reached (the program's error boundary maps the thrown errors).
 */
import type { Command } from 'commander';
import { createColors } from 'picocolors';
import type { CliDeps } from '../deps.js';
import type { ToolContext } from '../../../tools/context.js';
import { callTool } from '../../../tools/define.js';
import { checkAccount, type CheckAccountOutput } from '../../../tools/check-account.js';

export const checkupExitCode = (r: CheckAccountOutput): number => (r.summary.fail > 0 ? 1 : 0);

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;

export function renderCheckup(r: CheckAccountOutput, color: boolean, where?: string): string {
  const c = createColors(color);
  const paint = { pass: c.green, warn: c.yellow, fail: c.red, skip: c.dim } as const;
  const lines = [c.bold(`Sent account checkup${where ? ` (${where})` : ''}`), ''];
  for (const k of r.checks) {
    lines.push(`${paint[k.status](`[${MARK[k.status]}]`)} ${k.title}: ${k.detail}`);
    if (k.status === 'warn' || k.status === 'fail') {
      if (k.fix) lines.push(`    ${c.bold('Fix:')} ${k.fix}`);
      if (k.scenario) lines.push(`    ${c.dim(`Scenario: ${k.scenario} (knowledge/scenarios/${k.scenario}.md)`)}`);
    }
  }
  const s = r.summary;
  lines.push('', `${s.pass} passed, ${s.warn} ${s.warn === 1 ? 'warning' : 'warnings'}, ${s.fail} failed, ${s.skip} skipped.`);
  return lines.join('\n') + '\n';
}

export async function runCheckup(ctx: ToolContext, io: { stdout: (s: string) => void; isTTY: boolean }, json?: boolean): Promise<number> {
  const result = await callTool(checkAccount, {}, ctx);
  io.stdout(json ? JSON.stringify(result) + '\n' : renderCheckup(result, io.isTTY, ctx.sent?.baseUrl));
  return checkupExitCode(result);
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('checkup')
    .description(
      "Check the Sent account behind SENT_DM_API_KEY, read-only: key, account status, channels, WhatsApp templates, webhooks, US 10DLC. Exit 1 when a check fails, 2 for configuration errors, 3 when Sent is unreachable.",
    )
    .option('--json', 'print the result as one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const config = deps.loadConfig();
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      const ctx = deps.buildContext(config, logger);
      deps.exit(await runCheckup(ctx, deps.io, opts.json));
    });
}
