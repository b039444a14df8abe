/** The account checkup in Slack: the `/sent checkup` reply and the App Home section. Pure. */
import type { AccountCheck, CheckAccountOutput } from '../../../tools/check-account.js';
import { escapeMrkdwn, inlineCode, truncate } from '../safety/mrkdwn.js';
import { context, divider, section, type Block } from './kit.js';
import type { Draft } from './replies.js';

const ICON = { pass: ':white_check_mark:', warn: ':warning:', fail: ':x:', skip: ':heavy_minus_sign:' } as const;
const ORDER = { fail: 0, warn: 1, skip: 2, pass: 3 } as const;

const sorted = (r: CheckAccountOutput) => [...r.checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);

export function summaryText(r: CheckAccountOutput): string {
  const s = r.summary;
  return `${ICON.fail} ${s.fail} failed · ${ICON.warn} ${s.warn} ${s.warn === 1 ? 'warning' : 'warnings'} · ${ICON.pass} ${s.pass} passed${s.skip ? ` · ${s.skip} skipped` : ''}`;
}

function checkText(c: AccountCheck, withFix: boolean): string {
  const lines = [`${ICON[c.status]} *${escapeMrkdwn(c.title)}*: ${escapeMrkdwn(c.detail)}`];
  if (withFix && c.fix && (c.status === 'warn' || c.status === 'fail')) lines.push(`*Fix:* ${escapeMrkdwn(c.fix)}`);
  if (withFix && c.scenario && (c.status === 'warn' || c.status === 'fail')) lines.push(`Guide: ${inlineCode(c.scenario)}`);
  return lines.join('\n');
}

/** `/sent checkup`: problems first, each with its fix; the passing checks in one short list. */
export function checkupDraft(r: CheckAccountOutput): Draft {
  const all = sorted(r);
  const problems = all.filter((c) => c.status === 'fail' || c.status === 'warn');
  const rest = all.filter((c) => c.status === 'pass' || c.status === 'skip');
  const blocks: Block[] = [section(`:stethoscope: *Account checkup*\n${summaryText(r)}`)];
  for (const c of problems) blocks.push(section(checkText(c, true)));
  if (rest.length) blocks.push(divider(), section(rest.map((c) => checkText(c, false)).join('\n')));
  blocks.push(context('Read-only: sent-doctor only reads the account (GET requests) and changes nothing. The key is named by fingerprint only.'));
  return {
    blocks,
    fallback: `Account checkup: ${r.summary.fail} failed, ${r.summary.warn} warnings, ${r.summary.pass} passed`,
    pointer: 'Run `sent-doctor checkup` for the full list.',
  };
}

/** The App Home section: the summary and the problems (titles and details), or why it could not run. */
export function checkupHomeBlocks(r: CheckAccountOutput | undefined, reason?: string): Block[] {
  if (!r) return [section(`*Account checkup*\n:large_orange_circle: ${escapeMrkdwn(reason ?? 'The checkup could not run just now; try reopening this tab in a minute.')}`), divider()];
  const problems = sorted(r).filter((c) => c.status === 'fail' || c.status === 'warn');
  // Short lines: a Home section holds at most 3,000 characters.
  const lines = problems.slice(0, 8).map((c) => `${ICON[c.status]} *${escapeMrkdwn(c.title)}*: ${escapeMrkdwn(truncate(c.detail, 220))}`);
  if (problems.length > lines.length) lines.push(`…and ${problems.length - lines.length} more.`);
  return [
    section(`*Account checkup*\n${summaryText(r)}${lines.length ? `\n${lines.join('\n')}` : '\nNo problems found on the account.'}`),
    context('`/sent checkup` shows every check with its fix (only to you, with a Share button).'),
    divider(),
  ];
}
