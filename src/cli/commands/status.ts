import type { Command } from 'commander';
import type { z } from 'zod';
import type { CliDeps } from '../deps.js';
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

/** Plain terminal text. */
export function renderStatus(r: StatusResult): string {
  // What was found comes first.
  const lines: string[] = [`Message ${r.message_id}: ${r.verdict.cause}`, ''];
  if (r.found) {
    lines.push(`Status:      ${r.status} via ${r.channel ?? 'unknown channel'}${r.sandbox ? '  (sandbox)' : ''}`);
    if (r.recipient) lines.push(`Recipient:   ${r.recipient}${r.region_code ? ` (${r.region_code})` : ''}`);
    if (r.channel_attempted || r.fallback_reason)
      lines.push(`Fallback:    tried ${r.channel_attempted ?? '?'} → sent via ${r.channel ?? '?'} (${r.fallback_reason ?? 'no reason given'})`);
    if (r.template) lines.push(`Template:    ${[r.template.name, r.template.id].filter(Boolean).join(' / ')}${r.template.category ? ` (${r.template.category})` : ''}`);
    if (r.variables) lines.push(`Variables:   ${Object.entries(r.variables).map(([k, v]) => `${k}=${v}`).join(', ')}`);
    else if (r.body) lines.push(`Body:        ${r.body}`);
    if (r.price != null) lines.push(`Price:       ${r.price}`);
    if (r.error_codes?.length) lines.push(`Error codes: ${r.error_codes.join(', ')}`);
    if (r.timeline?.length) {
      lines.push('', 'Timeline (oldest first):');
      for (const e of r.timeline)
        lines.push(`  ${(e.at ?? '(no time)').padEnd(24)}  ${e.status.padEnd(9)} ${e.description ?? ''}${e.from ? `  [from ${e.from}]` : ''}`.trimEnd());
    }
    lines.push('');
  }
  lines.push(`Verdict:     ${r.verdict.kind.replace(/_/g, ' ')}${r.verdict.scenarios.length ? `  (see: ${r.verdict.scenarios.join(', ')})` : ''}`);
  if (r.verdict.next.length) lines.push('', 'What to check:', ...r.verdict.next.map((s) => `  - ${s}`));
  lines.push('');
  for (const w of r.warnings ?? []) lines.push(`Note: ${w}`);
  lines.push(`Looked up at ${r.looked_up_at.base_url} with key ${r.looked_up_at.key}`, '');
  return lines.join('\n');
}

export async function runStatus(opts: { id: string; json?: boolean }, ctx: ToolContext, out: (s: string) => void): Promise<StatusResult> {
  const result = await callTool(lookupMessage, { message_id: opts.id }, ctx);
  out(opts.json ? JSON.stringify(result) + '\n' : renderStatus(result));
  return result;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .description('Look up one message (UUID or msg_…) and explain its status, timeline, error codes and findings')
    .argument('<id>', 'message ID')
    .option('--json', 'print the result as one JSON document')
    .action(async (id: string, opts: { json?: boolean }) => {
      const config = deps.loadConfig();
      const logger = deps.logger(config, { verbose: program.opts().verbose });
      const ctx = deps.buildContext(config, logger);
      const result = await runStatus({ id, json: opts.json }, ctx, deps.io.stdout);
      deps.exit(statusExitCode(result));
    });
}
