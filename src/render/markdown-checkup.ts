/** Markdown for check_account: the account checkup as a checklist, problems first with their fix. */
import type { CheckAccountOutput } from '../../tools/check-account.js';
import { code, finish, join, type RenderOptions } from './md.js';

const MARK = { fail: '✗', warn: '!', skip: '–', pass: '✓' } as const;
const ORDER = { fail: 0, warn: 1, skip: 2, pass: 3 } as const;

export function renderCheckup(r: CheckAccountOutput, opts: RenderOptions = {}): string {
  const s = r.summary;
  const sorted = [...r.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const items = sorted.map((c) => {
    const head = `- **${MARK[c.status]} ${c.title}** (${c.status}) — ${c.detail}`;
    if (c.status !== 'warn' && c.status !== 'fail') return head;
    return [head, c.fix ? `  **Fix:** ${c.fix}` : '', c.scenario ? `  Scenario: ${code(c.scenario)}` : ''].filter(Boolean).join('\n');
  });
  return finish(
    join(
      '## Account checkup',
      `**${s.fail} failed**, ${s.warn} ${s.warn === 1 ? 'warning' : 'warnings'}, ${s.pass} passed, ${s.skip} skipped.`,
      items.join('\n'),
    ),
    opts,
  );
}
