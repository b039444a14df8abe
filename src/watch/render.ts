/** Markdown for the recent_failures tool (MCP text content, CLI). */
import type { RecentFailures } from '../../tools/recent-failures.js';
import { bullets, code, finish, join, type RenderOptions } from '../render/md.js';

export function renderRecentFailures(r: RecentFailures, opts: RenderOptions = {}): string {
  const label = r.window === '1h' ? 'the last hour' : 'the last 24 hours';
  const rows = r.by_scenario.map((s) => {
    const ex = s.examples.map((e) => `${code(e.message_id)} ${e.status}${e.code ? ` ${code(e.code)}` : ''}${e.recipient ? ` to ${e.recipient}` : ''}`);
    return `**${code(s.scenario)}**: ${s.count}${ex.length ? ` (e.g. ${ex.join('; ')})` : ''}`;
  });
  return finish(
    join(
      `## Failures in ${label}: ${r.total}`,
      r.total ? bullets(rows) : 'No failed, filtered or blocked message events were received in this window.',
      `_${r.since} → ${r.until}. ${r.note}_`,
    ),
    opts,
  );
}
